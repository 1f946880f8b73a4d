import IdeateCore
import IdeateRuntime
import Synchronization

/// A session clock that moves only when a test says so: whatever sleeps on it (the runtime's
/// deadlines, a server's delays, a screen's ticks) wakes when ``advance(by:)`` passes its
/// deadline, so tests of timers take no real time and never race the wall clock.
public final class TestClock: SessionClock {
    private struct Sleeper {
        let deadline: Instant
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now: Instant
        var sleepers: [Int: Sleeper] = [:]
        var cancelledEarly: Set<Int> = []
        var nextID = 0
        var watchers: [(isSatisfied: @Sendable ([Instant]) -> Bool, continuation: CheckedContinuation<Void, Never>)] = []
    }

    private let state: Mutex<State>

    public init(_ start: Instant = Instant(secondsSince1970: 1_773_324_000)) { state = Mutex(State(now: start)) }

    public var now: Instant { state.withLock { $0.now } }

    public var minimumResolution: Duration { .milliseconds(1) }

    public func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try Task.checkCancellation()
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let outcome: Result<Void, any Error>? = state.withLock { state in
                    if state.cancelledEarly.remove(id) != nil { return .failure(CancellationError()) }
                    if deadline <= state.now { return .success(()) }
                    state.sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
                    return nil
                }
                if let outcome { continuation.resume(with: outcome) } else { notifyWatchers() }
            }
        } onCancel: {
            let sleeper = state.withLock { state -> Sleeper? in
                guard let sleeper = state.sleepers.removeValue(forKey: id) else {
                    state.cancelledEarly.insert(id)
                    return nil
                }
                return sleeper
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves the clock on by `duration` and wakes, in deadline order, everything whose
    /// deadline it reached.
    public func advance(by duration: Duration = .zero) {
        let due = state.withLock { state -> [Sleeper] in
            state.now = state.now.advanced(by: duration)
            let now = state.now
            let due = state.sleepers.filter { $0.value.deadline <= now }
            for id in due.keys { state.sleepers[id] = nil }
            return due.values.sorted { $0.deadline < $1.deadline }
        }
        for sleeper in due { sleeper.continuation.resume() }
    }

    public func advance(seconds: Int) { advance(by: .seconds(seconds)) }

    /// How many tasks sleep on this clock now.
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    /// The earliest deadline anything sleeps until.
    public var nextWake: Instant? { state.withLock { $0.sleepers.values.map(\.deadline).min() } }

    /// Returns once at least `count` tasks sleep on this clock, so an ``advance(by:)`` that
    /// follows reaches them (waits on a continuation, not a poll).
    public func waitForSleepers(_ count: Int = 1) async {
        await waitUntil { $0.count >= count }
    }

    /// Returns once something sleeps until exactly `deadline`: the loop under test has seen
    /// what it had to and gone to sleep until then.
    public func waitForSleeper(until deadline: Instant) async {
        await waitUntil { $0.contains(deadline) }
    }

    private func waitUntil(_ isSatisfied: @escaping @Sendable ([Instant]) -> Bool) async {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Bool in
                if isSatisfied(state.sleepers.values.map(\.deadline)) { return true }
                state.watchers.append((isSatisfied, continuation))
                return false
            }
            if ready { continuation.resume() }
        }
    }

    private func notifyWatchers() {
        let ready = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            let deadlines = state.sleepers.values.map(\.deadline)
            let ready = state.watchers.filter { $0.isSatisfied(deadlines) }.map(\.continuation)
            state.watchers.removeAll { $0.isSatisfied(deadlines) }
            return ready
        }
        for continuation in ready { continuation.resume() }
    }
}
