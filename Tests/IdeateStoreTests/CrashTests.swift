import Foundation
import IdeateCore
import IdeateStore
import IdeateTestSupport
import Testing

/// Kills a writer with SIGKILL at random moments and checks that the file survives with every
/// event it acknowledged.
@Suite("Crash safety", .offThePool, .timeLimit(.minutes(10)))
struct CrashTests {
    static var probe: URL {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("ideate-crash-probe")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/ideate-crash-probe")
    }

    @Test("SIGKILL 50 times mid-write: every reopen passes integrity_check and holds every acknowledged idea")
    func killedWriter() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("crash.sqlite")
        var random = SeededRandom(seed: TestSeed.make())
        var acknowledged: Set<String> = []
        var killsWithAcks = 0
        for _ in 0..<50 {
            let process = Process()
            process.executableURL = Self.probe
            process.arguments = [path]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            // Wait until the writer is in full flow, then kill it at a random moment.
            var printed = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
            usleep(UInt32(random.next() % 40_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal, "the probe must die by the signal, not on its own")
            printed += String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let acks = printed.split(separator: "\n").filter { $0.hasPrefix("ack ") }.map { String($0.dropFirst(4)) }
            if !acks.isEmpty { killsWithAcks += 1 }
            acknowledged.formUnion(acks)

            let store = try RunStore.open(at: path)
            #expect(try store.integrityCheck() == "ok")
            let stored = Set(try store.replay().ideas.values.map(\.text))
            let missing = acknowledged.subtracting(stored)
            #expect(missing.isEmpty, "acknowledged but lost: \(missing.prefix(5))")
        }
        #expect(killsWithAcks == 50, "every kill should land while the writer is acknowledging")
        #expect(acknowledged.count > 100)
    }
}
