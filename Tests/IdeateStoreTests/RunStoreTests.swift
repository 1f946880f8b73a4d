import Foundation
import GRDB
import IdeateCore
import IdeateStore
import IdeateTestSupport
import Testing

/// A fresh folder per test, removed afterwards.
struct TemporaryFolder: ~Copyable {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "ideate-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

enum Fixtures {
    static let plan = Plan(
        title: "Store test", goal: "Keep everything",
        anonymity: AnonymitySettings(reveal: .batch, batchSeconds: 10, minBatch: 3),
        rounds: [RoundPlan(prompt: "Ideas?", phases: [
            PhasePlan(kind: .ideate, seconds: 300), PhasePlan(kind: .vote, seconds: 60),
        ])])
    static let start = Instant(secondsSince1970: 1_773_324_000)
}

@Suite("Run store", .offThePool, .timeLimit(.minutes(5)))
struct RunStoreTests {
    @Test("A reopened run rebuilds exactly the same state, remaining timer time included")
    func reopen() async throws {
        let folder = try TemporaryFolder()
        let path = folder.file("run.sqlite")
        let engine = try DurableEngine(store: try RunStore.create(at: path, plan: Fixtures.plan), seed: 1)
        let tokens = (0..<4).map { ParticipantToken("t\($0)") }
        var now = Fixtures.start
        for token in tokens { try await engine.execute(.participant(token, .join), at: now) }
        try await engine.execute(.facilitator(.advance), at: now)
        for (index, token) in tokens.enumerated() {
            now = now.advanced(bySeconds: 7)
            try await engine.execute(.participant(token, .submitIdea(text: "idea \(index)")), at: now)
        }
        now = now.advanced(bySeconds: 3)
        try await engine.execute(.tick, at: now)
        try await engine.execute(.facilitator(.pauseTimer), at: now)
        let before = await engine.currentState()

        let reopened = try RunStore.open(at: path).replay()
        #expect(reopened == before)
        #expect(reopened.timer?.remainingMilliseconds(at: now.advanced(bySeconds: 999)) == 269_000)
        #expect(reopened.wall.count == 4)
    }

    @Test("Run files are created with mode 0600 and never overwritten")
    func permissions() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("runs/nested/run.sqlite")
        _ = try RunStore.create(at: path, plan: Fixtures.plan)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(throws: RunStoreError.alreadyExists(path)) { try RunStore.create(at: path, plan: Fixtures.plan) }
    }

    @Test("A file that is not a run, a missing file and a newer schema get clear errors")
    func badFiles() throws {
        let folder = try TemporaryFolder()
        #expect(throws: RunStoreError.notFound(folder.file("missing.sqlite"))) { try RunStore.open(at: folder.file("missing.sqlite")) }
        let junk = folder.file("junk.sqlite")
        try Data("this is not a database, just text that is long enough".utf8).write(to: URL(fileURLWithPath: junk))
        #expect { try RunStore.open(at: junk) } throws: { error in
            guard case .unreadable? = error as? RunStoreError else { return false }
            return true
        }
        let newer = folder.file("newer.sqlite")
        _ = try RunStore.create(at: newer, plan: Fixtures.plan)
        let queue = try DatabaseQueue(path: newer)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations(identifier) VALUES ('v99 from the future')") }
        try queue.close()
        #expect(throws: RunStoreError.newerSchema(newer)) { try RunStore.open(at: newer) }
    }

    @Test("The file is a WAL database with synchronous=FULL and a schema version")
    func pragmas() throws {
        let folder = try TemporaryFolder()
        let store = try RunStore.create(at: folder.file("run.sqlite"), plan: Fixtures.plan)
        #expect(try store.schemaVersion() == "v1 event log")
        #expect(try store.integrityCheck() == "ok")
        #expect(try store.synchronousLevel() == 2)
        let queue = try DatabaseQueue(path: folder.file("run.sqlite"))
        #expect(try queue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
    }

    @Test("Concurrent commands are committed in groups, and every one is acknowledged")
    func groupCommit() async throws {
        let folder = try TemporaryFolder()
        let store = try RunStore.create(at: folder.file("run.sqlite"), plan: Fixtures.plan)
        let engine = try DurableEngine(store: store, seed: 2)
        try await engine.execute(.facilitator(.advance), at: Fixtures.start)
        let count = 400
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<count {
                group.addTask {
                    let token = ParticipantToken("p\(index)")
                    try await engine.execute(.participant(token, .join), at: Fixtures.start)
                    try await engine.execute(.participant(token, .submitIdea(text: "idea \(index)")), at: Fixtures.start)
                }
            }
            try await group.waitForAll()
        }
        let state = try store.replay()
        #expect(state.ideas.count == count)
        #expect(Set(state.ideas.values.map(\.text)) == Set((0..<count).map { "idea \($0)" }))
        let commits = await engine.commitCount
        #expect(commits < 2 * count, "\(commits) commits for \(2 * count) commands: no grouping happened")
    }

    @Test("The run file holds no participant token")
    func noTokensOnDisk() async throws {
        let folder = try TemporaryFolder()
        let path = folder.file("run.sqlite")
        let engine = try DurableEngine(store: try RunStore.create(at: path, plan: Fixtures.plan), seed: 3)
        let tokens = (0..<3).map { ParticipantToken("secret-token-\($0)-\(UUID().uuidString)") }
        try await engine.execute(.facilitator(.advance), at: Fixtures.start)
        for token in tokens {
            try await engine.execute(.participant(token, .join), at: Fixtures.start)
            try await engine.execute(.participant(token, .submitIdea(text: "an idea")), at: Fixtures.start)
        }
        try await engine.execute(.facilitator(.advance), at: Fixtures.start)
        let bytes = try [path, path + "-wal"].filter { FileManager.default.fileExists(atPath: $0) }
            .map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        for token in tokens {
            for data in bytes { #expect(data.range(of: Data(token.rawValue.utf8)) == nil) }
        }
    }
}
