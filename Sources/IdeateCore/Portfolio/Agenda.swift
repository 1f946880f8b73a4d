/// What the follow-up screen lists, in the order a review meeting goes through it: the idea
/// box's new ideas first (oldest week first), then what is due or overdue (review dates reached,
/// action items past due; by date, an experiment before an action item on the same day, then by
/// number), the rest by state, the backlog last. The rule lives here, once: a portfolio in memory
/// applies it with ``AgendaWindow/of(_:today:range:)``; the portfolio file answers the same
/// window with a query per section, reading only the rows asked for.
public enum AgendaSection: String, CaseIterable, Sendable {
    case box = "New in the idea box"
    case due = "Due or overdue"
    case running = "Running"
    case planned = "Planned"
    case actionItems = "Open action items"
    case learned = "Learned"
    case backlog = "Backlog"
    case closed = "Closed action items"
}

/// One thing in the portfolio that can be chosen and changed.
public enum AgendaItem: Equatable, Sendable {
    case experiment(Experiment)
    case actionItem(TrackedActionItem)
    case backlogIdea(BacklogIdea)

    public var subject: PortfolioSubject {
        switch self {
        case let .experiment(experiment): .experiment(experiment.id)
        case let .actionItem(item): .actionItem(item.id)
        case let .backlogIdea(idea): .backlogIdea(idea.id)
        }
    }

    public var title: String {
        switch self {
        case let .experiment(experiment): experiment.title
        case let .actionItem(item): item.what
        case let .backlogIdea(idea): idea.text
        }
    }
}

/// An item with the section it is listed in.
public struct AgendaEntry: Equatable, Sendable {
    public var section: AgendaSection
    public var item: AgendaItem

    public init(section: AgendaSection, item: AgendaItem) {
        self.section = section
        self.item = item
    }
}

/// The counts a follow-up screen shows whatever it has scrolled to.
public struct AgendaCounts: Equatable, Sendable {
    /// Entries per section (absent: none).
    public var sections: [AgendaSection: Int]
    public var stages: [Experiment.Stage: Int]
    public var openActionItems: Int
    public var backlogIdeas: Int

    public init(sections: [AgendaSection: Int], stages: [Experiment.Stage: Int], openActionItems: Int, backlogIdeas: Int) {
        self.sections = sections
        self.stages = stages
        self.openActionItems = openActionItems
        self.backlogIdeas = backlogIdeas
    }

    /// Entries in all sections.
    public var total: Int { AgendaSection.allCases.reduce(0) { $0 + (sections[$1] ?? 0) } }

    /// Where `section` starts in the whole agenda.
    public func start(of section: AgendaSection) -> Int {
        AgendaSection.allCases.prefix { $0 != section }.reduce(0) { $0 + (sections[$1] ?? 0) }
    }
}

/// A stretch of the agenda: the counts, and the entries from ``start`` on, with the workshops
/// they name — what one screen (and some rows either side) needs, however large the portfolio.
public struct AgendaWindow: Equatable, Sendable {
    public var counts: AgendaCounts
    public var start: Int
    public var entries: [AgendaEntry]
    public var workshops: [RunIdentity: Workshop]
    /// For the window's ideas that came back: how many times the same idea (``IdeaFingerprint``)
    /// has been written so far, this one included (2 or more).
    public var timesWritten: [BacklogIdeaID: Int]

    public init(counts: AgendaCounts, start: Int, entries: [AgendaEntry], workshops: [RunIdentity: Workshop],
                timesWritten: [BacklogIdeaID: Int] = [:]) {
        self.counts = counts
        self.start = start
        self.entries = entries
        self.workshops = workshops
        self.timesWritten = timesWritten
    }

    /// The indices of the whole agenda this window holds.
    public var range: Range<Int> { start..<(start + entries.count) }

