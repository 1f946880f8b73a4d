import Foundation
import IdeateCore
import IdeateProtocol

/// The participant's screen state: the server's latest view, the ideas this person sent
/// (remembered here, never by the server), the text box, and the cursor.
public struct ParticipantModel: Equatable, Sendable {
    /// One of my ideas and how far it got.
    public struct MyIdea: Equatable, Sendable {
        public enum Status: Equatable, Sendable {
            /// `held`: saved, waiting for the facilitator before the wall (moderation).
            case sending, saved, held, late, withdrawn
            case refused(Sentence)
        }

        public var requestID: String
        public var ideaID: String?
        public var text: String
        public var status: Status
        /// What this computer follows the idea by after the workshop (``ParticipantApp/FollowsIdeas``).
        public var receipt: OwnershipProof?

        public init(requestID: String, ideaID: String? = nil, text: String, status: Status, receipt: OwnershipProof? = nil) {
            self.requestID = requestID
            self.ideaID = ideaID
            self.text = text
            self.status = status
            self.receipt = receipt
        }
    }

    public enum Focus: Equatable, Sendable { case input, list }

    /// The language the screen speaks: the participant's own (their locale) until the server
    /// says which it speaks to them (theirs if it has it, else the room's).
    public var language: Language = .english
    public var view: ParticipantView?
    /// When the view arrived: the countdown runs on from there locally.
    public var viewReceivedAt: Instant?
    public var myIdeas: [MyIdea] = []
    public var input = ""
    /// The idea being edited, when the text box holds an edit.
    public var editing: String?
    public var focus: Focus = .input
    public var cursor = 0
    /// In `rate`: the impact typed for the chosen idea, waiting for its effort.
    public var ratingImpact: Int?
    public var connection = ConnectionState.connecting
    /// Asking for the join code (before joining, or again after a wrong one).
    public var codeEntry: CodeEntry?
    /// What to say when a code the screen did not ask for (the ssh user name) is wrong; nil
    /// for the usual sentence.
    public var givenCodeProblem: Sentence?
    /// Whether joining again works once too many wrong codes closed the connection
    /// (``ParticipantLink/canConnectAgain``); if not, the screen says to connect again.
    public var canConnectAgain = true
    public var notice: Sentence?
    public var confirmingQuit = false
    public var showingHelp = false

    /// The join code being typed, and why it is asked for again.
    public struct CodeEntry: Equatable, Sendable {
        public var text = ""
        /// What went wrong with the last code ("wrong code — check the shared screen").
        public var problem: Sentence?
        /// Sent and waiting for the server's answer; keys wait too.
        public var isChecking = false

        public init(text: String = "", problem: Sentence? = nil) {
            self.text = text
            self.problem = problem
        }
    }

    public init() {}

    /// Something the link heard (from the server, or about the connection), at `now`.
    public mutating func apply(_ event: ClientEvent, at now: Instant) {
        switch event {
        case let .connected(language):
            connection = .connected
            codeEntry = nil
            if let language = language.flatMap(Language.named) { self.language = language }
        case let .reconnecting(reason):
            connection = .reconnecting(reason)
        case let .view(view):
            received(view, at: now)
        case let .reply(reply):
            answered(reply)
        case let .problem(problem):
            heard(problem)
        }
    }

    /// A new view from the server, received at `now`.
    public mutating func received(_ view: ParticipantView, at now: Instant) {
        var view = view
        viewReceivedAt = now
        if view.wallUnchanged == true { view.wall = self.view?.wall }
        if view.stage != self.view?.stage {
            cursor = 0
            focus = view.stage.phase?.isIdeaFlow == true ? .input : .list
        }
        self.view = view
    }

    /// The server's answer to one of this participant's requests.
    public mutating func answered(_ reply: Reply) {
        if let index = myIdeas.firstIndex(where: { $0.requestID == reply.id }) {
            switch reply.outcome {
            case let .saved(idea, late, held):
                myIdeas[index].ideaID = idea
                myIdeas[index].status = late ? .late : held ? .held : .saved
            case let .refused(_, message):
                myIdeas[index].status = .refused(message)
                // A refused new idea goes back into an empty text box, ready to send again.
                if input.isEmpty, editing == nil, myIdeas[index].ideaID == nil { input = myIdeas[index].text }
            }
        }
        // A refusal, or an idea kept as late, is said; a plain "saved" shows in the list.
        if case .saved(_, late: false, _) = reply.outcome { return }
        notice = reply.message
    }

    /// A problem the server reported: a wrong code asks for it again, a final refusal ends the
    /// connection, anything else passes as a notice.
    private mutating func heard(_ problem: WireError) {
        switch problem.code {
        case .wrongCode:
            let wrongCode = Sentence(ConnectionPhrase.wrongCode)
            // A code typed here was wrong, or one given before the screen asked (its own words).
            askForCode(codeEntry == nil ? givenCodeProblem ?? wrongCode : wrongCode)
        case .tooManyTries where canConnectAgain:
            askForCode(Sentence(ParticipantPhrase.tooManyTriesAgain))
        case .tooManyTries:
            stop(Sentence(ConnectionPhrase.tooManyTries))
        default:
            if problem.stopsClient { stop(problem.message) } else { notice = problem.message }
        }
    }

    /// The code is missing or was refused: ask for it, saying why.
    private mutating func askForCode(_ problem: Sentence) {
        connection = .notJoined
        // What was typed stays, so a wrong letter is fixed rather than typed again.
        codeEntry = CodeEntry(text: codeEntry?.text ?? "", problem: problem)
    }

    /// The server ended the connection for good, with why.
    private mutating func stop(_ reason: Sentence) {
        connection = .closed
        codeEntry = nil
        notice = reason
    }

    /// The time left at `now`, counted down locally from the last view.
    public func remainingMilliseconds(at now: Instant) -> Int64? {
        guard let view, let remaining = view.remainingMilliseconds else { return nil }
        guard !view.paused, !view.locked, let received = viewReceivedAt else { return remaining }
        return max(0, remaining - now.milliseconds(since: received))
    }

    public var ideasFlow: Bool { view?.stage.phase?.isIdeaFlow == true }
}

/// What the participant app must do after a key.
public enum ParticipantAction: Equatable, Sendable {
    /// Send `request` with the id the model tracks it by.
    case send(ParticipantRequest, id: String)
    /// Join (again) with this code.
    case join(code: String)
    case quit
}
