import Foundation
import IdeateCore
import IdeateRuntime

/// The facilitator console as a ``FrontEnd``: on each pass of the loop it executes what the
/// keys ask through the engine and reads the session again; its frame is drawn from that. It
/// never ticks the engine: the session runtime owns the session's time, and the loop wakes the
/// console on every committed change, so an idea is drawn on the pass after its commit.
/// Everything that is kept goes through the engine, so quitting or a crash at any moment loses
/// nothing.
public final class ConsoleApp: FrontEnd {
    public typealias Event = Void

    private let engine: any WorkshopEngine
    private let clock: any SessionClock
    private let terminal: any Terminal
    private var context: ConsoleContext
    private let onFinish: @Sendable (SessionState) async -> FinishOutcome?
    private let wallLink: WallLink?
    private var model = ConsoleModel()
    private var state: SessionState?
    /// The list's first row in the last frame drawn, taken into the model on the next pass.
    private var drawnScroll: Int?
    private var finishedHandled = false
    private var statusShownAt: Instant?
    private var lastRemaining: Int64?
    private var seenFailedCommits = 0
    private var lastStorageFailureAt: Instant?

    /// - Parameters:
    ///   - wallLink: when the room looks at a wall: the console tells it which follow-up page it
    ///     shows and reads how many walls are attached.
    ///   - onFinish: called once when the workshop finishes; says where the minutes were
    ///     written (and the portfolio kept) or why not, for the end screen.
    public init(
        engine: any WorkshopEngine, clock: any SessionClock, terminal: any Terminal, context: ConsoleContext, wallLink: WallLink? = nil,
        onFinish: @escaping @Sendable (SessionState) async -> FinishOutcome?
    ) {
        self.wallLink = wallLink
        self.engine = engine
        self.clock = clock
        self.terminal = terminal
        self.context = context
        self.onFinish = onFinish
    }

    /// Runs until the facilitator quits or the calling task is cancelled (a signal, the
    /// service group shutting down); the terminal is restored on every path.
    /// - Parameter ticks: the countdown's redraws (every whole second in the app, by hand in
    ///   tests). They only redraw: the session runtime moves the session's time, not the console.
    public func run(ticks: some AsyncSequence<Void, Never> & Sendable) async {
        finishedHandled = await engine.currentState().stage == .finished
        await FrontEndLoop.run(self, on: terminal, clock: clock, events: engine.changes(), ticks: ticks)
    }

    /// Changes only say "read the session again": one waiting is as good as many.
    public static func enqueue(_ event: Void, into queued: inout [Void]) {
        if queued.isEmpty { queued.append(event) }
    }

    public func update(keys: [Key], events: [Void], now: Instant) async -> Bool {
        if let drawnScroll { model.scroll = drawnScroll }
        drawnScroll = nil
        var state = await engine.currentState()
        context.storageProblem = storageWarning(await engine.storageHealth(), now: now)
        expireStatus(now: now)
        ringBellIfDue(state: state, now: now)
        for key in keys {
            for action in model.handle(key, state: state, now: now) {
                if action == .quit { return false }
                await perform(action, now: now)
            }
            state = await engine.currentState()
        }
        // The minutes are written before the end screen is first drawn, so it says where
        // they are (or why not) from its first frame.
        if state.stage == .finished, !finishedHandled {
            finishedHandled = true
            let outcome = await onFinish(state)
            context.minutes = outcome?.minutes
            context.portfolio = outcome?.portfolio
        }
        model.settle(for: state)
        if let wallLink {
            wallLink.show(earlierPage: model.earlierPage)
            context.wallsAttached = wallLink.attachedWalls
        }
        self.state = state
        return true
    }

    public func frame(size: TerminalSize, now: Instant) -> CellGrid {
        guard let state else { return CellGrid(width: size.width, height: size.height) }
        let frame = ConsoleView.render(state: state, model: model, context: context, now: now, width: size.width, height: size.height)
        drawnScroll = frame.scroll
        return frame.grid
    }

    private func perform(_ action: ConsoleAction, now: Instant) async {
        switch action {
        case .quit:
            break
        case let .undo(commands):
            if await execute(commands.map { ConsoleAction.Step($0) }, now: now) != nil { show(words(ConsolePhrase.undone), problem: false, now: now) }
        case let .perform(steps, done, reopening):
            guard let inverses = await execute(steps, now: now) else {
                if let reopening { model.overlay = reopening }
                return
            }
            if !inverses.isEmpty { model.undoStack.append(inverses) }
            show(done, problem: false, now: now)
        }
    }

    /// Executes `steps` in order; returns their inverses, or nil after showing why one failed.
    private func execute(_ steps: [ConsoleAction.Step], now: Instant) async -> [FacilitatorCommand]? {
        var inverses: [FacilitatorCommand] = []
        for step in steps {
            do {
                try await engine.execute(.facilitator(step.command), at: now)
                if let inverse = step.inverse { inverses.append(inverse) }
            } catch let refusal as Refusal {
                if !inverses.isEmpty { model.undoStack.append(inverses) }
                show(words(refusal.sentence), problem: true, now: now)
                return nil
            } catch let failure as StorageFailure {
                show(words(failure.sentence), problem: true, now: now)
                return nil
            } catch {
                show(words(ConsolePhrase.notSaved, ["reason": .text("\(error)")]), problem: true, now: now)
                return nil
            }
        }
        return inverses
    }

    /// The storage problem to show: while saving fails, and for 10 seconds after any failure.
    private func storageWarning(_ health: StorageHealth, now: Instant) -> String? {
        if health.failedCommits != seenFailedCommits {
            seenFailedCommits = health.failedCommits
            lastStorageFailureAt = now
        }
        guard let failure = health.lastFailure else { return nil }
        let recent = lastStorageFailureAt.map { now.milliseconds(since: $0) < 10_000 } ?? false
        return health.isFailing || recent ? words(failure.sentence) : nil
    }

    /// The room's language, once the state is known.
    private var words: Localizer { Localizer(state?.roomLanguage ?? .english) }

    private func show(_ text: String, problem: Bool, now: Instant) {
        model.status = ConsoleModel.Status(text: text, isProblem: problem)
        statusShownAt = now
    }

    private func expireStatus(now: Instant) {
        if let shown = statusShownAt, now.milliseconds(since: shown) > 6000 {
            model.status = nil
            statusShownAt = nil
        }
    }

    /// One bell as the last minute starts and one for the last ten seconds, if asked for.
    private func ringBellIfDue(state: SessionState, now: Instant) {
        guard context.ringsBell, let timer = state.timer, !timer.isPaused, !state.isLocked else {
            lastRemaining = nil
            return
        }
        let remaining = timer.remainingMilliseconds(at: now)
        if let last = lastRemaining, (last > 60_000 && remaining <= 60_000) || (last > 10_000 && remaining <= 10_000) {
            terminal.bell()
        }
        lastRemaining = remaining
    }
}
