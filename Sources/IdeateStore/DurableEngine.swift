import GRDB
import IdeateCore

/// Runs commands against a run file: decides, commits, and answers only after the events are
/// on disk. Commands that arrive while a commit is in flight are committed together in the
/// next transaction (group commit), so durability stays fast under load.
///
/// Two states: commands are decided against everything accepted so far, committed or not
/// (`speculative`), so a burst is judged as a whole; everyone else — views, the console, the
/// server's answers — sees only what is on disk (`committed`). A command that changes nothing
/// (a resend whose first copy is still being written, say) is answered only once the events it
/// rests on are committed, and with their outcome: "saved" never runs ahead of the disk.
public actor DurableEngine: WorkshopEngine {
    public let store: RunStore
    private var committed: SessionState
    private var speculative: SessionState
    private var random: SeededRandom
    /// Accepted events waiting for the next transaction, and who waits for them.
    private var uncommitted: [Event] = []
    private var nextWaiters: [CheckedContinuation<Void, any Error>] = []
    /// Who waits for the transaction being written now.
    private var inFlightWaiters: [CheckedContinuation<Void, any Error>] = []
    private var isCommitting = false
    /// How many transactions have been committed (for figures: events per commit).
    public private(set) var commitCount = 0
    private var health = StorageHealth()
    private let changeSignal = ChangeSignal()

    /// Replays `store` and continues from there. `seed` feeds shuffles and idea ids.
    public init(store: RunStore, seed: UInt64) throws {
        self.store = store
        committed = try store.replay()
        speculative = committed
        random = SeededRandom(seed: seed)
    }

    /// The state on disk: what every view shows.
    public func currentState() -> SessionState { committed }

    public func storageHealth() -> StorageHealth { health }

    public nonisolated func changes() -> AsyncStream<Void> { changeSignal.subscribe() }

    @discardableResult
    public func execute(_ command: Command, at now: Instant) async throws -> [Event] {
        let events = try speculative.decide(command, at: now, random: &random)
        guard !events.isEmpty else {
            try await waitUntilSaved()
            return []
        }
        for event in events { speculative.apply(event) }
        uncommitted += events
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            nextWaiters.append(continuation)
            if !isCommitting {
                isCommitting = true
                Task { await self.commitPending() }
            }
        }
        return events
    }

    /// Returns once every event accepted so far is committed; throws the failure if their
    /// commit failed.
    private func waitUntilSaved() async throws {
        if !uncommitted.isEmpty {
            try await withCheckedThrowingContinuation { nextWaiters.append($0) }
        } else if isCommitting {
            try await withCheckedThrowingContinuation { inFlightWaiters.append($0) }
        }
    }

    private func commitPending() async {
        while !uncommitted.isEmpty {
            let batch = uncommitted
            uncommitted = []
            inFlightWaiters = nextWaiters
            nextWaiters = []
            do {
                try await store.append(batch, revealedBatches: revealedBatches(in: batch))
                for event in batch { committed.apply(event) }
                changeSignal.signal()
                commitCount += 1
                health.isFailing = false
                for waiter in inFlightWaiters { waiter.resume() }
                inFlightWaiters = []
            } catch {
                failEverything(after: error)
            }
        }
        isCommitting = false
    }

    /// For each reveal of several ideas in `batch`, the ideas as they stand when revealed, in
    /// revealed order: the store writes their submissions in that order, so the run file keeps
    /// no arrival order within a batch. Built only for batches that reveal some.
    private func revealedBatches(in batch: [Event]) -> [[Idea]] {
        guard batch.contains(where: { if case let .ideasRevealed(ids, _) = $0 { ids.count > 1 } else { false } }) else { return [] }
        var state = committed
        var batches: [[Idea]] = []
        for event in batch {
            if case let .ideasRevealed(ids, _) = event, ids.count > 1 { batches.append(ids.compactMap { state.ideas[$0] }) }
            state.apply(event)
        }
        return batches
    }

    /// A failed commit (a full disk, say): nobody whose events were not written is told
    /// "accepted", and the next command is decided against exactly what is on disk.
    private func failEverything(after error: any Error) {
        let failure = StorageFailure(error)
        health.failedCommits += 1
        health.lastFailure = failure
        health.isFailing = true
        changeSignal.signal()
        for waiter in inFlightWaiters + nextWaiters { waiter.resume(throwing: failure) }
        inFlightWaiters = []
        nextWaiters = []
        uncommitted = []
        speculative = committed
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
