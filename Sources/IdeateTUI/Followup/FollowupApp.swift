import IdeateCore
import IdeateRuntime

/// The follow-up screen as a ``FrontEnd``: keys perform what they ask through the
/// ``PortfolioEngine``, the agenda is read again, and the frame is drawn from it. A change is
/// shown only after the engine has kept it, so what the screen says is what the file holds. It
/// reads the agenda a window at a time (the counts and the entries around the cursor) and
/// moves the window when the cursor nears its edge.
public final class FollowupApp: FrontEnd {
    /// Another process changed the portfolio file (the idea box received an idea, say).
    public struct FileChanged: Sendable {
        public init() {}
    }

    public typealias Event = FileChanged

    private let engine: any PortfolioEngine
    private let changes: AsyncStream<Void>
    private let today: CalendarDate
    private let terminal: any Terminal
    private let portfolioPath: String
    private var agenda: FollowupAgenda
    private var model = FollowupModel()
    /// Where the list and the opened item were drawn from in the last frame, taken into the
    /// model on the next pass.
    private var drawn: (scroll: Int, detailScroll: Int)?
    /// The open item's history as last read: read again when another item opens or after a
    /// change, not for every key typed while it is open.
    private var history: (subject: PortfolioSubject, entries: [HistoryEntry])?

    /// Entries read on each side of the cursor: far more than any terminal shows.
    public static let windowReach = 300
    /// How close the cursor may come to the window's edge before the window moves.
    static let windowMargin = 150

    /// The window the first frame needs: the top of the agenda.
    public static let firstWindow = 0..<40

    /// - Parameters:
    ///   - agenda: the agenda as read just before (``firstWindow``), for the first frame.
    ///   - today: the day changes are dated and due dates are counted from.
    ///   - changes: one element whenever another process changed the portfolio; the agenda is
    ///     read again then (none in tests that do not need it).
    public init(engine: any PortfolioEngine, agenda: FollowupAgenda, today: CalendarDate, terminal: any Terminal,
                portfolioPath: String, changes: AsyncStream<Void> = AsyncStream { $0.finish() }) {
        self.engine = engine
        self.today = today
        self.terminal = terminal
        self.portfolioPath = portfolioPath
        self.changes = changes
        self.agenda = agenda
    }

    /// Runs until q on the list, Ctrl-C, a closed terminal or the task's cancellation; the
    /// terminal is restored on every path.
    public func run() async {
        let noTicks = AsyncStream<Void> { $0.finish() }
        await FrontEndLoop.run(self, on: terminal, clock: SystemClock(), events: changes.map { FileChanged() }, ticks: noTicks)
    }

    /// Changes supersede each other: one read of the file covers them all.
    public static func enqueue(_ event: FileChanged, into queued: inout [FileChanged]) {
        if queued.isEmpty { queued.append(event) }
    }

    public func update(keys: [Key], events: [FileChanged], now: Instant) async -> Bool {
        if let drawn { (model.scroll, model.detailScroll) = drawn }
        drawn = nil
        if !events.isEmpty { readAgain(problem: "The portfolio changed, but could not be read again") }
        for key in keys {
            for action in model.handle(key, agenda: agenda) {
                guard case let .perform(edit, note, done, reopening) = action else { return false }
                perform(edit, note: note, done: done, reopening: reopening)
            }
            keepWindowAroundCursor()
        }
        model.settle(on: agenda)
        readHistoryIfOpened()
        return true
    }

    public func frame(size: TerminalSize, now: Instant) -> CellGrid {
        let shown = model.isOpen ? history?.entries ?? [] : []
        let frame = FollowupScreen.render(agenda: agenda, model: model, history: shown, portfolioPath: portfolioPath,
                                          width: size.width, height: size.height)
        drawn = (frame.scroll, frame.detailScroll)
        return frame.grid
    }

    /// Reads the open item's history when another item opened or after a change.
    private func readHistoryIfOpened() {
        guard model.isOpen, let subject = agenda.entry(at: model.cursor)?.item.subject else { return }
        guard history?.subject != subject else { return }
        do {
            history = (subject, try engine.history(of: subject))
        } catch {
            history = (subject, [])
            model.status = ConsoleModel.Status(text: "The history could not be read: \(error)", isProblem: true)
        }
    }

    private func perform(_ edit: PortfolioEdit, note: String, done: String, reopening: FollowupModel.Overlay?) {
        history = nil
        do {
            if let undo = try engine.perform(edit, on: today, note: note) { model.undoStack.append(undo) }
            model.status = ConsoleModel.Status(text: done, isProblem: false)
        } catch {
            model.status = ConsoleModel.Status(text: "Not saved: \(error)", isProblem: true)
            if let reopening { model.overlay = reopening }
            return
        }
        let reviewing = agenda.entry(at: model.cursor)?.section == .box ? model.cursor : nil
        // Elsewhere the cursor stays on the item it was on, wherever the change moved it.
        readAgain(problem: "Saved, but the portfolio could not be read again")
        if let reviewing, let waiting = agenda.sectionCounts[.box], waiting > 0 {
            // Going through the box: a decided idea leaves it, and the next new one is chosen.
            model.cursor = min(reviewing, waiting - 1)
            keepWindowAroundCursor()
        }
    }

    /// Reads the agenda and the box's status again, keeping the cursor on its item wherever
    /// the change moved it.
    private func readAgain(problem: String) {
        let chosen = agenda.entry(at: model.cursor)?.item.subject
        do {
            if let chosen, let position = try engine.agendaPosition(of: chosen, today: today) { model.cursor = position }
            agenda = FollowupAgenda(window: try engine.agendaWindow(today: today, range: Self.window(around: model.cursor)), today: today,
                                    box: try engine.boxStatus(today: today))
            history = nil
        } catch {
            model.status = ConsoleModel.Status(text: "\(problem): \(error)", isProblem: true)
        }
    }

    /// Moves the window when the cursor comes near its edge.
    private func keepWindowAroundCursor() {
        guard !agenda.holds((model.cursor - Self.windowMargin)..<(model.cursor + Self.windowMargin)) else { return }
        do {
            agenda = FollowupAgenda(window: try engine.agendaWindow(today: today, range: Self.window(around: model.cursor)), today: today, box: agenda.box)
        } catch {
            model.status = ConsoleModel.Status(text: "The portfolio could not be read: \(error)", isProblem: true)
        }
    }

    static func window(around cursor: Int) -> Range<Int> { max(0, cursor - windowReach)..<(cursor + windowReach) }
}
