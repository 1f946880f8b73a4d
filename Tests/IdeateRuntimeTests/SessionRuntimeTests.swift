import IdeateCore
import IdeateRuntime
import IdeateTestSupport
import Testing

/// The runtime owns the session's time: with no front end at all, batches are revealed and
/// phases lock when the test clock reaches their deadline, and nothing happens before.
@Suite("Session runtime", .offThePool, .timeLimit(.minutes(1)))
struct SessionRuntimeTests {
    /// Runs `body` beside a runtime over `engine`, stopping the runtime when it returns.
    private func withRuntime(
        _ engine: any WorkshopEngine, clock: TestClock, retryDelay: Duration = .seconds(1),
        _ body: () async throws -> Void
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await SessionRuntime(engine: engine, clock: clock, retryDelay: retryDelay, settleDelay: .zero).run() }
            try await body()
            group.cancelAll()
        }
    }

    private func tokens(_ count: Int) -> [ParticipantToken] { (0..<count).map { ParticipantToken("token-\($0)") } }

    @Test("A batch goes up when it is due, with no console or headless loop attached")
    func revealsBatches() async throws {
        let clock = TestClock()
        let engine = InMemoryEngine(plan: TestSession.plan(reveal: .batch), seed: 1)
        for token in tokens(3) { try await engine.execute(.participant(token, .join), at: clock.now) }
        try await engine.execute(.facilitator(.advance), at: clock.now)
        let start = clock.now
        try await withRuntime(engine, clock: clock) {
            for (index, token) in tokens(3).enumerated() {
                try await engine.execute(.participant(token, .submitIdea(text: "Idea \(index)", extending: nil)), at: clock.now)
            }
            // A batch waits batch_seconds (from the phase's start, then from the last batch);
            // the runtime sleeps until then and reveals it without anyone ticking.
            await clock.waitForSleeper(until: start.advanced(bySeconds: 20))
            #expect(await engine.currentState().wall.isEmpty)
            clock.advance(seconds: 20)
            let firstBatch = await engine.state { $0.wall.count == 3 }
            #expect(firstBatch.pending.isEmpty)
            for (index, token) in tokens(3).enumerated() {
                try await engine.execute(.participant(token, .submitIdea(text: "More \(index)", extending: nil)), at: clock.now)
            }
            await clock.waitForSleeper(until: start.advanced(bySeconds: 40))
            #expect(await engine.currentState().pending.count == 3)
            clock.advance(seconds: 20)
            let secondBatch = await engine.state { $0.wall.count == 6 }
            #expect(secondBatch.pending.isEmpty)
        }
    }

    @Test("A phase locks at its deadline; a paused timer never locks; a resumed one locks at its new end")
    func locksPhases() async throws {
        let clock = TestClock()
        let engine = InMemoryEngine(plan: TestSession.plan(reveal: .batch), seed: 1)
        for token in tokens(3) { try await engine.execute(.participant(token, .join), at: clock.now) }
        try await engine.execute(.facilitator(.advance), at: clock.now)
        let end = clock.now.advanced(bySeconds: 300)
        try await withRuntime(engine, clock: clock) {
            await clock.waitForSleeper(until: end)
            clock.advance(seconds: 100)
            try await engine.execute(.facilitator(.pauseTimer), at: clock.now)
            clock.advance(seconds: 3_600)
            #expect(await !engine.currentState().isLocked)
            try await engine.execute(.facilitator(.resumeTimer), at: clock.now)
            let newEnd = clock.now.advanced(bySeconds: 200)
            await clock.waitForSleeper(until: newEnd)
            clock.advance(seconds: 199)
            #expect(await !engine.currentState().isLocked)
            await clock.waitForSleeper(until: newEnd)
            clock.advance(seconds: 1)
            #expect(await engine.state(where: \.isLocked).isLocked)
        }
    }

    @Test("A tick that cannot be saved is tried again after the retry delay, not in a busy loop")
    func retriesFailedTicks() async throws {
        let clock = TestClock()
        let engine = FailingTicks(InMemoryEngine(plan: TestSession.plan(reveal: .batch), seed: 1), failures: 2)
        for token in tokens(3) { try await engine.execute(.participant(token, .join), at: clock.now) }
        try await engine.execute(.facilitator(.advance), at: clock.now)
        clock.advance(seconds: 300)
        try await withRuntime(engine, clock: clock, retryDelay: .seconds(5)) {
            await clock.waitForSleeper(until: clock.now.advanced(bySeconds: 5))
            #expect(await engine.ticksTried == 1)
            clock.advance(seconds: 5)
            await clock.waitForSleeper(until: clock.now.advanced(bySeconds: 5))
            #expect(await engine.ticksTried == 2)
            clock.advance(seconds: 5)
            #expect(await engine.state(where: \.isLocked).isLocked)
            #expect(await engine.ticksTried == 3)
        }
    }
}

/// An engine whose first ticks fail as a full disk would.
private actor FailingTicks: WorkshopEngine {
    private let engine: InMemoryEngine
    private var failures: Int
    private(set) var ticksTried = 0

    init(_ engine: InMemoryEngine, failures: Int) {
        self.engine = engine
        self.failures = failures
    }

    func currentState() async -> SessionState { await engine.currentState() }
    func storageHealth() async -> StorageHealth { await engine.storageHealth() }
    nonisolated func changes() -> AsyncStream<Void> { engine.changes() }

    @discardableResult
    func execute(_ command: Command, at now: Instant) async throws -> [Event] {
        if command == .tick {
            ticksTried += 1
            if failures > 0 {
                failures -= 1
                throw StorageFailure(cause: .diskFull, detail: "test")
            }
        }
        return try await engine.execute(command, at: now)
    }
}
