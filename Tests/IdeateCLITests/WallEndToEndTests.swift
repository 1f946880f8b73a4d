import Foundation
import IdeateTestSupport
import Testing

/// The wall and the console side by side, as a facilitator would set them up: the console in
/// one terminal, the projector's terminal opening the wall over the real OpenSSH client, a
/// participant over ssh.
@Suite("The wall end to end", .offThePool, .serialized, .timeLimit(.minutes(10)))
struct WallEndToEndTests {
    @Test("ideate run --wall: the console names the wall and counts it; the wall shows the room's view, follows the phases and shows nothing of the facilitator's")
    func wallBesideConsole() throws {
        let folder = NSTemporaryDirectory() + "ideate-wall-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = folder + "/run.sqlite", knownHosts = folder + "/known_hosts"
        let (port, sshPort) = TestPorts.freePair()
        let console = try TmuxSession(
            "\(IdeateProcess.binary.path) run sessions/quick-start.yaml --run \(run) --port \(port) --ssh-port \(sshPort) --web-port 0 "
                + "--ssh-host-key \(folder)/host_key --public-address 127.0.0.1 --code WALL7K --wall-code wall-e2e-test "
                + "--portfolio \(ConsoleEndToEndTests.portfolio(besideRun: run))")
        try console.waitFor("Wall for the projector: ssh -p \(sshPort) wall-e2e-test@127.0.0.1")
        #expect(try console.screen().split(separator: "\n").first?.contains("0 walls attached") == true)

        let wall = try TmuxSession(SSHEndToEndTests.ssh("wall-e2e-test", port: sshPort, knownHosts: knownHosts), width: 100, height: 30)
        try wall.waitFor("q leave")
        try console.waitFor("1 wall attached")
        let lobby = try wall.screen()
        #expect(lobby.contains("ssh -p \(sshPort) WALL7K@127.0.0.1") && lobby.contains("W A L L 7 K"), "the wall shows how to join:\n\(lobby)")
        #expect(!lobby.contains("wall-e2e-test") && !lobby.contains("Press n"), "the wall shows nothing of the facilitator's:\n\(lobby)")

        let alice = try TmuxSession(SSHEndToEndTests.ssh("wall7k", port: sshPort, knownHosts: knownHosts), width: 80, height: 24)
        try alice.waitFor("You are in")
        try wall.waitFor("1 joined")
        try console.press("n")
        try wall.waitFor("Ideation")
        try alice.waitFor("Your idea:")
        try alice.type("Shared calendar for the vans")
        try alice.press("Enter")
        try alice.waitFor("saved ✓")
        try alice.press("C-d")
        try wall.waitFor("1 of 1 done")
        try console.waitFor("1 of 1 done")
        try console.press("n")
        try console.waitFor("End “Ideation” now")
        try console.press("y")
        try wall.waitFor("Grouping")
        try wall.waitFor("• Shared calendar for the vans")
        let grouping = try wall.screen()
        #expect(!grouping.contains("[ ]") && !grouping.contains("merge"), "no facilitator's marks or keys on the wall:\n\(grouping)")

        try wall.press("q")
        try wall.waitFor("EXITED", seconds: 10)
        try console.waitFor("0 walls attached")
        try console.press("q")
    }

    @Test("Moderation in a room: the wall beside the console, a phone in Chromium and an ssh participant; held ideas reach no screen until let through, a held-back one never, and the minutes count it (Tests/Browser/wall_moderation.py)")
    func moderationInTheRoom() throws {
        let result = try IdeateProcess.shell("cd \(IdeateProcess.projectFolder.path) && timeout -s INT -k 10 300 python3 Tests/Browser/wall_moderation.py \(IdeateProcess.binary.path) 2>&1; echo \"exit $?\"")
        #expect(result.hasSuffix("exit 0\n"), "\(result)")
        #expect(result.contains("ok  the minutes say 1 idea was held back and never show it"), "\(result)")
    }

    @Test("A moderated plan refuses to run without a wall, or headless: the queue must not reach the projector")
    func moderationNeedsAWall() throws {
        let folder = NSTemporaryDirectory() + "ideate-mod-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let withoutWall = try IdeateProcess.shell("cd \(IdeateProcess.projectFolder.path) && script -qec '\(IdeateProcess.binary.path) run sessions/moderated-retro.yaml --run \(folder)/run.sqlite' /dev/null; echo \"exit $?\"")
        #expect(withoutWall.contains("moderation: true: the queue of held ideas must not reach the projector; run with --wall"), "\(withoutWall)")
        #expect(withoutWall.hasSuffix("exit 1\n"), "\(withoutWall)")
        let headless = try IdeateProcess.shell("cd \(IdeateProcess.projectFolder.path) && \(IdeateProcess.binary.path) run sessions/moderated-retro.yaml --headless --wall --run \(folder)/run.sqlite 2>&1; echo \"exit $?\"")
        #expect(headless.contains("needs a facilitator at the console"), "\(headless)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/run.sqlite"), "no run file was made")
    }
}
