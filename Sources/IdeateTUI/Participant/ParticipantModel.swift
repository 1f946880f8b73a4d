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
    /// Asking for the join code (before joining, or again after a wrong one).
    public var codeEntry: CodeEntry?
    public var notice: String?
    public var confirmingQuit = false
    public var showingHelp = false

    /// The join code being typed, and why it is asked for again.
    public struct CodeEntry: Equatable, Sendable {
        public var text = ""
        /// What went wrong with the last code ("wrong code — check the shared screen").
        public var problem: String?
        /// Sent and waiting for the server's answer; keys wait too.
        public var isChecking = false

        public init(text: String = "", problem: String? = nil) {
            self.text = text
            self.problem = problem
        }
    }

    public init() {}

    /// Something the server (or the connection) said, received at `now`.
    public mutating func apply(_ update: ParticipantUpdate, at now: Instant) {
        switch update {
        case .connected:
            connection = "connected"
            codeEntry = nil
        case let .reconnecting(reason):
            connection = "reconnecting (\(reason))…"
        case let .view(view):
            received(view, at: now)
        case let .answered(requestID, ok, idea, late, message):
            answered(requestID, ok: ok, idea: idea, late: late, message: message)
        case let .needsCode(problem):
            connection = "not joined"
            // What was typed stays, so a wrong letter is fixed rather than typed again.
            codeEntry = CodeEntry(text: codeEntry?.text ?? "", problem: problem)
        case let .stopped(reason):
            connection = "not connected"
            codeEntry = nil
            notice = reason
        case let .notice(text):
            notice = text
        }
    }

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
    /// Join (again) with this code.
    case join(code: String)
    case quit
}

/// What reaches a participant's screen, whichever way they joined (`ideate join`, ssh): the
/// front end turns its connection's messages into these.
public enum ParticipantUpdate: Equatable, Sendable {
    case connected
    /// The connection dropped and is being made again.
    case reconnecting(String)
    case view(ParticipantView)
    /// The answer to one of this participant's requests.
    case answered(requestID: String, ok: Bool, idea: String?, late: Bool, message: String?)
    /// The code is missing or was refused: ask for it, saying why (nil the first time).
    case needsCode(String?)
    /// The server ended the connection for good (locked room, too many tries…), with why.
    case stopped(String)
    /// A passing message (slow down, not saved…).
    case notice(String)
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
