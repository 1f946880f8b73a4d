/// An action item from a workshop, followed in the portfolio until it is done, stuck or
/// dropped: items without a status and a date are how retrospectives let follow-up rot.
public struct TrackedActionItem: Codable, Equatable, Sendable, Identifiable {
    /// Where an action item stands.
    public enum Status: String, Codable, CaseIterable, Sendable {
        case open, done, stuck, dropped

        /// Done and dropped are final; a stuck item can still move.
        public var isClosed: Bool { self == .done || self == .dropped }
    }

    public let id: ActionItemID
    public var what: String
    /// Whoever the group named; not a participant's identity.
    public var owner: String
    public var due: CalendarDate?
    public var status: Status
    /// The day the status last changed (nil while it is open since the workshop).
    public var statusDate: CalendarDate?
    public var workshop: RunIdentity?
    /// 1 for the workshop's first round.
    public var round: Int?
    /// The idea it follows up, as the workshop wrote it.
    public var idea: String?

    public init(
        id: ActionItemID, what: String, owner: String, due: CalendarDate?, status: Status = .open, statusDate: CalendarDate? = nil,
        workshop: RunIdentity? = nil, round: Int? = nil, idea: String? = nil
    ) {
        self.id = id
        self.what = what
        self.owner = owner
        self.due = due
        self.status = status
        self.statusDate = statusDate
        self.workshop = workshop
        self.round = round
        self.idea = idea
    }

    /// Not closed and its due date passed before `today`.
    public func isOverdue(on today: CalendarDate) -> Bool {
        guard !status.isClosed, let due else { return false }
        return due < today
    }
}
