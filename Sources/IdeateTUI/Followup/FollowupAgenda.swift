import IdeateCore

/// What the follow-up screen lists (Core's ``AgendaWindow``: the counts of every section and
/// the entries around the cursor), with the day and the idea box's status. The screen draws
/// only the rows that show and the app keeps the window around the cursor, so a portfolio of
/// hundreds of thousands of items opens and scrolls as fast as a small one. It holds no
/// history: an opened item's is read when it is opened.
public struct FollowupAgenda: Equatable, Sendable {
    public typealias Section = AgendaSection
    public typealias Item = AgendaItem
    public typealias Entry = AgendaEntry

    /// The whole agenda's entries by position; only those in the window can be read.
    public struct Entries: RandomAccessCollection, Equatable, Sendable {
        let window: AgendaWindow

        public var startIndex: Int { 0 }
        public var endIndex: Int { window.counts.total }

        /// The entry at `position`, which must be in the window (``FollowupAgenda/entry(at:)``
        /// answers nil instead).
        public subscript(position: Int) -> Entry {
            precondition(window.range.contains(position), "entry \(position) is outside the window \(window.range)")
            return window.entries[position - window.start]
        }
    }

    public let today: CalendarDate
    public let window: AgendaWindow
    /// Where the idea box stands (new ideas, the oldest's week, the last review, the rhythm).
    public let box: BoxStatus?

    public init(window: AgendaWindow, today: CalendarDate, box: BoxStatus? = nil) {
        self.window = window
        self.today = today
        self.box = box
    }

    /// The whole of `portfolio`'s agenda (screens in tests).
    public init(_ portfolio: Portfolio, today: CalendarDate, box: BoxStatus? = nil) {
        self.init(window: AgendaWindow.of(portfolio, today: today, range: 0..<Int.max), today: today, box: box)
    }

    public var entries: Entries { Entries(window: window) }
    public var workshops: [RunIdentity: Workshop] { window.workshops }
    public var stages: [Experiment.Stage: Int] { window.counts.stages }
    public var openActionItems: Int { window.counts.openActionItems }
    public var backlogCount: Int { window.counts.backlogIdeas }
    /// Entries in each section, for the headings every frame draws.
    public var sectionCounts: [Section: Int] { window.counts.sections }
    public var dueCount: Int { sectionCounts[.due] ?? 0 }

    /// How many times the idea `id` (in the window) has been written, where it came back.
    public func timesWritten(_ id: BacklogIdeaID) -> Int? { window.timesWritten[id] }

    /// The entry at `position` when the window holds it.
    public func entry(at position: Int) -> Entry? {
        window.range.contains(position) ? window.entries[position - window.start] : nil
    }

    /// Whether the entry at `position` is the first of its section (from the counts alone).
    public func startsSection(_ position: Int) -> Bool {
        Section.allCases.contains { (sectionCounts[$0] ?? 0) > 0 && window.counts.start(of: $0) == position }
    }

    /// Whether the window holds every position of `range` that the agenda has.
    public func holds(_ range: Range<Int>) -> Bool {
        let wanted = range.clamped(to: 0..<entries.count)
        return wanted.isEmpty || (window.range.contains(wanted.lowerBound) && window.range.contains(wanted.upperBound - 1))
    }

    /// Where `subject` is listed, when the window holds it.
    public func index(of subject: PortfolioSubject) -> Int? {
        window.entries.firstIndex { $0.item.subject == subject }.map { $0 + window.start }
    }
}
