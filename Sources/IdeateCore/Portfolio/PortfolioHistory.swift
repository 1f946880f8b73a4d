/// One change in the portfolio, with its day and a short note: the history is part of the
/// company's memory (why an item was dropped, what a pivot was about), so it is kept with every
/// change and never edited.
public struct HistoryEntry: Codable, Equatable, Sendable {
    public var subject: PortfolioSubject
    public var date: CalendarDate
    public var change: PortfolioChange
    /// What the person who made the change said about it; may be empty.
    public var note: String

    public init(subject: PortfolioSubject, date: CalendarDate, change: PortfolioChange, note: String = "") {
        self.subject = subject
        self.date = date
        self.change = change
        self.note = note
    }
}

/// What a history entry is about.
public enum PortfolioSubject: Hashable, Codable, Sendable, CustomStringConvertible {
    case experiment(ExperimentID)
    case actionItem(ActionItemID)
    case backlogIdea(BacklogIdeaID)

    /// `E12`, `A3` or `B40` (any case) as what it names; nil for anything else.
    public init?(_ text: String) {
        let trimmed = text.trimmingWhitespace
        switch trimmed.first {
        case "E", "e": guard let id = ExperimentID(trimmed) else { return nil }; self = .experiment(id)
        case "A", "a": guard let id = ActionItemID(trimmed) else { return nil }; self = .actionItem(id)
        case "B", "b": guard let id = BacklogIdeaID(trimmed) else { return nil }; self = .backlogIdea(id)
        default: return nil
        }
    }

    /// `B3` or `E2` as what an idea may merge into; nil for anything else.
    public init?(mergeTarget text: String) {
        guard let subject = PortfolioSubject(text), subject.isMergeTarget else { return nil }
        self = subject
    }

    private var isMergeTarget: Bool {
        if case .actionItem = self { false } else { true }
    }

    public var description: String {
        switch self {
        case let .experiment(id): id.description
        case let .actionItem(id): id.description
        case let .backlogIdea(id): id.description
        }
    }
}

/// What happened, as a value: the report words it, and tools read it from the JSON.
public enum PortfolioChange: Codable, Equatable, Sendable, CustomStringConvertible {
    /// Came in with a finished workshop.
    case addedFromWorkshop
    case started
    case learned(LearningCard.Outcome, LearningCard.Decision)
    case actionItemStatus(from: TrackedActionItem.Status, to: TrackedActionItem.Status)
    case promoted(to: ExperimentID)
    case promotedFrom(BacklogIdeaID)
    case followUpOpened(ExperimentID)
    case followsUp(ExperimentID)
    /// A review's decision about a new or backlog idea.
    case reviewed(IdeaFate)
    /// Another idea was merged into this item.
    case mergedFrom(BacklogIdeaID)
    /// The reviewer answered the idea's author with this text.
    case answered(String)
    /// Shown to everyone, or kept for its author only.
    case board(shown: Bool)
    /// A change taken back (`u` on the follow-up screen): the item is as it was before it.
    indirect case undone(PortfolioChange)

    /// Whether it tells an idea's author something: a decision, an answer, a promotion (what the
    /// record counts as a first answer, and a review as having happened).
    public var answersTheAuthor: Bool {
        switch self {
        case .reviewed, .answered, .promoted: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .addedFromWorkshop: "added from the workshop"
        case .started: "started"
        case let .learned(outcome, decision): "learned: \(outcome.rawValue); therefore we will \(decision.phrase)"
        case let .actionItemStatus(from, to): "\(from.rawValue) → \(to.rawValue)"
        case let .promoted(to): "promoted to experiment \(to)"
        case let .promotedFrom(idea): "promoted from backlog idea \(idea)"
        case let .followUpOpened(next): "follow-up experiment \(next) opened"
        case let .followsUp(previous): "opened to test again after \(previous)"
        case let .reviewed(fate): "reviewed: \(fate)"
        case let .mergedFrom(idea): "\(idea) merged into it"
        case let .answered(text): "answered: \(text)"
        case let .board(shown): shown ? "shown on the board" : "kept off the board, for its author only"
        case let .undone(change): "undone: \(change)"
        }
    }
}
