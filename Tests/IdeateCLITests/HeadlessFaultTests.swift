import Foundation
import IdeateCore
import IdeateNet
import IdeateStore
import Testing

/// Faults of a real server process: killed with SIGKILL while participants submit.
@Suite("Headless faults", .serialized)
struct HeadlessFaultTests {
    static func startHeadless(run: String, port: Int, resume: Bool) throws -> Process {
        let process = Process()
        process.executableURL = IdeateProcess.binary
        process.arguments = ["run", "Benchmarks/load-test.yaml", "--headless", "--run", run, "--port", String(port), "--code", "FAULT1"]
            + (resume ? ["--resume"] : [])
        process.currentDirectoryURL = IdeateProcess.projectFolder
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test("SIGKILL while 50 participants submit; --resume; clients reconnect; every acknowledged idea is there exactly once")
    func killAndResumeUnderLoad() async throws {
        let run = ConsoleEndToEndTests.temporaryRun("fault")
        defer { ConsoleEndToEndTests.removeRun(run) }
        let port = Int.random(in: 40_001...50_000)
        let first = try Self.startHeadless(run: run, port: port, resume: false)
        let clients = (0..<50).map { _ in ParticipantClient(host: "127.0.0.1", port: port, code: "FAULT1") }
        for client in clients { await client.start() }
        // Every client is connected (its first idea acknowledged) before the kill is timed.
        var warmUp: [String] = []
        for (number, client) in clients.enumerated() where await client.submit("warm-up \(number)").isSaved {
            warmUp.append("warm-up \(number)")
        }
        #expect(warmUp.count == 50)
        let killer = Task {
            try await Task.sleep(nanoseconds: 1_000_000_000)
            kill(first.processIdentifier, SIGKILL)
            first.waitUntilExit()
            return try Self.startHeadless(run: run, port: port, resume: true)
        }
        let acknowledged = await withTaskGroup(of: [String].self) { group in
            for (number, client) in clients.enumerated() {
                group.addTask {
                    var texts: [String] = []
                    for index in 0..<20 {
                        let text = "client \(number) idea \(index)"
                        if await client.submit(text).isSaved { texts.append(text) }
                        try? await Task.sleep(nanoseconds: 100_000_000)
                    }
                    return texts
                }
            }
            var all: [String] = []
            for await texts in group { all += texts }
            return all
        }
        let second = try await killer.value
        let everything = acknowledged + warmUp
        defer { second.terminate() }
        var reconnected = 0
        for client in clients {
            if await client.reconnections > 0 { reconnected += 1 }
            await client.stop()
        }
        #expect(reconnected == 50, "every client lost the server and came back")
        #expect(first.terminationReason == .uncaughtSignal)
        #expect(acknowledged.count == 1000, "every idea is acknowledged in the end")
        let stored = try RunStore.open(at: run).replay().ideas.values.map(\.text)
        let counts = Dictionary(grouping: stored, by: { $0 }).mapValues(\.count)
        for text in everything { #expect(counts[text] == 1, "\(text) is stored \(counts[text] ?? 0) times") }
    }
}
