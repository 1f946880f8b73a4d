import Foundation
import GRDB
import IdeateCore
import IdeateRuntime
import IdeateStore
import IdeateTestSupport
import Testing

/// "Saved" only after the commit, for the first copy of a request and for every resend.
@Suite("Durable answers", .offThePool, .serialized, .timeLimit(.minutes(10)))
struct DurableAnswerTests {
    /// Another process holds the run file's write lock, as a slow disk or a backup would.
    final class WriteLockHolder: Sendable {
        let process = Process()
        let input = Pipe()
        let output = Pipe()

        init(path: String) throws {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", """
                import sqlite3, sys
                db = sqlite3.connect(sys.argv[1], isolation_level=None)
                db.execute("BEGIN IMMEDIATE")
                print("locked", flush=True)
                sys.stdin.read()
                db.execute("COMMIT")
                """, path]
            process.standardInput = input
            process.standardOutput = output
            try process.run()
            _ = output.fileHandleForReading.availableData
        }

        func release() {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
        }
    }

    @Test("A resend racing its first copy waits for the commit and shares its failure; views show only what is on disk")
    func resendWaitsForTheCommit() async throws {
        let folder = try TemporaryFolder()
        let path = folder.file("run.sqlite")
        let store = try RunStore.create(at: path, plan: Fixtures.plan)
        let engine = try DurableEngine(store: store, seed: 5)
        let alice = ParticipantToken("alice")
        try await engine.execute(.participant(alice, .join), at: Fixtures.start)
        try await engine.execute(.facilitator(.advance), at: Fixtures.start)

        let lock = try WriteLockHolder(path: path)
        let submit = Command.participant(alice, .submitIdea(text: "Shared calendar"), request: "r1")
        let first = Task { try await engine.execute(submit, at: Fixtures.start) }
        // Let the first copy be decided and sit waiting for the disk.
        var waiting = false
        for _ in 0..<50 where !waiting { waiting = await firstCopyIsWaiting(engine) }
        #expect(waiting)
        let resend = Task { try await engine.execute(submit, at: Fixtures.start) }
        #expect(await engine.currentState().ideas.isEmpty, "an uncommitted idea was shown")
        let firstResult = await first.result
        let resendResult = await resend.result
        #expect(throws: StorageFailure.self) { try firstResult.get() }
        #expect(throws: StorageFailure.self) { try resendResult.get() }
        lock.release()
        #expect(try await engine.execute(submit, at: Fixtures.start).count == 1)
        #expect(try await engine.execute(submit, at: Fixtures.start).isEmpty)
        #expect(try store.replay().ideas.count == 1)
    }

    /// True once the engine has accepted a command it has not committed yet: a no-op tick
    /// then has to wait, so it does not return within a short while.
    private func firstCopyIsWaiting(_ engine: DurableEngine) async -> Bool {
        let tick = Task { try? await engine.execute(.tick, at: Fixtures.start) }
        let waited = await withTaskGroup(of: Bool.self) { group in
            group.addTask { _ = await tick.value; return false }
            group.addTask { try? await SystemClock().sleep(for: .milliseconds(200)); return true }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        return waited
    }
}
