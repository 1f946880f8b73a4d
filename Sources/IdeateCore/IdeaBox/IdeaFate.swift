/// What the review decided about a backlog idea — the fate its author is shown. Workshop ideas
/// arrive kept (the room already saw them); box ideas arrive new and wait for a review.
public enum IdeaFate: Codable, Equatable, Sendable, CustomStringConvertible {
    /// In the box, not yet reviewed.
    case new
    /// Kept in the backlog for later.
    case kept
    /// The same as another idea or an experiment, and followed there from now on.
    case merged(into: PortfolioSubject)
    /// Became this experiment.
    case promoted(ExperimentID)
    /// To be brought to the next workshop.
    case takenToWorkshop
    /// Not pursued (the answer says why).
    case declined

    /// What it was merged into, for a merge.
    public var mergeTarget: PortfolioSubject? {
        if case let .merged(into) = self { into } else { nil }
    }

    /// Whether a review has decided about it.
    public var isDecided: Bool { self != .new }

    public var description: String {
        switch self {
        case .new: "new"
        case .kept: "kept in the backlog"
        case let .merged(into): "merged into \(into)"
        case let .promoted(experiment): "promoted to experiment \(experiment)"
        case .takenToWorkshop: "taken to the next workshop"
        case .declined: "declined"
        }
    }
}

/// A decision a reviewer makes about a new or backlog idea. Promoting takes a test card and is
/// ``PortfolioEdit/promote(_:_:)``; the others are this.
public enum ReviewDecision: Equatable, Sendable, CustomStringConvertible {
    case keep
    case merge(into: PortfolioSubject)
    case takeToWorkshop
    case decline

    /// The fate the idea has after it.
    public var fate: IdeaFate {
        switch self {
        case .keep: .kept
        case let .merge(into): .merged(into: into)
        case .takeToWorkshop: .takenToWorkshop
        case .decline: .declined
        }
    }

    public var description: String { fate.description }
}

/// What the reviewer tells the author about their idea: why, what next. At most
/// ``maximumCharacters``, kept as typed (made visible where it is shown), with its day.
public struct ReviewAnswer: Codable, Equatable, Sendable {
    /// As short as a message the author reads on a phone.
    public static let maximumCharacters = 280

    public var text: String
    public var date: CalendarDate

    public init(text: String, date: CalendarDate) {
        self.text = text
        self.date = date
    }

    /// An answer as typed, checked: trimmed, not empty, at most ``maximumCharacters``
    /// characters (and four bytes each: one letter cannot carry a thousand accents).
    public init(checking typed: String, on date: CalendarDate) throws(PortfolioRefusal) {
        let trimmed = typed.trimmingWhitespace
        guard !trimmed.isEmpty else { throw .missing([.answer]) }
        guard trimmed.count <= Self.maximumCharacters, trimmed.utf8.count <= Self.maximumCharacters * IdeaText.bytesPerCharacter else {
            throw .answerTooLong(characters: trimmed.count)
        }
        self.init(text: trimmed, date: date)
    }
}
