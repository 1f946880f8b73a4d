/// What the portfolio report says, computed once from a ``Portfolio`` and "today" and shared by
/// the Markdown, CSV and JSON writers (as ``MinutesReport`` is for the minutes): what is due,
/// how the experiments stand, which action items are overdue, which backlog ideas keep coming
/// back, and what each workshop led to.
public struct PortfolioReport: Equatable, Sendable {
    /// Ideas of the backlog that are the same idea (see ``IdeaFingerprint``), across workshops.
    public struct BacklogGroup: Equatable, Sendable {
        /// The text as first written.
        public var text: String
        public var ideas: [BacklogIdea]
        /// In how many workshops the idea was written: 1 the first time, 2 once it came back.
        public var workshopCount: Int
        public var isParked: Bool { ideas.contains { $0.kind == .parked } }
        public var wasShortlisted: Bool { ideas.contains { $0.kind == .shortlisted } }
        public var promotedTo: [ExperimentID] { ideas.compactMap(\.promotedTo) }
    }

    /// One workshop and what came out of it.
    public struct WorkshopEntry: Equatable, Sendable {
        public var workshop: Workshop
        public var experiments: [Experiment.Stage: Int]
        public var outcomes: [LearningCard.Outcome: Int]
        public var actionItems: [TrackedActionItem.Status: Int]
        public var backlogCount: Int
    }

    public var today: CalendarDate
    /// In the order they were added.
    public var workshops: [WorkshopEntry]
    /// By number.
    public var experiments: [Experiment]
    /// Not learned yet with the review date reached, the longest overdue first.
    public var due: [Experiment]
    public var stageCounts: [Experiment.Stage: Int]
    public var outcomeCounts: [LearningCard.Outcome: Int]
    /// Open and stuck items: overdue first (the longest overdue first), then by due date.
    public var openActionItems: [TrackedActionItem]
    /// Done and dropped items, by number.
    public var closedActionItems: [TrackedActionItem]
    /// The most often returning first; ties by first appearance.
    public var backlog: [BacklogGroup]
    public var backlogCount: Int
    public var history: [PortfolioSubject: [HistoryEntry]]
    /// Ideas in from the box and from workshops, and how fast box ideas were answered.
    public var intake: IntakeReport
    private var workshopsByRun: [RunIdentity: Workshop]

    public init(_ portfolio: Portfolio, today: CalendarDate, rhythm: ReviewRhythm = .standard) {
        self.today = today
        experiments = portfolio.experiments.sorted { $0.id < $1.id }
        due = experiments.filter { $0.isDue(on: today) }
            .sorted { ($0.card.reviewDate!, $0.id) < ($1.card.reviewDate!, $1.id) }
        stageCounts = Dictionary(grouping: experiments, by: \.state.stage).mapValues(\.count)
        outcomeCounts = Dictionary(grouping: experiments.compactMap(\.learning), by: \.outcome).mapValues(\.count)
        let items = portfolio.actionItems.sorted { $0.id < $1.id }
        let farFuture = CalendarDate(daysSince1970: .max / 2)
        openActionItems = items.filter { !$0.status.isClosed }.sorted { ($0.due ?? farFuture, $0.id) < ($1.due ?? farFuture, $1.id) }
        closedActionItems = items.filter(\.status.isClosed)
        backlogCount = portfolio.backlog.count
        backlog = Self.groups(portfolio.backlog)
        history = Dictionary(grouping: portfolio.history, by: \.subject)
        intake = IntakeReport(portfolio, history: history, today: today, rhythm: rhythm)
        workshopsByRun = Dictionary(portfolio.workshops.map { ($0.run, $0) }, uniquingKeysWith: { first, _ in first })
        let experimentsByRun = Dictionary(grouping: experiments.filter { $0.workshop != nil }, by: { $0.workshop! })
        let itemsByRun = Dictionary(grouping: items.filter { $0.workshop != nil }, by: { $0.workshop! })
        let backlogByRun = Dictionary(grouping: portfolio.backlog.filter { $0.workshop != nil }, by: { $0.workshop! })
        workshops = portfolio.workshops.map { workshop in
            let experiments = experimentsByRun[workshop.run] ?? []
            return WorkshopEntry(
                workshop: workshop,
                experiments: Dictionary(grouping: experiments, by: \.state.stage).mapValues(\.count),
                outcomes: Dictionary(grouping: experiments.compactMap(\.learning), by: \.outcome).mapValues(\.count),
                actionItems: Dictionary(grouping: itemsByRun[workshop.run] ?? [], by: \.status).mapValues(\.count),
                backlogCount: backlogByRun[workshop.run]?.count ?? 0)
        }
    }

    /// The workshop an item came from, when it is in the portfolio.
    public func workshop(_ run: RunIdentity?) -> Workshop? { run.flatMap { workshopsByRun[$0] } }

    /// Days past `date` (positive when overdue on ``today``).
    public func daysOverdue(_ date: CalendarDate) -> Int { date.days(until: today) }

    private static func groups(_ backlog: [BacklogIdea]) -> [BacklogGroup] {
        var order: [String] = []
        var members: [String: [BacklogIdea]] = [:]
        for idea in backlog.sorted(by: { $0.id < $1.id }) {
            let key = idea.fingerprint
            if members[key] == nil { order.append(key) }
            members[key, default: []].append(idea)
        }
        let groups = order.map { key in
            let ideas = members[key]!
            let workshops = Set(ideas.map { $0.workshop?.rawValue ?? "\($0.id)" }).count
            return BacklogGroup(text: ideas[0].text, ideas: ideas, workshopCount: workshops)
        }
        // A stable sort: equal counts keep the order of first appearance.
        return groups.enumerated().sorted { ($1.element.workshopCount, $0.offset) < ($0.element.workshopCount, $1.offset) }.map(\.element)
    }
}
