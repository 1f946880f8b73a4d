/// A change to the portfolio as a value, so a screen can ask for one without knowing where the
/// portfolio is kept: ``PortfolioEngine`` saves it through the same rules the command line
/// uses, and answers with what takes it back.
public enum PortfolioEdit: Equatable, Sendable {
    /// planned → running.
    case start(ExperimentID)
    /// running → learned with this card (its date is the day of the change).
    case learn(ExperimentID, LearningCard)
    /// An action item to a new status.
    case move(ActionItemID, to: TrackedActionItem.Status)
    /// A backlog idea becomes a planned experiment with this test card.
    case promote(BacklogIdeaID, TestCard)
    /// A review's decision about a new or backlog idea, with an answer to its author (nil:
    /// the answer it has stays).
    case decide(BacklogIdeaID, ReviewDecision, answer: String?)
    /// An answer to the author of an idea, whatever its fate.
    case answer(BacklogIdeaID, String)
    /// Shows an idea to everyone, or to its author only.
    case showOnBoard(BacklogIdeaID, Bool)
    /// Takes back an earlier change by a new change of its own, kept in the history.
    case undo(PortfolioUndo)
}

/// What takes one change back. Undoing never erases history: it is a new change, with its own
/// history row, that restores what the item was before — refused when the item has moved on
/// since (someone else changed it), so an undo never overwrites another person's work.
public enum PortfolioUndo: Equatable, Sendable, CustomStringConvertible {
    /// running → planned again, with the start date it had.
    case unstart(ExperimentID, previousStart: CalendarDate?)
    /// learned → running again; the follow-up a "test again" opened is withdrawn with it.
    case unlearn(ExperimentID, followUp: ExperimentID?)
    /// The action item back from `from` to the status (and status date) it had.
    case unmove(ActionItemID, from: TrackedActionItem.Status, back: TrackedActionItem.Status, backDate: CalendarDate?)
    /// The backlog idea back to the fate it had before; the planned experiment it became is
    /// withdrawn.
    case unpromote(BacklogIdeaID, ExperimentID, previous: IdeaFate)
    /// The idea back to the review it had (`back`), while it still has `from`.
    case unreview(BacklogIdeaID, from: ReviewOutcome, back: ReviewOutcome)

    public var description: String {
        switch self {
        case let .unstart(id, _): "\(id) planned again"
        case let .unlearn(id, followUp): "\(id) running again" + (followUp.map { ", follow-up \($0) withdrawn" } ?? "")
        case let .unmove(id, _, back, _): "\(id) \(back.rawValue) again"
        case let .unpromote(idea, experiment, previous): "\(idea) \(previous) again, \(experiment) withdrawn"
        case let .unreview(idea, _, back): "\(idea) \(back.fate) again"
        }
    }
}

/// Where the follow-up screen reads and changes the portfolio: the portfolio file in the app,
/// an in-memory portfolio in tests. It keeps the screen (IdeateTUI) apart from the file
/// (IdeateStore), as ``WorkshopEngine`` does for the console.
public protocol PortfolioEngine: Sendable {
    /// Everything the portfolio holds now but the history (what a list shows).
    func items() throws -> Portfolio
    /// One item's history, oldest first (when it is opened).
    func history(of subject: PortfolioSubject) throws -> [HistoryEntry]
    /// Saves `edit` on `date` with `note` and returns only after it is kept; answers with what
    /// takes it back (nil for an undo, which is not undone in turn).
    /// - Throws: ``PortfolioRefusal`` when a rule refuses (nothing changed), or why it could
    ///   not be saved.
    func perform(_ edit: PortfolioEdit, on date: CalendarDate, note: String) throws -> PortfolioUndo?
    /// Where the idea box stands on `today`: new ideas, the oldest's week, the last review, the
    /// rhythm (counts, not a scan of every idea).
    func boxStatus(today: CalendarDate) throws -> BoxStatus
    /// The follow-up agenda's counts and its entries in `range` on `today` (``AgendaWindow``):
    /// a screenful and some rows either side, not the whole portfolio.
    func agendaWindow(today: CalendarDate, range: Range<Int>) throws -> AgendaWindow
    /// Where `subject` stands in the agenda on `today` (to keep the cursor on an item a change moved).
    func agendaPosition(of subject: PortfolioSubject, today: CalendarDate) throws -> Int?
}

extension PortfolioEngine {
    /// From the whole portfolio: right for one held in memory.
    public func agendaWindow(today: CalendarDate, range: Range<Int>) throws -> AgendaWindow {
        AgendaWindow.of(try items(), today: today, range: range)
    }

    public func agendaPosition(of subject: PortfolioSubject, today: CalendarDate) throws -> Int? {
        AgendaWindow.position(of: subject, in: try items(), today: today)
    }
}
