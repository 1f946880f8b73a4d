import Foundation
import IdeateTUI
import IdeateTestSupport
import Testing

/// The console in a real terminal (tmux), as a facilitator uses it.
@Suite("Console end to end", .offThePool, .serialized, .timeLimit(.minutes(10)))
struct ConsoleEndToEndTests {
    static func temporaryRun(_ name: String) -> String {
        NSTemporaryDirectory() + "ideate-e2e-\(UUID().uuidString.prefix(8))-\(name).sqlite"
    }

    static func removeRun(_ path: String) {
        for suffix in ["", "-wal", "-shm", ".md"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        try? FileManager.default.removeItem(atPath: (path as NSString).deletingPathExtension + ".md")
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: portfolio(besideRun: path) + suffix) }
    }

    /// The portfolio a test's run finishes into: beside the run, never the project's own
    /// `sessions/portfolio.sqlite`.
    static func portfolio(besideRun run: String) -> String {
        (run as NSString).deletingPathExtension + ".portfolio.sqlite"
    }

    @Test("Demo: every phase (building on ideas included) with keys, help, resize to 80×24 and below; the end says what to try next; quit restores the terminal")
    func demo() throws {
        let run = Self.temporaryRun("demo")
        // The demo keeps its own portfolio beside its run, never the company's.
        let portfolio = (run as NSString).deletingLastPathComponent + "/demo.portfolio.sqlite"
        defer {
            Self.removeRun(run)
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: portfolio + suffix) }
        }
        let terminal = try TmuxSession("\(IdeateProcess.binary.path) demo --speed 20 --run \(run)")
        try terminal.waitFor("Press n to start the first round.")
        try terminal.waitFor("8 joined")
        try terminal.press("n")
        try terminal.waitFor("on the wall")
        try terminal.waitFor("• ")
        try terminal.press("?")
        try terminal.waitFor("Keys on this screen")
        try terminal.press("Escape")
        try terminal.waitUntilGone("Keys on this screen")
        try terminal.resize(width: 70, height: 20)
        try terminal.waitFor("Please enlarge the terminal to at least 80×24 (now 70×20).")
        try terminal.resize(width: 80, height: 24)
        let small = try terminal.waitFor("on the wall")
        #expect(small.split(separator: "\n", omittingEmptySubsequences: false).allSatisfy { $0.count <= 80 })
        try terminal.resize(width: 120, height: 36)
        try terminal.waitFor("Round 1/1 · Ideation")
        try terminal.press("a")
        try terminal.type("Idea said aloud 会議 🚀")
        try terminal.press("Enter")
        try terminal.waitFor("Idea said aloud 会議 🚀")
        try terminal.press("n")
        try terminal.waitFor("End “Ideation” now")
        try terminal.press("y")
        try terminal.waitFor("Round 1/1 · Building on ideas")
        try terminal.waitFor("“yes, and …”")
        try terminal.press("n")
        try terminal.waitFor("End “Building on ideas” now")
        try terminal.press("y")
        try terminal.waitFor("Round 1/1 · Grouping")
        try terminal.press("n")
        try terminal.waitFor("End “Grouping” now")
        try terminal.press("y")
        try terminal.waitFor("Round 1/1 · Vote")
        try terminal.press("x")
        try terminal.waitFor("Results")
        try terminal.press("n")
        try terminal.waitFor("Review the shortlist")
        try terminal.press("n")
        try terminal.waitFor("Finish the workshop")
        try terminal.press("y")
        // The outcomes of the minutes and the portfolio come in one frame, after the end screen first shows.
        let end = try terminal.waitFor("Added to the portfolio")
        for line in ["The workshop has ended", "Minutes written to", "Added to the portfolio \(portfolio)",
                     "ideate run sessions/quick-start.yaml", "ssh -p 7422 CODE@HOST",
                     "ideate export \(run) --format csv"] {
            #expect(end.contains(line), "the end screen says “\(line)”:\n\(end)")
        }
        try terminal.press("q")
        try terminal.waitFor("Leave ideate?")
        try terminal.press("y")
        let after = try terminal.waitFor("EXITED 0")
        #expect(after.contains("Demo run saved in \(run)"))
        #expect(after.contains("Minutes: \((run as NSString).deletingPathExtension).md"))
        #expect(after.contains("Its portfolio: ideate portfolio --portfolio \(portfolio)"))
        #expect(after.contains("A real workshop:   ideate run sessions/quick-start.yaml"))
        #expect(try terminal.tmux(["display-message", "-p", "-t", "t", "#{alternate_on}"]).hasPrefix("0"),
                "the terminal left the alternate screen")
    }

    @Test("NO_COLOR=1 shows no colour; without it the console is coloured")
    func noColor() throws {
        for (environment, expectsColor) in [(["NO_COLOR": "1"], false), ([:], true)] {
            let run = Self.temporaryRun("color")
            defer { Self.removeRun(run) }
            // `env -u`: the test runner itself may have NO_COLOR set when its output is not a terminal.
            let prefix = expectsColor ? "env -u NO_COLOR " : ""
            let terminal = try TmuxSession("\(prefix)\(IdeateProcess.binary.path) demo --run \(run)", environment: environment)
            try terminal.waitFor("Press n to start the first round.")
            let escapes = try terminal.screen(withEscapes: true)
            // A colour parameter in an SGR sequence: 30–37, 40–47, 90–97, 100–107, 38;… or 48;…
            // (39 and 49, "default colour", are resets and do not count).
            let colour = try Regex("\u{1B}\\[([0-9]*;)*(3[0-8]|4[0-8]|9[0-7]|10[0-7])(;[0-9]*)*m")
            #expect(escapes.contains(colour) == expectsColor, "\(environment): \(escapes.prefix(400))")
            try terminal.press("C-c")
            try terminal.waitFor("EXITED 0")
        }
    }

    @Test("ideate run survives SIGKILL mid-round: --resume shows every idea, paused, with the time that was left")
    func killAndResume() throws {
        let run = Self.temporaryRun("run")
        defer { Self.removeRun(run) }
        let first = try TmuxSession("\(IdeateProcess.binary.path) run sessions/quick-start.yaml --run \(run) --ssh-port 0 --web-port 0 --portfolio \(Self.portfolio(besideRun: run))")
        try first.waitFor("Press n to start the first round.")
        try first.press("n")
        try first.waitFor("Round 1/1 · Ideation")
        for text in ["Fewer approval steps", "会議を短くする", "Shared inbox ✉️"] {
            try first.press("a")
            try first.type(text)
            try first.press("Enter")
            try first.waitFor(text)
        }
        usleep(1_500_000)
        let pid = try #require(try first.programPID(named: "ideate"))
        let before = try #require(Self.countdownSeconds(on: try first.screen()))
        kill(pid, SIGKILL)
        try first.waitFor("EXITED 137")

        let second = try TmuxSession("\(IdeateProcess.binary.path) run sessions/quick-start.yaml --run \(run) --resume --ssh-port 0 --web-port 0 --portfolio \(Self.portfolio(besideRun: run))")
        let screen = try second.waitFor("PAUSED")
        for text in ["Fewer approval steps", "会議を短くする", "Shared inbox"] { #expect(screen.contains(text)) }
        #expect(screen.contains("3 ideas on the wall"))
        let after = try #require(Self.countdownSeconds(on: screen))
        // The console notes it is alive twice a second; the countdown shows whole seconds.
        #expect(abs(before - after) <= 1, "remaining \(before) s before the kill, \(after) s after --resume")
        usleep(2_000_000)
        #expect(Self.countdownSeconds(on: try second.screen()) == after, "paused: the countdown does not move")
        try second.press("t")
        try second.waitUntilGone("PAUSED")
        try second.press("q")
        try second.press("y")
        try second.waitFor("EXITED 0")
    }

    /// Reads the block-digit countdown off a captured screen, in seconds.
    static func countdownSeconds(on screen: String) -> Int? {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let top = lines.firstIndex(where: { $0.contains("█") }), top + BigDigits.height <= lines.count else { return nil }
        let rows = lines[top..<top + BigDigits.height].map { String($0.dropFirst(2).prefix(BigDigits.width(of: "00:00"))) }
        return (0...3600).first { seconds in
            BigDigits.rows(for: BigDigits.clockText(milliseconds: Int64(seconds) * 1000)) == rows
        }
    }
}
