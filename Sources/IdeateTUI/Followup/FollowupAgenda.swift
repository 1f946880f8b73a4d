import IdeateCore

/// What the follow-up screen lists, in the order a review meeting goes through it: what is due
/// or overdue first (review dates reached, action items past due), then the rest by state, the
/// backlog last. Built once each time the portfolio is read, never per frame, so a portfolio of
/// tens of thousands of items scrolls as fast as a small one. It holds no history: an opened
/// item's is read when it is opened.
public struct FollowupAgenda: Equatable, Sendable {
    /// A part of the list, in the order shown.
    public enum Section: String, CaseIterable, Sendable {
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
    public enum Item: Equatable, Sendable {
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
    public struct Entry: Equatable, Sendable {
        public var section: Section
        public var item: Item
    }

    public let today: CalendarDate
    public let entries: [Entry]
    public let workshops: [RunIdentity: Workshop]
    /// Counts for the summary line.
    public let stages: [Experiment.Stage: Int]
    public let openActionItems: Int
    public let backlogCount: Int
    /// Entries in each section, counted once for the headings every frame draws.
    public let sectionCounts: [Section: Int]
    /// Where the idea box stands (new ideas, the oldest's week, the last review, the rhythm).
    public let box: BoxStatus?

    public init(_ portfolio: Portfolio, today: CalendarDate, box: BoxStatus? = nil) {
        self.today = today
        self.box = box
        let due = portfolio.experiments.filter { $0.isDue(on: today) }
        let overdueItems = portfolio.actionItems.filter { $0.isOverdue(on: today) }
        // Built in one array of the final size: a company's portfolio holds tens of thousands
        // of backlog ideas, and the first frame waits for this.
        var entries: [Entry] = []
        entries.reserveCapacity(portfolio.experiments.count + portfolio.actionItems.count + portfolio.backlog.count)
        // The box first: a review meeting starts with what is new, oldest week first.
        let newIdeas = portfolio.backlog.filter { $0.fate == .new }
            .sorted { ($0.arrivalWeek?.monday.daysSince1970 ?? 0, $0.id.number) < ($1.arrivalWeek?.monday.daysSince1970 ?? 0, $1.id.number) }
        for idea in newIdeas { entries.append(Entry(section: .box, item: .backlogIdea(idea))) }
        let dueItems = due.map { (date: $0.card.reviewDate, item: Item.experiment($0)) } + overdueItems.map { (date: $0.due, item: Item.actionItem($0)) }
        for due in dueItems.sorted(by: { ($0.date?.daysSince1970 ?? 0) < ($1.date?.daysSince1970 ?? 0) }) {
            entries.append(Entry(section: .due, item: due.item))
        }
        let dueIDs = Set(due.map(\.id))
        for (section, stage) in [(Section.running, Experiment.Stage.running), (.planned, .planned)] {
            for experiment in portfolio.experiments where experiment.state.stage == stage && !dueIDs.contains(experiment.id) {
                entries.append(Entry(section: section, item: .experiment(experiment)))
            }
        }
        for item in portfolio.actionItems where !item.status.isClosed && !item.isOverdue(on: today) {
            entries.append(Entry(section: .actionItems, item: .actionItem(item)))
        }
        for experiment in portfolio.experiments where experiment.state.stage == .learned {
            entries.append(Entry(section: .learned, item: .experiment(experiment)))
        }
        var backlogCount = 0
        for idea in portfolio.backlog where idea.promotedTo == nil && idea.fate != .new {
            entries.append(Entry(section: .backlog, item: .backlogIdea(idea)))
            backlogCount += 1
        }
        for item in portfolio.actionItems where item.status.isClosed {
            entries.append(Entry(section: .closed, item: .actionItem(item)))
        }
        self.entries = entries
        sectionCounts = entries.reduce(into: [:]) { counts, entry in counts[entry.section, default: 0] += 1 }
        workshops = Dictionary(portfolio.workshops.map { ($0.run, $0) }, uniquingKeysWith: { first, _ in first })
        stages = portfolio.experiments.reduce(into: [:]) { counts, experiment in counts[experiment.state.stage, default: 0] += 1 }
        openActionItems = portfolio.actionItems.count { !$0.status.isClosed }
        self.backlogCount = backlogCount
    }

    public var dueCount: Int { sectionCounts[.due] ?? 0 }

    /// Where `subject` is listed now, to keep the cursor on an item that moved section.
    public func index(of subject: PortfolioSubject) -> Int? { entries.firstIndex { $0.item.subject == subject } }
}
