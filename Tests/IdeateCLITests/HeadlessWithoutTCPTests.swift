import Foundation
import IdeateStore
import IdeateTestSupport
import Testing

/// Views belong to the session, not to the TCP listener: a headless run with `--port 0` serves
/// a phone (the page's WebSocket) and an ssh participant through every phase, its runtime
/// locking each phase at its deadline and the headless policy moving on.
@Suite("Headless without TCP", .offThePool, .serialized, .timeLimit(.minutes(10)))
struct HeadlessWithoutTCPTests {
    @Test("--port 0: a phone and an ssh participant follow a headless run from ideation to its end; no TCP listener is opened")
    func phoneAndSSHWithoutTCP() throws {
        let folder = NSTemporaryDirectory() + "ideate-notcp-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let plan = folder + "/plan.yaml"
        try """
            title: No TCP
            goal: Every phase without the TCP listener
            anonymity:
              reveal: immediate
              min_participants: 1
            votes_per_person: 2
            max_votes_per_idea: 1
            shortlist: 2
            rounds:
              - prompt: Anything
                phases:
                  ideate: 12s
                  build: 3s
                  group: 3s
                  vote: 6s
            """.write(toFile: plan, atomically: true, encoding: .utf8)
        let run = folder + "/run.sqlite"
        let log = folder + "/server.log"
        let sshPort = TestPorts.free()
        var webPort = TestPorts.free()
        while webPort == sshPort { webPort = TestPorts.free() }

        let server = Process()
        server.executableURL = IdeateProcess.binary
        server.arguments = ["run", plan, "--headless", "--run", run, "--port", "0", "--ssh-port", String(sshPort),
                            "--ssh-host-key", folder + "/host_key", "--web-port", String(webPort), "--code", "NOTCP2",
                            "--portfolio", folder + "/portfolio.sqlite"]
        server.currentDirectoryURL = IdeateProcess.projectFolder
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        server.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        server.standardOutput = FileHandle.nullDevice
        try server.run()
        defer { if server.isRunning { server.terminate() }; server.waitUntilExit() }
        try #require(TestPorts.waitUntilListening(sshPort), "the ssh front end did not start")
        try #require(TestPorts.waitUntilListening(webPort), "the phone page did not start")

        let phone = Process()
        phone.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        phone.arguments = ["python3", "Tests/Browser/phone_socket.py", String(webPort), "NOTCP2"]
        phone.currentDirectoryURL = IdeateProcess.projectFolder
        let stages = Pipe()
        phone.standardOutput = stages
        try phone.run()

        let knownHosts = folder + "/known_hosts"
        let participant = try TmuxSession(SSHEndToEndTests.ssh("notcp2", port: sshPort, knownHosts: knownHosts), width: 80, height: 24)
        try participant.waitFor("Your idea:")
        try participant.type("Idea over ssh")
        try participant.press("Enter")
        try participant.waitFor("saved ✓")
        try participant.waitFor("The facilitator is grouping the ideas", seconds: 60)
        // The run ends when its last phase does: the ssh session closes with it.
        try participant.waitFor("EXITED", seconds: 60)

        phone.waitUntilExit()
        let seen = String(decoding: stages.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .split(separator: "\n").map(String.init).filter { $0 != "lobby" }
        #expect(phone.terminationStatus == 0, "the phone did not see the end: \(seen)")
        #expect(seen == ["ideate", "build", "group", "vote", "finished"])

        let state = try RunStore.open(at: run).replay()
        #expect(Set(state.ideas.values.map(\.text)) == ["Idea from a phone", "Idea over ssh"])
        let round = try #require(state.ideas.values.first).round
        #expect(state.totalVotes(round: round) == 1, "the phone's dot is counted")
        // Added to the portfolio at the end, each idea's number there went to the participants' end views.
        let numbers = Set(state.ideas.values.compactMap { state.portfolioNumbers[$0.id.rawValue] })
        #expect(numbers.count == 2 && numbers.allSatisfy { $0.hasPrefix("B") || $0.hasPrefix("E") }, "\(state.portfolioNumbers)")
        let printed = try String(contentsOfFile: log, encoding: .utf8)
        #expect(!printed.contains("Serving participants"), "no TCP listener is announced:\n\(printed)")
        #expect(printed.contains("Finished."))
    }
}