    /// The window `range` of `portfolio`'s agenda on `today` (clamped to the agenda).
    public static func of(_ portfolio: Portfolio, today: CalendarDate, range: Range<Int>) -> AgendaWindow {
        let all = entries(of: portfolio, today: today)
        let clamped = range.clamped(to: 0..<all.count)
        let sections = all.reduce(into: [AgendaSection: Int]()) { counts, entry in counts[entry.section, default: 0] += 1 }
        let counts = AgendaCounts(
            sections: sections, stages: portfolio.experiments.reduce(into: [:]) { counts, experiment in counts[experiment.state.stage, default: 0] += 1 },
            openActionItems: portfolio.actionItems.count { !$0.status.isClosed }, backlogIdeas: sections[.backlog] ?? 0)
        let entries = Array(all[clamped])
        var written: [BacklogIdeaID: Int] = [:]
        let shown = entries.compactMap { entry -> BacklogIdea? in if case let .backlogIdea(idea) = entry.item { idea } else { nil } }
        if !shown.isEmpty {
            let byFingerprint = Dictionary(grouping: portfolio.backlog, by: \.fingerprint)
            for idea in shown {
                let times = byFingerprint[idea.fingerprint, default: []].count { $0.id <= idea.id }
                if times >= 2 { written[idea.id] = times }
            }
        }
        return AgendaWindow(counts: counts, start: clamped.lowerBound, entries: entries,
                            workshops: Dictionary(portfolio.workshops.map { ($0.run, $0) }, uniquingKeysWith: { first, _ in first }),
                            timesWritten: written)
    }

    /// Where `subject` stands in `portfolio`'s agenda on `today`.
    public static func position(of subject: PortfolioSubject, in portfolio: Portfolio, today: CalendarDate) -> Int? {
        entries(of: portfolio, today: today).firstIndex { $0.item.subject == subject }
    }

    /// The whole agenda, in order.
    static func entries(of portfolio: Portfolio, today: CalendarDate) -> [AgendaEntry] {
        var entries: [AgendaEntry] = []
        entries.reserveCapacity(portfolio.experiments.count + portfolio.actionItems.count + portfolio.backlog.count)
        let newIdeas = portfolio.backlog.filter { $0.fate == .new }
            .sorted { ($0.arrivalWeek?.monday.daysSince1970 ?? 0, $0.id.number) < ($1.arrivalWeek?.monday.daysSince1970 ?? 0, $1.id.number) }
        for idea in newIdeas { entries.append(AgendaEntry(section: .box, item: .backlogIdea(idea))) }
        let due = portfolio.experiments.filter { $0.isDue(on: today) }
        let dueItems = due.map { (date: $0.card.reviewDate!, kind: 0, number: $0.id.number, item: AgendaItem.experiment($0)) }
            + portfolio.actionItems.filter { $0.isOverdue(on: today) }.map { (date: $0.due!, kind: 1, number: $0.id.number, item: AgendaItem.actionItem($0)) }
        for entry in dueItems.sorted(by: { ($0.date.daysSince1970, $0.kind, $0.number) < ($1.date.daysSince1970, $1.kind, $1.number) }) {
            entries.append(AgendaEntry(section: .due, item: entry.item))
        }
        let dueIDs = Set(due.map(\.id))
        let experiments = portfolio.experiments.sorted { $0.id < $1.id }
        let actionItems = portfolio.actionItems.sorted { $0.id < $1.id }
        for (section, stage) in [(AgendaSection.running, Experiment.Stage.running), (.planned, .planned)] {
            for experiment in experiments where experiment.state.stage == stage && !dueIDs.contains(experiment.id) {
                entries.append(AgendaEntry(section: section, item: .experiment(experiment)))
            }
        }
        for item in actionItems where !item.status.isClosed && !item.isOverdue(on: today) {
            entries.append(AgendaEntry(section: .actionItems, item: .actionItem(item)))
        }
        for experiment in experiments where experiment.state.stage == .learned {
            entries.append(AgendaEntry(section: .learned, item: .experiment(experiment)))
        }
        for idea in portfolio.backlog.sorted(by: { $0.id < $1.id }) where idea.promotedTo == nil && idea.fate != .new {
            entries.append(AgendaEntry(section: .backlog, item: .backlogIdea(idea)))
        }
        for item in actionItems where item.status.isClosed {
            entries.append(AgendaEntry(section: .closed, item: .actionItem(item)))
        }
        return entries
    }
}
