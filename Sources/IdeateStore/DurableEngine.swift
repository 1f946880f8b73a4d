import GRDB
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
    private var health = StorageHealth()

    /// Replays `store` and continues from there. `seed` feeds shuffles and idea ids.
    public init(store: RunStore, seed: UInt64) throws {
        self.store = store
        state = try store.replay()
        random = SeededRandom(seed: seed)
    }

    public func currentState() -> SessionState { state }

    public func storageHealth() -> StorageHealth { health }

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
                health.isFailing = false
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
        let failure = StorageFailure(error)
        health.failedCommits += 1
        health.lastFailure = failure
        health.isFailing = true
        for waiter in waiters + waiting { waiter.resume(throwing: failure) }
        waiting = []
        uncommitted = []
        if let durable = try? store.replay() { state = durable }
    }
}

extension StorageFailure {
    /// Classifies what SQLite said: `SQLITE_FULL` is a full disk, anything else a failed write.
    init(_ error: any Error) {
        if let database = error as? DatabaseError {
            self.init(cause: database.resultCode == .SQLITE_FULL ? .diskFull : .writeFailed,
                      detail: database.message ?? "\(database.resultCode)")
        } else {
            self.init(cause: .writeFailed, detail: "\(error)")
        }
    }
}
