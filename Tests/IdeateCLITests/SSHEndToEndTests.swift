import Foundation
import IdeateStore
import IdeateTestSupport
import Testing

/// Joining over ssh as a participant would: the real OpenSSH client in a real terminal (tmux),
/// a headless server, nothing installed on the participant's side.
@Suite("ssh end to end", .offThePool, .serialized, .timeLimit(.minutes(10)))
struct SSHEndToEndTests {
    /// A headless server with ssh on, its stderr kept in `log`.
    static func startServer(run: String, port: Int, sshPort: Int, hostKey: String, log: String, resume: Bool = false,
                            extra: [String] = []) throws -> Process {
        let process = Process()
        process.executableURL = IdeateProcess.binary
        process.arguments = ["run", "sessions/quick-start.yaml", "--headless", "--run", run, "--port", String(port),
                             "--ssh-port", String(sshPort), "--ssh-host-key", hostKey, "--web-port", "0", "--code", "SSH7K2",
                             "--portfolio", ConsoleEndToEndTests.portfolio(besideRun: run)] + (resume ? ["--resume"] : []) + extra
        process.currentDirectoryURL = IdeateProcess.projectFolder
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func ssh(_ user: String, port: Int, knownHosts: String, options: String = "") -> String {
        "ssh -p \(port) -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile=\(knownHosts) -o LogLevel=ERROR \(options) \(user)@127.0.0.1"
    }

    @Test("ssh CODE@host opens the participant screen; a wrong name asks for the code; ideas are saved; q leaves and restores the terminal; the host key is kept and its fingerprint is OpenSSH's")
    func joinOverSSH() throws {
        let folder = NSTemporaryDirectory() + "ideate-ssh-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = folder + "/run.sqlite"
        let hostKey = folder + "/keys/host_key"
        let knownHosts = folder + "/known_hosts"
        let log = folder + "/server.log"
        let (port, sshPort) = TestPorts.freePair()
        let server = try Self.startServer(run: run, port: port, sshPort: sshPort, hostKey: hostKey, log: log)
        defer { server.terminate(); server.waitUntilExit() }
        try #require(TestPorts.waitUntilListening(sshPort), "the ssh front end did not start")

        let key = try FileManager.default.attributesOfItem(atPath: hostKey)
        #expect((key[.posixPermissions] as? Int) == 0o600, "the host key is readable by its owner only")

        let alice = try TmuxSession(Self.ssh("ssh7k2", port: sshPort, knownHosts: knownHosts), width: 80, height: 24)
        try alice.waitFor("Your idea:")
        let bob = try TmuxSession(Self.ssh("bobby", port: sshPort, knownHosts: knownHosts), width: 120, height: 36)
        try bob.waitFor("the name before @ was not it")
        try bob.type("ssh7k3")
        try bob.press("Enter")
        try bob.waitFor("Wrong code — check the shared screen")
        try bob.press("BSpace")
        try bob.type("2")
        try bob.press("Enter")
        try bob.waitFor("Your idea:")

        try alice.type("Fewer meetings 会議 🚀")
        try alice.press("Enter")
        try alice.waitFor("saved ✓")
        try bob.type("Shared inbox")
        try bob.press("Enter")
        try bob.waitFor("saved ✓")
        let colours = try bob.screen(withEscapes: true)
        #expect(colours.contains("\u{1B}["), "the theme's colours reach an xterm over ssh")

        try alice.resize(width: 100, height: 30)
        try alice.waitUntil("redrawn at the new width") { screen in
            screen.contains("Round 1/1") && screen.split(separator: "\n").first.map { $0.count > 80 } == true
        }

        try alice.press("Escape")
        try alice.waitFor("Leave the workshop?")
        try alice.type("y")
        try alice.waitFor("EXITED 0", seconds: 10)
        let after = try alice.screen()
        #expect(!after.contains("Your idea:"), "the participant's own screen is back after leaving:\n\(after)")

        // The fingerprint shown is the one OpenSSH recorded.
        let recorded = try IdeateProcess.shell("ssh-keygen -lf \(knownHosts)")
        let serverLog = try String(contentsOfFile: log, encoding: .utf8)
        let fingerprint = recorded.split(separator: " ").dropFirst().first.map(String.init) ?? "?"
        #expect(fingerprint.hasPrefix("SHA256:"))
        #expect(serverLog.contains("host key \(fingerprint)"), "log: \(serverLog)")
        #expect(!serverLog.contains("bobby") && !serverLog.contains("ssh7k3"), "no ssh user name in the log")

        // No terminal: a hint, exit status 1.
        let plain = try IdeateProcess.shell(Self.ssh("SSH7K2", port: sshPort, knownHosts: knownHosts, options: "-T") + " true; echo status $?")
        #expect(plain.contains("ssh -t -p \(sshPort)") && plain.contains("status 1"), "\(plain)")

        // Restarted with the same key file: the same host, no "host key changed".
        server.terminate()
        server.waitUntilExit()
        let again = try Self.startServer(run: run, port: port, sshPort: sshPort, hostKey: hostKey, log: log, resume: true)
        defer { again.terminate(); again.waitUntilExit() }
        try #require(TestPorts.waitUntilListening(sshPort))
        let strict = try TmuxSession("ssh -p \(sshPort) -o StrictHostKeyChecking=yes -o UserKnownHostsFile=\(knownHosts) SSH7K2@127.0.0.1", width: 80, height: 24)
        try strict.waitFor("Your idea:")
        try strict.press("C-c")
        try strict.waitFor("EXITED 0", seconds: 10)

        let ideas = try RunStore.open(at: run).replay().ideas.values.map(\.text)
        #expect(Set(ideas).isSuperset(of: ["Fewer meetings 会議 🚀", "Shared inbox"]))
    }

    @Test("Over ssh each participant reads the language their client's LANG asks for, else the room's: French for one, German (the room's) for the other, refusals included")
    func languagesOverSSH() throws {
        let folder = NSTemporaryDirectory() + "ideate-ssh-lang-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = folder + "/run.sqlite", knownHosts = folder + "/known_hosts"
        let (port, sshPort) = TestPorts.freePair()
        let server = try Self.startServer(run: run, port: port, sshPort: sshPort, hostKey: folder + "/keys/host_key", log: folder + "/server.log",
                                          extra: ["--language", "de"])
        defer { server.terminate(); server.waitUntilExit() }
        try #require(TestPorts.waitUntilListening(sshPort), "the ssh front end did not start")

        let french = try TmuxSession(Self.ssh("ssh7k2", port: sshPort, knownHosts: knownHosts, options: "-o SetEnv=LANG=fr_BE.UTF-8"),
                                     width: 80, height: 24)
        try french.waitFor("Votre idée")
        try french.type("Moins de réunions")
        try french.press("Enter")
        try french.waitFor("enregistrée ✓")
        try french.press("Tab")
        try french.press("?")
        try french.waitFor("Touches")

        let room = try TmuxSession(Self.ssh("bobby", port: sshPort, knownHosts: knownHosts, options: "-o SetEnv=LANG=C.UTF-8"),
                                   width: 80, height: 24)
        try room.waitFor("der Name vor dem @ war es")
        try room.type("ssh7k3")
        try room.press("Enter")
        try room.waitFor("Falscher Code")
        try room.press("BSpace")
        try room.type("2")
        try room.press("Enter")
        try room.waitFor("Deine Idee:")
        try room.type("Gemeinsamer Kalender")
        try room.press("Enter")
        try room.waitFor("gespeichert ✓")
        let german = try room.screen()
        #expect(german.contains("Runde 1/1") && german.contains("Ideensammlung"), "the room's language in the header:\n\(german)")
        #expect(!german.contains("Your idea") && !german.contains("saved"), "no English on the German screen:\n\(german)")
        for session in [french, room] {
            try session.press("C-c")
            try session.waitFor("EXITED 0", seconds: 10)
        }
    }
}
