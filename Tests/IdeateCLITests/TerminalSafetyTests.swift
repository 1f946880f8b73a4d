import Foundation
import IdeateNet
import IdeateTestSupport
import Testing

/// Hostile idea texts sent over the network must never reach a terminal raw: not on the
/// console, not on another participant's screen. The bytes each program writes to its
/// terminal are recorded with `tmux pipe-pane` and searched.
@Suite("Terminal safety", .offThePool, .serialized, .timeLimit(.minutes(10)))
struct TerminalSafetyTests {
    static let c0 = (0x00...0x1F).filter { ![0x0A, 0x0D].contains($0) }.map { String(UnicodeScalar(UInt8($0))) }.joined()
    static let c1 = (0x80...0x9F).map { String(Character(Unicode.Scalar($0)!)) }.joined()
    static let hostile = [
        "c0 [" + c0 + "]",
        "c1 [" + c1 + "]",
        "csi \u{1B}[2J\u{1B}[31mRED\u{1B}[0m",
        "osc \u{1B}]0;pwned-title\u{07} and \u{1B}]52;c;cHduZWQ=\u{1B}\\",
        "bidi \u{202E}desrever\u{202C} \u{2066}iso\u{2069} \u{200F}",
        "zero\u{200B}width\u{200C}joiner\u{2060}word\u{FEFF}",
    ]
    /// Byte sequences that would mean a hostile text got through raw (a screen may clear itself
    /// with ESC [2J, so that one counts only right after the text that carried it).
    static let forbidden: [(String, [UInt8])] = [
        ("ESC [2J after \"csi \"", Array("csi \u{1B}[2J".utf8)),
        ("ESC [31mRED", Array("\u{1B}[31mRED".utf8)),
        ("OSC 0 title", Array("\u{1B}]0;pwned".utf8)),
        ("OSC 52 clipboard", Array("\u{1B}]52;".utf8)),
        ("U+202E", [0xE2, 0x80, 0xAE]), ("U+2066", [0xE2, 0x81, 0xA6]), ("U+200F", [0xE2, 0x80, 0x8F]),
        ("U+200B", [0xE2, 0x80, 0x8B]), ("U+2060", [0xE2, 0x81, 0xA0]), ("U+FEFF", [0xEF, 0xBB, 0xBF]),
        ("C1 CSI", [0xC2, 0x9B]), ("C1 OSC", [0xC2, 0x9D]), ("BEL in text", Array("pwned-title\u{07}".utf8)),
    ]

    @Test("Every C0/C1 control, CSI/OSC sequence, bidi override and zero-width character is kept off the console, the join client and an ssh participant; the ssh participant votes and leaves with q")
    func hostileTextStaysOffTerminals() async throws {
        let run = ConsoleEndToEndTests.temporaryRun("safety")
        defer { ConsoleEndToEndTests.removeRun(run) }
        let port = TestPorts.free()
        var sshPort = TestPorts.free()
        while sshPort == port { sshPort = TestPorts.free() }
        let consoleBytes = run + ".console.bytes", joinBytes = run + ".join.bytes", sshBytes = run + ".ssh.bytes"
        let hostKey = run + ".host_key", knownHosts = run + ".known_hosts"
        defer {
            for file in [consoleBytes, joinBytes, sshBytes, hostKey, knownHosts, run + ".plan.yaml"] { try? FileManager.default.removeItem(atPath: file) }
        }
        // Phases long enough that a busy machine never ends one before the test does.
        let plan = run + ".plan.yaml"
        try String(contentsOfFile: IdeateProcess.projectFolder.path + "/Benchmarks/load-test.yaml", encoding: .utf8)
            .replacingOccurrences(of: "ideate: 40s", with: "ideate: 10m").replacingOccurrences(of: "vote: 30s", with: "vote: 10m")
            .write(toFile: plan, atomically: true, encoding: .utf8)
        let binary = IdeateProcess.binary.path
        let console = try TmuxSession("\(binary) run \(plan) --run \(run) --port \(port) --ssh-port \(sshPort) --ssh-host-key \(hostKey) --web-port 0 --code SAFE42 --portfolio \(ConsoleEndToEndTests.portfolio(besideRun: run))")
        try console.tmux(["pipe-pane", "-o", "-t", "t", "cat >> '\(consoleBytes)'"], capturingOutput: false)
        try console.waitFor("Press n to start the first round.")
        let viewer = try TmuxSession("\(binary) join 127.0.0.1:\(port) --code SAFE42", width: 100, height: 30)
        try viewer.tmux(["pipe-pane", "-o", "-t", "t", "cat >> '\(joinBytes)'"], capturingOutput: false)
        try viewer.waitFor("You are in.")
        let sshViewer = try TmuxSession(SSHEndToEndTests.ssh("safe42", port: sshPort, knownHosts: knownHosts), width: 80, height: 24)
        try sshViewer.tmux(["pipe-pane", "-o", "-t", "t", "cat >> '\(sshBytes)'"], capturingOutput: false)
        try sshViewer.waitFor("You are in.")
        try console.press("n")
        try console.waitFor("Round 1/1 · Ideation")
        let sender = ParticipantClient(host: "127.0.0.1", port: port, code: "SAFE42")
        await sender.start()
        for text in Self.hostile { #expect(await sender.submit(text).isSaved) }
        // Ending the phase releases whatever the last batch still holds.
        try console.waitFor("on the wall")
        try console.press("n")
        try console.waitFor("End “Ideation” now")
        try console.press("y")
        try console.waitFor("csi ␛[2J")
        try viewer.waitFor("dots left")
        try viewer.waitFor("csi ␛[2J")
        try sshViewer.waitFor("3 of 3 dots left")
        try sshViewer.waitFor("csi ␛[2J")
        try sshViewer.press("Space")
        try sshViewer.waitFor("2 of 3 dots left")
        try sshViewer.type("q")
        try sshViewer.waitFor("Leave the workshop?")
        try sshViewer.type("y")
        try sshViewer.waitFor("EXITED 0", seconds: 10)
        await sender.stop()
        for (name, file) in [("console", consoleBytes), ("join client", joinBytes), ("ssh participant", sshBytes)] {
            let bytes = try #require(FileManager.default.contents(atPath: file))
            #expect(bytes.count > 1000, "\(name): the pane's output was recorded")
            for (label, sequence) in Self.forbidden {
                #expect(bytes.range(of: Data(sequence)) == nil, "\(name) received \(label) raw")
            }
        }
        try console.press("C-c")
        try console.waitFor("EXITED 0")
    }
}
