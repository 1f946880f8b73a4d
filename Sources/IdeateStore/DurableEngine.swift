import IdeateCore

/// Runs commands against a run file: decides, applies, and acknowledges only after the events
/// are committed. Commands that arrive while a commit is in flight are committed together in
/// the next transaction (group commit), so durability stays fast under load.
public actor DurableEngine: WorkshopEngine {
    public let store: RunStore
    private var state: SessionState
    private var random: SeededRandom
    private var uncommitted: [Event] = []
    private var waiting: [CheckedContinuation<Void, any Error>] = []
    private var isCommitting = false
    /// How many transactions have been committed (for figures: events per commit).
    public private(set) var commitCount = 0

    /// Replays `store` and continues from there. `seed` feeds shuffles and idea ids.
    public init(store: RunStore, seed: UInt64) throws {
        self.store = store
        state = try store.replay()
        random = SeededRandom(seed: seed)
    }

    public func currentState() -> SessionState { state }

    @discardableResult
    public func execute(_ command: Command, at now: Instant) async throws -> [Event] {
        let events = try state.decide(command, at: now, random: &random)
        guard !events.isEmpty else { return [] }
        for event in events { state.apply(event) }
        uncommitted += events
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            waiting.append(continuation)
            if !isCommitting {
                isCommitting = true
                Task { await self.commitPending() }
            }
        }
        return events
    }

    private func commitPending() async {
        while !uncommitted.isEmpty {
            let batch = uncommitted
            let waiters = waiting
            uncommitted = []
            waiting = []
            do {
                try await store.append(batch)
                commitCount += 1
                for waiter in waiters { waiter.resume() }
            } catch {
                failEverything(after: error, waiters: waiters)
            }
        }
        isCommitting = false
    }

    /// A failed commit (a full disk, say): nobody whose events were not written is told
    /// "accepted", and the state goes back to exactly what is on disk.
    private func failEverything(after error: any Error, waiters: [CheckedContinuation<Void, any Error>]) {
        let failure = CommitFailure(underlying: "\(error)")
        for waiter in waiters + waiting { waiter.resume(throwing: failure) }
        waiting = []
        uncommitted = []
        if let durable = try? store.replay() { state = durable }
    }
}

/// Events could not be written; the command was not accepted and nothing was half-applied.
public struct CommitFailure: Error, CustomStringConvertible {
    public var underlying: String
    public var description: String { "could not save to the run file (\(underlying)); nothing was lost, try again" }
}
