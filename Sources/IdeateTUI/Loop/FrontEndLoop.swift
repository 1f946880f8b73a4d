import IdeateCore
import IdeateRuntime

/// A screen as ``FrontEndLoop`` runs it: the console, a participant's screen (local or ssh) and
/// the follow-up screen are each one. The loop hands it what arrived (keys, events, a tick) and
/// asks for the frame; the screen never touches the terminal's drawing or its wake-ups.
public protocol FrontEnd: AnyObject, SendableMetatype {
    /// What arrives besides keys and ticks: the session's changes, the server's messages.
    associatedtype Event: Sendable

    /// Puts `event` behind those not yet taken (the loop keeps at most ``FrontEndLoop/eventLimit``);
    /// a screen whose events supersede each other merges them here.
    static func enqueue(_ event: Event, into queued: inout [Event])

    /// Takes everything that arrived since the last pass, in order; false ends the loop (the
    /// person quit). Commands go to the engine or the link from here.
    func update(keys: [Key], events: [Event], now: Instant) async -> Bool

    /// The frame for what the screen holds now, at `size`.
    func frame(size: TerminalSize, now: Instant) -> CellGrid
}

extension FrontEnd {
    public static func enqueue(_ event: Event, into queued: inout [Event]) { queued.append(event) }
}

/// The one loop every screen runs in. Keys (and resizes), the screen's events and the ticks of
/// its countdown arrive on one inbox, each from a child task of the loop; the loop sleeps until
/// one of them posts, updates the screen with everything that arrived, asks it for a frame and
/// hands the terminal only what changed since the last (``FrameUpdate``, worked out here and
/// nowhere else). It never polls. The terminal is taken over when the loop starts and given
/// back on every way out: the screen quits, the terminal hangs up, or the task is cancelled.
public enum FrontEndLoop {
    /// Events kept for a screen that has not taken them yet; beyond it the oldest give way.
    public static let eventLimit = 1_024

    public static func run<Screen: FrontEnd>(
        _ screen: Screen, on terminal: any Terminal, clock: any SessionClock,
        events: some AsyncSequence<Screen.Event, Never> & Sendable,
        ticks: some AsyncSequence<Void, Never> & Sendable
    ) async {
        terminal.start()
        defer { terminal.stop() }
        let inbox = Inbox<Screen.Event> { Screen.enqueue($0, into: &$1) }
        let wakeups = terminal.wakeups
        await withDiscardingTaskGroup { group in
            group.addTask {
                for await _ in wakeups { inbox.wake() }
                inbox.hangUp()
            }
            group.addTask { for await event in events { inbox.post(event) } }
            group.addTask { for await _ in ticks { inbox.wake() } }
            await serve(screen, on: terminal, clock: clock, inbox: inbox)
            group.cancelAll()
        }
    }

    private static func serve<Screen: FrontEnd>(_ screen: Screen, on terminal: any Terminal, clock: any SessionClock,
                                                inbox: Inbox<Screen.Event>) async {
        var shown: CellGrid?
        while true {
            let now = clock.now
            let keys = terminal.readKeys()
            // After a resize nothing on the screen can be trusted: paint everything.
            if keys.contains(.resize) { shown = nil }
            guard await screen.update(keys: keys, events: inbox.takeEvents(), now: now) else { return }
            let grid = screen.frame(size: terminal.size, now: now)
            let update = FrameUpdate(from: shown, to: grid)
            if !update.isEmpty { terminal.draw(update) }
            shown = grid
            guard await inbox.next() else { return }
        }
    }

    /// Where the loop's sources post: events in order (bounded), and one wake-up however many
    /// posts came while the loop was busy (a ``Wakeup``).
    final class Inbox<Event: Sendable>: Sendable {
        private struct State {
            var events: [Event] = []
            var hungUp = false
        }

        private let state = Locked(State())
        private let doorbell = Wakeup()
        private let enqueue: @Sendable (Event, inout [Event]) -> Void

        init(enqueue: @escaping @Sendable (Event, inout [Event]) -> Void) { self.enqueue = enqueue }

        func post(_ event: Event) {
            state.withLock { state in
                enqueue(event, &state.events)
                if state.events.count > FrontEndLoop.eventLimit { state.events.removeFirst(state.events.count - FrontEndLoop.eventLimit) }
            }
            doorbell.ring()
        }

        /// Keys may be waiting, or a tick came: either way the loop passes once more.
        func wake() { doorbell.ring() }

        func hangUp() {
            state.withLock { $0.hungUp = true }
            doorbell.ring()
        }

        func takeEvents() -> [Event] { state.withLock { state in defer { state.events = [] }; return state.events } }

        /// Waits for the next post; false once the terminal hung up or the task is cancelled.
        func next() async -> Bool {
            await doorbell.wait()
            return state.withLock { !$0.hungUp } && !Task.isCancelled
        }
    }
}
