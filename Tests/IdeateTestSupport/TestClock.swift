import Foundation
import IdeateCore
import IdeateRuntime

/// A session clock that moves only when a test says so: whatever sleeps on it (the runtime's
/// deadlines, a server's delays, a screen's ticks) wakes when ``advance(by:)`` passes its
/// deadline, so tests of timers take no real time and never race the wall clock.
public final class TestClock: SessionClock {
    private struct Sleeper {
        let deadline: Instant
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct Watcher {
        let id: Int
        let isSatisfied: @Sendable ([Instant]) -> Bool
        let continuation: CheckedContinuation<Void, Never>
    }

    private struct State {
        var now: Instant
        var sleepers: [Int: Sleeper] = [:]
        var nextID = 0
        var watchers: [Watcher] = []
    }

    private let state: Locked<State>

    public init(_ start: Instant = Instant(secondsSince1970: 1_773_324_000)) { state = Locked(State(now: start)) }

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
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if deadline <= state.now { return .success(()) }
                    state.sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
                    return nil
                }
                if let outcome { continuation.resume(with: outcome) } else { notifyWatchers() }
            }
        } onCancel: {
            let sleeper = state.withLock { $0.sleepers.removeValue(forKey: id) }
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

    /// Waits on a continuation (not a poll) until the sleepers satisfy `isSatisfied`, or until
    /// the task is cancelled — so a test's time limit ends a wait that can never be met.
    private func waitUntil(_ isSatisfied: @escaping @Sendable ([Instant]) -> Bool) async {
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let ready = state.withLock { state -> Bool in
                    if Task.isCancelled || isSatisfied(state.sleepers.values.map(\.deadline)) { return true }
                    state.watchers.append(Watcher(id: id, isSatisfied: isSatisfied, continuation: continuation))
                    return false
                }
                if ready { continuation.resume() }
            }
        } onCancel: {
            let watcher = state.withLock { state -> Watcher? in
                guard let index = state.watchers.firstIndex(where: { $0.id == id }) else { return nil }
                return state.watchers.remove(at: index)
            }
            watcher?.continuation.resume()
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
