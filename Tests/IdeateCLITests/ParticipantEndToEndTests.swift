import Foundation
import IdeateTestSupport
import Testing

/// A facilitator and two participants on three terminals, through the real network.
@Suite("Participants end to end", .offThePool, .serialized, .timeLimit(.minutes(10)))
struct ParticipantEndToEndTests {
    @Test("Two ideate join clients type ideas, see the wall fill after the batch, vote; the minutes hold ideas and votes")
    func workshopOverTheNetwork() throws {
        let run = ConsoleEndToEndTests.temporaryRun("net")
        defer { ConsoleEndToEndTests.removeRun(run) }
        let port = TestPorts.free()
        let binary = IdeateProcess.binary.path
        let console = try TmuxSession("\(binary) run sessions/quick-start.yaml --run \(run) --port \(port) --ssh-port 0 --web-port 0 --code ABCD23 --portfolio \(ConsoleEndToEndTests.portfolio(besideRun: run))")
        try console.waitFor("Press n to start the first round.")
        let alice = try TmuxSession("\(binary) join 127.0.0.1:\(port) --code abcd23", width: 100, height: 30)
        let bob = try TmuxSession("\(binary) join 127.0.0.1:\(port) --code ABCD23", width: 100, height: 30)
        try alice.waitFor("You are in.")
        try bob.waitFor("You are in.")
        try console.waitFor("2 joined")
        try console.press("n")
        try console.waitFor("Round 1/1 · Ideation")
        try alice.waitFor("Your idea:")
        try bob.waitFor("Your idea:")
        try alice.type("会議を短くする 🚀")
        try alice.press("Enter")
        try alice.waitFor("saved ✓")
        try bob.type("Shared inbox for orders")
        try bob.press("Enter")
        try bob.type("Escape attempt ")
        try bob.press("Escape")
        try bob.type("[31mred text")
        try bob.press("Enter")
        try alice.type("Fewer approval steps")
        try alice.press("Enter")
        try alice.waitFor("Fewer approval steps")
        try bob.waitFor("[31mred text")
        // The first batch goes up after batch_seconds (15 s in quick-start) with at least three.
        try console.waitFor("ideas on the wall", seconds: 40)
        try console.waitFor("• ", seconds: 40)
        try console.press("n")
        try console.waitFor("End “Ideation” now")
        try console.press("y")
        let grouped = try console.waitFor("Round 1/1 · Grouping")
        for text in ["会議を短くする 🚀", "Shared inbox for orders", "[31mred text", "Fewer approval steps"] {
            #expect(grouped.contains(text), "\(text) reached the console")
        }
        #expect(!(try console.screen(withEscapes: true)).contains("\u{1B}[31mred"), "no raw escape sequence reaches the console")
        try console.press("n")
        try console.waitFor("End “Grouping” now")
        try console.press("y")
        try console.waitFor("Round 1/1 · Vote")
        try alice.waitFor("dots left")
        try alice.press("Space")
        try alice.waitFor("2 of 3 dots left")
        try alice.press("Space")
        try bob.waitFor("dots left")
        try bob.press("Down", "Space")
        try console.waitFor("2 of 2 have voted")
        try console.press("x")
        try console.waitFor("Results")
        try bob.waitFor("Results")
        try console.press("n")
        try console.waitFor("Review the shortlist")
        try console.press("n")
        try console.waitFor("Finish the workshop")
        try console.press("y")
        try console.waitFor("Minutes written to")
        let minutes = try String(contentsOfFile: (run as NSString).deletingPathExtension + ".md", encoding: .utf8)
        #expect(minutes.contains("2 participants"))
        #expect(minutes.contains("3 votes"))
        #expect(minutes.contains("会議を短くする 🚀"))
        #expect(minutes.contains("Shared inbox for orders"))
        #expect(minutes.contains("| 1 |"))
        try console.press("q")
        try console.press("y")
        try console.waitFor("EXITED 0")
    }

    @Test("ideate join speaks the participant's locale (LANG=nl_NL.UTF-8), else the room's (a German run), else its own --language")
    func joinInTheParticipantsLanguage() throws {
        let run = ConsoleEndToEndTests.temporaryRun("join-lang")
        defer { ConsoleEndToEndTests.removeRun(run) }
        let port = TestPorts.free()
        let binary = IdeateProcess.binary.path
        let server = Process()
        server.executableURL = IdeateProcess.binary
        server.arguments = ["run", "sessions/quick-start.yaml", "--headless", "--language", "de", "--run", run, "--port", String(port),
                            "--ssh-port", "0", "--web-port", "0", "--code", "LANG77", "--portfolio", ConsoleEndToEndTests.portfolio(besideRun: run)]
        server.currentDirectoryURL = IdeateProcess.projectFolder
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { server.terminate(); server.waitUntilExit() }
        try #require(TestPorts.waitUntilListening(port), "the participant server did not start")

        let dutch = try TmuxSession("\(binary) join 127.0.0.1:\(port) --code LANG77", width: 80, height: 24, environment: ["LANG": "nl_NL.UTF-8"])
        try dutch.waitFor("Je idee:")
        try dutch.type("Kortere vergaderingen")
        try dutch.press("Enter")
        try dutch.waitFor("bewaard ✓")
        let room = try TmuxSession("\(binary) join 127.0.0.1:\(port) --code LANG77", width: 80, height: 24)
        try room.waitFor("Deine Idee:")
        let spanish = try TmuxSession("\(binary) join 127.0.0.1:\(port) --code LANG77 --language es", width: 80, height: 24,
                                      environment: ["LANG": "nl_NL.UTF-8"])
        try spanish.waitFor("Tu idea:")
        let screens = [try dutch.screen(), try room.screen(), try spanish.screen()]
        for screen in screens { #expect(!screen.contains("Your idea") && !screen.contains("connected"), "no English:\n\(screen)") }
        for session in [dutch, room, spanish] {
            try session.press("C-c")
            try session.waitFor("EXITED 0", seconds: 10)
        }
    }
}
