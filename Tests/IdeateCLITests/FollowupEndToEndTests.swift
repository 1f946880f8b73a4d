import Foundation
import IdeateTestSupport
import Testing

/// `ideate followup` in a real terminal (tmux): a portfolio made by `ideate simulate` and
/// `ideate portfolio add`, changed with keys, read back by `ideate portfolio`.
@Suite("Follow-up end to end", .offThePool, .serialized, .timeLimit(.minutes(10)))
struct FollowupEndToEndTests {
    @Test("A workshop with followup: true opens with what became of earlier experiments, page by page, then the open action items; its minutes carry them")
    func followupRound() throws {
        let folder = try PortfolioCommandTests.Folder()
        let portfolio = folder.file("portfolio.sqlite"), earlier = folder.file("earlier.sqlite"), run = folder.file("run.sqlite")
        try PortfolioCommandTests.simulate(earlier, seed: 7, start: "2026-03-12T14:00:00Z")
        let change = ["--portfolio", portfolio]
        for arguments in [["portfolio", "add", earlier], ["portfolio", "start", "E1", "--on", "2026-03-16"],
                          ["portfolio", "learn", "E1", "--outcome", "invalidated", "--observed", "Finance changed half of the amounts",
                           "--learned", "Small purchases are not routine", "--decision", "pivot", "--on", "2026-04-09"],
                          ["portfolio", "start", "E2", "--on", "2026-03-16"]] {
            let result = try IdeateProcess.run(arguments + change)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }

        let terminal = try TmuxSession("""
            \(IdeateProcess.binary.path) run sessions/follow-up.yaml --run \(run) --port \(TestPorts.free()) --ssh-port 0 --web-port 0 --portfolio \(portfolio)
            """)
        let first = try terminal.waitFor("What became of earlier experiments")
        for text in ["1 of 3", "✗ INVALIDATED", "Finance changed half of the amounts", "Small purchases are not routine", "PIVOT", "learned 9 April 2026"] {
            #expect(first.contains(text), "the first page shows “\(text)”:\n\(first)")
        }
        try terminal.press("n")
        try terminal.waitFor("2 of 3")
        try terminal.waitFor("● Still running")
        try terminal.press("p")
        try terminal.waitFor("1 of 3")
        try terminal.press("n", "n")
        let actions = try terminal.waitFor("Action items still open")
        #expect(actions.contains("3 of 3") && actions.contains("overdue"), "the simulated workshop's action items, past due by now:\n\(actions)")
        try terminal.press("n")
        try terminal.waitFor("Press n to start the first round.")
        try terminal.press("p")
        try terminal.waitFor("3 of 3")
        try terminal.press("Escape")
        try terminal.waitFor("Press n to start the first round.")
        try terminal.press("q")
        try terminal.press("y")
        try terminal.waitFor("EXITED 0")

        let minutes = try IdeateProcess.run(["export", run])
        #expect(minutes.status == 0, "\(minutes.stderr)")
        for text in ["## What became of earlier experiments", "| We observed | Finance changed half of the amounts |", "| Therefore we will | pivot |",
                     "still running", "## Action items still open"] {
            #expect(minutes.stdout.contains(text), "the minutes carry “\(text)”:\n\(minutes.stdout)")
        }
    }

    @Test("Start an experiment and record its learning card with keys; the report shows the card; q gives the terminal back")
    func learningCard() throws {
        let folder = try PortfolioCommandTests.Folder()
        let portfolio = folder.file("portfolio.sqlite"), run = folder.file("run.sqlite")
        try PortfolioCommandTests.simulate(run, seed: 7, start: "2026-03-12T14:00:00Z")
        #expect(try IdeateProcess.run(["portfolio", "add", run, "--portfolio", portfolio]).status == 0)

        let terminal = try TmuxSession("\(IdeateProcess.binary.path) followup --portfolio \(portfolio) --as-of 2026-04-20")
        try terminal.waitFor("Due or overdue (4)")
        try terminal.press("?")
        try terminal.waitFor("Keys on the follow-up screen")
        try terminal.press("Escape")
        try terminal.waitUntilGone("Keys on the follow-up screen")
        try terminal.press("Down", "Down")
        try terminal.waitFor("▸ E1")
        try terminal.press("l")
        try terminal.waitFor("E1 has not started: press s to start it")
        try terminal.press("s")
        try terminal.waitFor("E1 is running.")
        try terminal.press("l")
        try terminal.waitFor("Learning card · E1")
        try terminal.press("Right", "Down", "Down")
        try terminal.type("Finance changed half of the amounts 会議")
        try terminal.press("Enter")
        try terminal.type("Small purchases are not routine")
        try terminal.press("Enter", "Right", "Enter", "Enter")
        try terminal.type("the operations team")
        try terminal.press("Enter")
        try terminal.waitFor("E1 learned on 2026-04-20: invalidated; therefore we will pivot.")
        try terminal.press("Enter")
        try terminal.waitFor("Learning card         2026-04-20 · invalidated")
        try terminal.resize(width: 80, height: 24)
        try terminal.waitFor("We observed           Finance changed half of the amounts 会議")
        try terminal.press("q")
        try terminal.waitUntilGone("Learning card         2026-04-20")
        try terminal.press("q")
        try terminal.waitFor("EXITED 0")

        let report = try IdeateProcess.run(["portfolio", "--portfolio", portfolio, "--as-of", "2026-04-20"])
        #expect(report.status == 0, "\(report.stderr)")
        for text in ["Finance changed half of the amounts 会議", "Small purchases are not routine", "the operations team"] {
            #expect(report.stdout.contains(text), "the report shows “\(text)”:\n\(report.stdout)")
        }
    }
}
