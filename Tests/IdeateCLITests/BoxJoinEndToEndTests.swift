import Foundation
import IdeateTestSupport
import Testing

/// `ideate join http://…` against a real `ideate box`, in tmux: an idea sent and numbered, the
/// reviewer's answer read after r, the receipts kept in the config folder for the owner only,
/// a restart of the screen finding them again, and the box's stop survived.
@Suite("Idea box from ideate join", .offThePool, .serialized, .timeLimit(.minutes(5)))
struct BoxJoinEndToEndTests {
    @Test("An idea sent from the terminal is numbered, answered by the reviewer and read after r; the receipts stay in the config folder, 0600")
    func joinTheBox() throws {
        let folder = try PortfolioCommandTests.Folder()
        let portfolio = folder.file("portfolio.sqlite"), config = folder.file("config")
        let port = TestPorts.free()
        let box = Process()
        box.executableURL = IdeateProcess.binary
        box.arguments = ["box", "--portfolio", portfolio, "--bind", "127.0.0.1", "--web-port", String(port)]
        let output = Pipe()
        box.standardOutput = output
        try box.run()
        defer { box.terminate(); box.waitUntilExit() }
        let announced = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        #expect(announced.contains("open at http://127.0.0.1:\(port)/"), "\(announced)")

        let environment = ["XDG_CONFIG_HOME": config, "IDEATE_THEMES": IdeateProcess.projectFolder.path + "/themes"]
        var terminal = try TmuxSession("\(IdeateProcess.binary.path) join http://127.0.0.1:\(port)/", width: 100, height: 30, environment: environment)
        try terminal.waitFor("None yet")
        try terminal.type("Label the shelves by truck route")
        try terminal.press("Enter")
        let saved = try terminal.waitFor("Its answer will appear")
        let number = try #require(saved.firstMatch(of: /Saved ✓ as (B\d+)\. Its answer/).map { String($0.1) })
        let decided = try IdeateProcess.run(["portfolio", "keep", number, "--answer", "Good one: route labels in January.", "--portfolio", portfolio])
        #expect(decided.status == 0, "\(decided.stderr)")
        try terminal.press("Tab")
        try terminal.type("r")
        let answered = try terminal.waitFor("route labels in January.")
        #expect(answered.contains("Kept in the backlog for later."), "\(answered)")

        // The answer read, the client writes its receipts again (a temporary file, then a rename):
        // wait, bounded, for the write to finish rather than list it half-way.
        var receipts = try FileManager.default.contentsOfDirectory(atPath: config + "/ideate/boxes")
        let deadline = Date().addingTimeInterval(5)
        while receipts.contains(where: { $0.hasSuffix(".tmp") }), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            receipts = try FileManager.default.contentsOfDirectory(atPath: config + "/ideate/boxes")
        }
        #expect(receipts == ["http_127.0.0.1_\(port)_.json"])
        let attributes = try FileManager.default.attributesOfItem(atPath: config + "/ideate/boxes/" + receipts[0])
        #expect((attributes[.posixPermissions] as? Int) == 0o600, "the receipts hold secrets: the owner's only")
        try terminal.type("q")
        try terminal.waitFor("EXITED 0")

        // A new screen finds the receipts and the answer again.
        terminal = try TmuxSession("\(IdeateProcess.binary.path) join http://127.0.0.1:\(port)/", width: 100, height: 30, environment: environment)
        let again = try terminal.waitFor("route labels in January.")
        #expect(again.contains("\(number)  Label the shelves by truck route"), "\(again)")
        try terminal.press("Tab")
        try terminal.type("q")
        try terminal.waitFor("EXITED 0")
    }

    @Test("Over ssh the box draws the same screen: an idea is numbered, to be noted; the reviewer's answer is read after r; nothing is kept for the person")
    func overSSH() throws {
        let folder = try PortfolioCommandTests.Folder()
        let portfolio = folder.file("portfolio.sqlite")
        let (webPort, sshPort) = (TestPorts.free(), TestPorts.free())
        let box = Process()
        box.executableURL = IdeateProcess.binary
        box.arguments = ["box", "--portfolio", portfolio, "--bind", "127.0.0.1", "--web-port", String(webPort), "--ssh-port", String(sshPort),
                         "--ssh-host-key", folder.file("host_key")]
        let output = Pipe()
        box.standardOutput = output
        try box.run()
        defer { box.terminate(); box.waitUntilExit() }
        var announced = ""
        let deadline = Date().addingTimeInterval(15)
        while !announced.contains("Review it with"), Date() < deadline {
            announced += String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        }
        #expect(announced.contains("Over ssh: ssh -p \(sshPort) box@127.0.0.1"), "\(announced)")

        let terminal = try TmuxSession("ssh -p \(sshPort) -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile=\(folder.file("known_hosts")) "
                                       + "-o LogLevel=ERROR box@127.0.0.1", width: 100, height: 30)
        try terminal.waitFor("Your ideas this visit (note their numbers)")
        try terminal.type("Music in the packing hall")
        try terminal.press("Enter")
        let saved = try terminal.waitFor("Note this number")
        let number = try #require(saved.firstMatch(of: /Saved ✓ as (B\d+)\. Note this number/).map { String($0.1) })
        #expect(try IdeateProcess.run(["portfolio", "keep", number, "--answer", "Yes, from Monday, quietly.", "--portfolio", portfolio]).status == 0)
        try terminal.press("Tab")
        try terminal.type("r")
        try terminal.waitFor("Yes, from Monday, quietly.")
        try terminal.type("q")
        try terminal.waitFor("EXITED 0")
        let stored = try IdeateProcess.shell("python3 -c \"import sqlite3; d = sqlite3.connect('\(portfolio)'); "
                                             + "print(d.execute('SELECT COUNT(*) FROM receipt').fetchone()[0]); "
                                             + "print(d.execute('SELECT COUNT(*) FROM backlog_idea').fetchone()[0])\"")
        #expect(stored == "1\n1\n", "one idea with its proof, nothing about who sent it: \(stored)")
    }
}
