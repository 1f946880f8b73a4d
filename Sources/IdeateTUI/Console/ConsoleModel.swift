import Foundation
import IdeateCore

/// The console's own state, beside the session's: where the cursor is, what is marked, which
/// overlay is open, what can be undone. Keys change it (``handle(_:state:now:)``); screens read it.
public struct ConsoleModel: Equatable, Sendable {
    /// A panel drawn over the screen.
    public enum Overlay: Equatable, Sendable {
        case help
        case confirmQuit
        case confirmAdvance(String)
        case input(InputPurpose, text: String)
        case review(ReviewForm)
    }

    /// What a one-line input is for.
    public enum InputPurpose: Equatable, Sendable {
        case spokenIdea
        case clusterName([IdeaID])
        case renameCluster(String)
        case search
    }

    /// A short message in the status line after an action.
    public struct Status: Equatable, Sendable {
        public var text: String
        public var isProblem: Bool

        public init(text: String, isProblem: Bool) {
            self.text = text
            self.isProblem = isProblem
        }
    }

    public var cursor = 0
    /// On the idea wall the cursor shows only once the facilitator moves it: a highlighted idea
    /// on the projector would look like a judgement.
    public var cursorVisible = false
    public var scroll = 0
    public var marked: Set<IdeaID> = []
    public var overlay: Overlay?
    /// Inverse commands of the grouping actions done so far, one group per key, newest last.
    public var undoStack: [[FacilitatorCommand]] = []
    public var status: Status?
    /// Filters the idea lists while not empty.
    public var searchQuery = ""
    /// The page of the follow-up round on the shared screen while it shows (the session stays in
    /// the lobby meanwhile); nil for the lobby itself and every later screen.
    public var earlierPage: Int?
    /// Pairs the facilitator said are not the same (D while grouping), kept for the phase.
    public var dismissedDuplicates: Set<[IdeaID]> = []
    /// What the console suggests, worked out once per change of the session rather than per
    /// frame (``settle(for:)``): the likely duplicate pair while grouping, and for the idea at the
    /// head of the moderation queue the wall idea it is most like.
    public private(set) var suggestions = Suggestions()
    /// The phase the cursor belongs to; a new phase resets cursor and marks.
    var phaseKey: String = ""

    /// See ``suggestions``.
    public struct Suggestions: Equatable, Sendable {
        public var duplicate: LikelyDuplicate?
        public var queueHeadTwin: IdeaID?
        var revision: Int?
        var dismissedCount = 0
    }

    public init() {}

    /// Follows `state` (a new phase starts at the top of its list) and keeps the cursor on an
    /// idea that is there; the console does this after every change, before it draws.
    public mutating func settle(for state: SessionState) {
        follow(state)
        // The list (filtered by the search, which costs on a large wall) only when it matters.
        if cursor > 0 { cursor = min(cursor, max(0, ConsoleLists.ideas(for: state, model: self).count - 1)) }
        suggest(for: state)
    }

    private mutating func suggest(for state: SessionState) {
        guard suggestions.revision != state.revision || suggestions.dismissedCount != dismissedDuplicates.count else { return }
        let round = state.displayRound
        suggestions = Suggestions(revision: state.revision, dismissedCount: dismissedDuplicates.count)
        if state.currentPhase == .group {
            suggestions.duplicate = state.likelyDuplicates(round: round, limit: 1, dismissed: dismissedDuplicates).first
        }
        if let head = state.heldIdeas(round: round).first { suggestions.queueHeadTwin = state.mostSimilarOnWall(to: head)?.id }
    }

    /// Resets what belongs to one screen when the session moves on.
    public mutating func follow(_ state: SessionState) {
        let key = "\(state.stage)-\(state.isLocked)"
        guard key != phaseKey else { return }
        phaseKey = key
        // A run with a follow-up round opens on it; the first round ends it.
        earlierPage = state.stage == .lobby && state.earlierExperiments != nil ? 0 : nil
        cursor = 0
        cursorVisible = false
        scroll = 0
        marked = []
        dismissedDuplicates = []
        if case .review = overlay { overlay = nil }
        if case .confirmAdvance = overlay { overlay = nil }
    }
}

/// What the console asks the app to do after a key.
public enum ConsoleAction: Equatable, Sendable {
    /// Execute the commands in order; each that succeeds pushes its inverse (if any) onto one
    /// undo group, and `done` is shown when all succeeded. When one is refused, `reopening`
    /// (a form with everything typed into it) comes back, so a refusal loses nothing.
    case perform([Step], done: String, reopening: ConsoleModel.Overlay? = nil)
    /// Execute the newest undo group (already taken off the stack).
    case undo([FacilitatorCommand])
    case quit

    /// A command and the command that takes it back.
    public struct Step: Equatable, Sendable {
        public var command: FacilitatorCommand
        public var inverse: FacilitatorCommand?

        public init(_ command: FacilitatorCommand, inverse: FacilitatorCommand? = nil) {
            self.command = command
            self.inverse = inverse
        }
    }

    static func send(_ command: FacilitatorCommand, inverse: FacilitatorCommand? = nil, done: String) -> ConsoleAction {
        .perform([Step(command, inverse: inverse)], done: done)
    }
}

/// The ideas a screen lists, in order, after the search filter: the list the cursor moves in.
/// Ids only, so a screen looks up just the ideas it draws.
public enum ConsoleLists {
    public static func ideas(for state: SessionState, model: ConsoleModel) -> [IdeaID] {
        let round = state.displayRound
        let base: [IdeaID]
        switch state.stage {
        case .running(_, .group): base = state.revealedIdeas(round: round).filter { $0.mergedInto == nil }.map(\.id)
        case .running(_, .vote) where state.isLocked, .running(_, .review), .finished:
            base = (state.results(round: round) ?? []).map(\.idea.id)
        default: base = state.wallIdeaIDs(round: round)
        }
        guard !model.searchQuery.isEmpty else { return base }
        let query = model.searchQuery
        return base.filter { id in
            guard let idea = state.ideas[id] else { return false }
            return idea.text.range(of: query, options: .caseInsensitive) != nil
                || (idea.cluster?.range(of: query, options: .caseInsensitive) != nil)
        }
    }
}
