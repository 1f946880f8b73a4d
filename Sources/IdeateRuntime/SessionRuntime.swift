import IdeateCore

/// The one owner of a session's time. It sleeps on the session clock until the state's next
/// deadline (the next batch due, the phase's end; never while a timer is paused) and ticks the
/// engine itself, whatever front end is attached — a console, a headless run, or none. A
/// change (a command from anyone) wakes it, since a change can move the next deadline.
///
/// Front ends only read the state and send commands; none of them ticks. What "a tick" does
/// is Core's rule (`decide(.tick, …)`); when it is due is Core's too (``SessionState/nextDeadline``).
public struct SessionRuntime: Sendable {
    private let engine: any WorkshopEngine
    private let clock: any SessionClock
    /// How long a tick that could not be saved (a full disk) waits before it is tried again.
    private let retryDelay: Duration
    /// After a change woke it, how long the runtime lets further changes gather before it
    /// reads the state again: while hundreds of ideas a second arrive it looks a few times a
    /// second instead of once per idea, and a deadline is kept at most this late.
    private let settleDelay: Duration

    public init(engine: any WorkshopEngine, clock: any SessionClock, retryDelay: Duration = .seconds(1),
                settleDelay: Duration = .milliseconds(50)) {
        self.engine = engine
        self.clock = clock
        self.retryDelay = retryDelay
        self.settleDelay = settleDelay
    }

    /// Keeps the session's time until the calling task is cancelled.
    public func run() async {
        let changes = engine.changes()
        let wakeup = Wakeup()
        await withDiscardingTaskGroup { group in
            group.addTask {
                for await _ in changes { wakeup.ring() }
            }
            await keepTime(wakeup: wakeup)
            group.cancelAll()
        }
    }

    private func keepTime(wakeup: Wakeup) async {
        while !Task.isCancelled {
            var wakeAt = await engine.currentState().nextDeadline
            if let due = wakeAt, clock.now >= due {
                let changed = (try? await engine.execute(.tick, at: clock.now)).map { !$0.isEmpty } ?? false
                if changed { continue }
                // Not saved, or nothing to do after all: wait, rather than try again at once.
                wakeAt = clock.now.advanced(by: retryDelay)
            }
            await wakeup.wait(until: wakeAt, on: clock)
            if wakeAt.map({ clock.now < $0 }) ?? true {
                // Woken by a change, not by the deadline: let the burst it belongs to gather.
                try? await clock.sleep(for: settleDelay)
            }
        }
    }
}
