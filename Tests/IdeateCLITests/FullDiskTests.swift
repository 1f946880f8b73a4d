import Foundation
import IdeateCore
import IdeateNet
import IdeateRuntime
import IdeateStore
import IdeateTestSupport
import Testing

/// A run file on a disk that fills up: a small tmpfs mounted for the test (root only).
@Suite("Full disk", .offThePool, .serialized, .enabled(if: getuid() == 0, "mounting a tmpfs needs root (CI runs as root)"), .timeLimit(.minutes(10)))
struct FullDiskTests {
    @Test("Participants and the facilitator are told, nothing acknowledged is lost, saving resumes once space is freed")
    func fullDisk() async throws {
        let mountPoint = NSTemporaryDirectory() + "ideate-full-disk-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        guard system("mount -t tmpfs -o size=2m tmpfs '\(mountPoint)'") == 0 else {
            Issue.record("could not mount a tmpfs at \(mountPoint)")
            return
        }
        defer {
            _ = system("umount -l '\(mountPoint)'")
            try? FileManager.default.removeItem(atPath: mountPoint)
        }
        let run = mountPoint + "/run.sqlite"
        let log = NSTemporaryDirectory() + "ideate-full-disk-\(UUID().uuidString).log"
        defer { try? FileManager.default.removeItem(atPath: log) }
        let port = TestPorts.free()
        let server = Process()
        server.executableURL = IdeateProcess.binary
        server.arguments = ["run", "Benchmarks/load-test.yaml", "--headless", "--run", run, "--port", String(port), "--ssh-port", "0", "--web-port", "0", "--code", "FULL01",
                            "--portfolio", ConsoleEndToEndTests.portfolio(besideRun: run)]
        server.currentDirectoryURL = IdeateProcess.projectFolder
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        server.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        server.standardOutput = FileHandle.nullDevice
        try server.run()
        defer { if server.isRunning { server.terminate() } }

        let clients = (0..<20).map { _ in ParticipantClient(host: "127.0.0.1", port: port, code: "FULL01") }
        for client in clients { await client.start() }
        var acknowledged: [String] = []
        for (number, client) in clients.enumerated() {
            let text = "before the disk filled \(number)"
            if await client.submit(text).isSaved { acknowledged.append(text) }
        }
        #expect(acknowledged.count == clients.count)

        let filler = mountPoint + "/filler"
        let written = Self.fillDisk(path: filler)
        #expect(written > 0)
        // Ideas until the run file cannot grow any more; a few may still fit in pages it has.
        var refused: [(client: ParticipantClient, text: String, message: String)] = []
        let longText = String(repeating: "an idea long enough to need new pages ", count: 11)
        for round in 0..<18 where refused.isEmpty {
            for (number, client) in clients.enumerated() {
                let text = "\(longText)\(round)-\(number)"
                let reply = await client.submit(text)
                if reply.isSaved { acknowledged.append(text) } else { refused.append((client, text, reply.message.description)) }
            }
        }
        try #require(!refused.isEmpty, "the disk never filled")
        for refusal in refused {
            #expect(refusal.message.contains("disk is full"), "participant was told: \(refusal.message)")
        }
        #expect(try await Self.waitFor("The disk holding the run file is full", in: log),
                "the facilitator was told: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")

        try FileManager.default.removeItem(atPath: filler)
        for refusal in refused {
            let reply = await refusal.client.submit(refusal.text)
            #expect(reply.isSaved, "after freeing space: \(reply.message)")
            if reply.isSaved { acknowledged.append(refusal.text) }
        }
        #expect(try await Self.waitFor("Saving works again.", in: log))
        for client in clients { await client.stop() }
        server.terminate()
        server.waitUntilExit()

        let stored = try RunStore.open(at: run).replay().ideas.values.map(\.text)
        let counts = Dictionary(grouping: stored, by: { $0 }).mapValues(\.count)
        for text in acknowledged { #expect(counts[text] == 1, "\(text.suffix(30)) is stored \(counts[text] ?? 0) times") }
        #expect(stored.count == acknowledged.count, "nothing refused was kept")
    }

    /// Writes zeros to `path` until the file system says it is full; returns the bytes written.
    static func fillDisk(path: String) -> Int {
        let descriptor = open(path, O_CREAT | O_WRONLY, 0o600)
        guard descriptor >= 0 else { return 0 }
        defer { close(descriptor) }
        let chunk = [UInt8](repeating: 0, count: 4096)
        var total = 0
        while true {
            let count = chunk.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            total += count
        }
        return total
    }

    static func waitFor(_ text: String, in log: String) async throws -> Bool {
        for _ in 0..<100 {
            if let contents = try? String(contentsOfFile: log, encoding: .utf8), contents.contains(text) { return true }
            try await SystemClock().sleep(for: .milliseconds(100))
        }
        return false
    }
}
