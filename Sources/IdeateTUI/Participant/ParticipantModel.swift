import Foundation
import IdeateCore

/// The participant's screen state: the server's latest view, the ideas this person sent
/// (remembered here, never by the server), the text box, and the cursor.
public struct ParticipantModel: Equatable, Sendable {
    /// One of my ideas and how far it got.
    public struct MyIdea: Equatable, Sendable {
        public enum Status: Equatable, Sendable {
            case sending, saved, late, withdrawn
            case refused(String)
        }

        public var requestID: String
        public var ideaID: String?
        public var text: String
        public var status: Status
    }

    public enum Focus: Equatable, Sendable { case input, list }

    public var view: ParticipantView?
    /// When the view arrived: the countdown runs on from there locally.
    public var viewReceivedAt: Instant?
    public var myIdeas: [MyIdea] = []
    public var input = ""
    /// The idea being edited, when the text box holds an edit.
    public var editing: String?
    public var focus: Focus = .input
    public var cursor = 0
    public var connection = "connecting…"
    public var notice: String?
    public var confirmingQuit = false
    public var showingHelp = false

    public init() {}

    /// A new view from the server, received at `now`.
    public mutating func received(_ view: ParticipantView, at now: Instant) {
        var view = view
        viewReceivedAt = now
        if view.wallUnchanged == true { view.wall = self.view?.wall }
        if view.stage != self.view?.stage {
            cursor = 0
            focus = view.stage == "ideate" || view.stage == "build" ? .input : .list
        }
        self.view = view
    }

    /// The server's answer to request `requestID`.
    public mutating func answered(_ requestID: String, ok: Bool, idea: String?, late: Bool, message: String?) {
        if let index = myIdeas.firstIndex(where: { $0.requestID == requestID }) {
            if ok {
                myIdeas[index].ideaID = idea
                myIdeas[index].status = late ? .late : .saved
            } else {
                myIdeas[index].status = .refused(message ?? "refused")
                // A refused new idea goes back into an empty text box, ready to send again.
                if input.isEmpty, editing == nil, myIdeas[index].ideaID == nil { input = myIdeas[index].text }
            }
        }
        if !ok || late { notice = message }
    }

    /// The time left at `now`, counted down locally from the last view.
    public func remainingMilliseconds(at now: Instant) -> Int64? {
        guard let view, let remaining = view.remainingMilliseconds else { return nil }
        guard !view.paused, !view.locked, let received = viewReceivedAt else { return remaining }
        return max(0, remaining - now.milliseconds(since: received))
    }

    public var ideasFlow: Bool { view?.stage == "ideate" || view?.stage == "build" }
}

/// What the participant app must send after a key.
public enum ParticipantAction: Equatable, Sendable {
    case send(ClientMessageDraft)
    case quit
}

/// A message to send, with the request id the model already uses to track it.
public struct ClientMessageDraft: Equatable, Sendable {
    public enum Kind: String, Sendable { case submit, edit, withdraw, vote, unvote }
    public var kind: Kind
    public var requestID: String
    public var text: String?
    public var idea: String?
    public var extends: String?

    public init(kind: Kind, requestID: String, text: String? = nil, idea: String? = nil, extends: String? = nil) {
        self.kind = kind
        self.requestID = requestID
        self.text = text
        self.idea = idea
        self.extends = extends
    }
}
