/// An action item a follow-up round shows because it is still open (or stuck): what, who, by
/// when, and the workshop it came from. Taken from the portfolio when the run starts and stored
/// in the run file (``Event/actionItemsShown(_:)``), like ``EarlierExperiment``.
public struct OpenActionItem: Codable, Equatable, Sendable {
    /// The portfolio's id, e.g. `A3`.
    public var id: String
    public var what: String
    public var owner: String
    public var due: CalendarDate?
    public var isStuck: Bool
    /// Past its due date on the day the run started.
    public var isOverdue: Bool
    public var workshop: String?

    public init(id: String, what: String, owner: String, due: CalendarDate? = nil, isStuck: Bool = false, isOverdue: Bool = false,
                workshop: String? = nil) {
        self.id = id
        self.what = what
        self.owner = owner
        self.due = due
        self.isStuck = isStuck
        self.isOverdue = isOverdue
        self.workshop = workshop
    }

    /// At most this many: the round's one page of them, overdue first.
    public static let shown = 12

    /// The open and stuck action items of `portfolio` on `today`, soonest due first (those
    /// without a date last), at most ``shown``.
    public static func review(of portfolio: Portfolio, today: CalendarDate) -> [OpenActionItem] {
        let workshops = Dictionary(portfolio.workshops.map { ($0.run, $0.title) }, uniquingKeysWith: { first, _ in first })
        return portfolio.actionItems.filter { !$0.status.isClosed }
            .sorted { ($0.due?.daysSince1970 ?? .max, $0.id) < ($1.due?.daysSince1970 ?? .max, $1.id) }
            .prefix(shown)
            .map { OpenActionItem(id: $0.id.description, what: $0.what, owner: $0.owner, due: $0.due, isStuck: $0.status == .stuck,
                                  isOverdue: $0.isOverdue(on: today), workshop: $0.workshop.flatMap { workshops[$0] }) }
    }
}
