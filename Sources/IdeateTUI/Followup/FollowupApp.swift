import IdeateCore

/// The follow-up screen's loop: it waits for keys on one ``LoopInbox``, performs what they ask
/// through the ``PortfolioEngine``, reads the portfolio again and draws. A change is shown only
/// after the engine has kept it, so what the screen says is what the file holds.
public final class FollowupApp {
    private let engine: any PortfolioEngine
    private let today: CalendarDate
    private let terminal: any Terminal
    private let portfolioPath: String
    private var agenda: FollowupAgenda
    private var model = FollowupModel()
    /// The open item's history as last read: read again when another item opens or after a
    /// change, not for every key typed while it is open.
    private var history: (subject: PortfolioSubject, entries: [HistoryEntry])?

    /// - Parameters:
    ///   - portfolio: the portfolio as read just before, for the first frame.
    ///   - today: the day changes are dated and due dates are counted from.
    public init(engine: any PortfolioEngine, portfolio: Portfolio, today: CalendarDate, terminal: any Terminal, portfolioPath: String) {
        self.engine = engine
        self.today = today
        self.terminal = terminal
        self.portfolioPath = portfolioPath
        agenda = FollowupAgenda(portfolio, today: today)
    }

    /// Runs until q on the list, Ctrl-C, a closed terminal or the task's cancellation; the
    /// terminal is restored on every path.
    public func run() async {
        terminal.start()
        defer { terminal.stop() }
        let inbox = LoopInbox()
        let keys = inbox.forward(terminal.wakeups, as: .keys, whenFinished: .hangup)
        defer { keys.cancel() }
        draw()
        while let reasons = await inbox.next(), !reasons.contains(.hangup) {
            for key in terminal.readKeys() {
                if key == .resize { terminal.invalidate() }
                for action in model.handle(key, agenda: agenda) {
                    guard case let .perform(edit, note, done, reopening) = action else { return }
                    perform(edit, note: note, done: done, reopening: reopening)
                }
            }
            draw()
        }
    }

    private func draw() {
        let size = terminal.size
        var shown: [HistoryEntry] = []
        if model.isOpen, agenda.entries.indices.contains(model.cursor) {
            let subject = agenda.entries[model.cursor].item.subject
            if let history, history.subject == subject {
                shown = history.entries
            } else {
                do {
                    shown = try engine.history(of: subject)
                    history = (subject, shown)
                } catch {
                    model.status = ConsoleModel.Status(text: "The history could not be read: \(error)", isProblem: true)
                }
            }
        }
        terminal.draw(FollowupScreen.render(agenda: agenda, model: &model, history: shown, portfolioPath: portfolioPath,
                                            width: size.width, height: size.height))
    }

    private func perform(_ edit: PortfolioEdit, note: String, done: String, reopening: FollowupModel.Overlay?) {
        let chosen = agenda.entries.indices.contains(model.cursor) ? agenda.entries[model.cursor].item.subject : nil
        history = nil
        do {
            if let undo = try engine.perform(edit, on: today, note: note) { model.undoStack.append(undo) }
            model.status = ConsoleModel.Status(text: done, isProblem: false)
        } catch {
            model.status = ConsoleModel.Status(text: "Not saved: \(error)", isProblem: true)
            if let reopening { model.overlay = reopening }
            return
        }
        do {
            agenda = FollowupAgenda(try engine.items(), today: today)
        } catch {
            model.status = ConsoleModel.Status(text: "Saved, but the portfolio could not be read again: \(error)", isProblem: true)
        }
        // The cursor stays on the item it was on, wherever the change moved it in the list.
        if let chosen, let index = agenda.index(of: chosen) { model.cursor = index }
    }
}
