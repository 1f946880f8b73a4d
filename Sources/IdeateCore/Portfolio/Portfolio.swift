/// The company's innovation record as one value: every workshop added, the experiments it
/// started, its action items, its backlog, and the history of every change. The portfolio file
/// (IdeateStore) reads it whole for the report; the rules work on its parts.
///
/// It holds only what the minutes may show: no participant token, pseudonym or owner tag has a
/// field here.
public struct Portfolio: Codable, Equatable, Sendable {
    public var workshops: [Workshop]
    public var experiments: [Experiment]
    public var actionItems: [TrackedActionItem]
    public var backlog: [BacklogIdea]
    /// Oldest first.
    public var history: [HistoryEntry]

    public init(
        workshops: [Workshop] = [], experiments: [Experiment] = [], actionItems: [TrackedActionItem] = [],
        backlog: [BacklogIdea] = [], history: [HistoryEntry] = []
    ) {
        self.workshops = workshops
        self.experiments = experiments
        self.actionItems = actionItems
        self.backlog = backlog
        self.history = history
    }
}
