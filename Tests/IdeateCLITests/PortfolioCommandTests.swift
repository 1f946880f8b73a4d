import Foundation
import IdeateTestSupport
import Testing

/// `ideate portfolio` as a user runs it, and the portfolio a finished headless run fills.
@Suite("Portfolio commands", .offThePool, .timeLimit(.minutes(5)))
struct PortfolioCommandTests {
    /// A fresh folder for one test, removed afterwards.
    final class Folder {
        let path = NSTemporaryDirectory() + "ideate-portfolio-\(UUID().uuidString)"
        init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        func file(_ name: String) -> String { path + "/" + name }
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    static func simulate(_ run: String, seed: Int, start: String) throws {
        let result = try IdeateProcess.run([
            "simulate", "sessions/quick-start.yaml", "--participants", "6", "--seed", String(seed), "--run", run, "--start", start,
        ])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test("add is idempotent; start, learn, action and promote change state and say so; the report shows it in three formats")
    func shellFlow() throws {
        let folder = try Folder()
        let portfolio = folder.file("portfolio.sqlite")
        let first = folder.file("first.sqlite"), second = folder.file("second.sqlite")
        try Self.simulate(first, seed: 7, start: "2026-03-12T14:00:00Z")
        try Self.simulate(second, seed: 8, start: "2026-04-02T09:00:00Z")
        let missing = try IdeateProcess.run(["portfolio", "--portfolio", portfolio])
        #expect(missing.status == 1 && missing.stderr.contains("no portfolio yet"))

        let add = try IdeateProcess.run(["portfolio", "add", first, second, "--portfolio", portfolio], environment: ["TZ": "UTC"])
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stdout == """
            Added “Quick start — one small improvement” (2026-03-12) to \(portfolio): 2 experiments, 2 action items, 13 backlog ideas.
            Added “Quick start — one small improvement” (2026-04-02) to \(portfolio): 2 experiments, 2 action items, 14 backlog ideas.

            """)
        #expect(try FileManager.default.attributesOfItem(atPath: portfolio)[.posixPermissions] as? Int == 0o600)
        let before = try IdeateProcess.run(["portfolio", "--portfolio", portfolio, "--format", "json", "--as-of", "2026-04-20"]).stdout
        let again = try IdeateProcess.run(["portfolio", "add", first, "--portfolio", portfolio], environment: ["TZ": "UTC"])
        #expect(again.stdout == "“Quick start — one small improvement” (2026-03-12) is already in \(portfolio); nothing changed.\n")
        #expect(try IdeateProcess.run(["portfolio", "--portfolio", portfolio, "--format", "json", "--as-of", "2026-04-20"]).stdout == before)

        let change = ["--portfolio", portfolio]
        let start = try IdeateProcess.run(["portfolio", "start", "E1", "--on", "2026-03-16", "--note", "sales team"] + change)
        #expect(start.status == 0 && start.stdout.hasPrefix("E1 running since 2026-03-16: "), "\(start.stderr)")
        let early = try IdeateProcess.run(["portfolio", "learn", "E2", "--outcome", "validated", "--observed", "o", "--learned", "l",
                                           "--decision", "stop"] + change)
        #expect(early.status == 1)
        #expect(early.stderr == "ideate: E2 has not started; start it before recording what was learned\n")
        let badDate = try IdeateProcess.run(["portfolio", "start", "E2", "--on", "soonish"] + change)
        #expect(badDate.status == 64 && badDate.stderr.contains("“soonish” is not a date"))
        let learn = try IdeateProcess.run([
            "portfolio", "learn", "E1", "--outcome", "invalidated", "--observed", "Finance changed half the amounts",
            "--learned", "Small purchases are not routine", "--decision", "test-again", "--on", "2026-04-09",
        ] + change)
        #expect(learn.status == 0, "\(learn.stderr)")
        #expect(learn.stdout.hasPrefix("E1 learned on 2026-04-09: invalidated; therefore we will test again.\nFollow-up E5 opened, planned: "))
        #expect(try IdeateProcess.run(["portfolio", "action", "A1", "--status", "dropped", "--on", "2026-04-01"] + change).status == 0)
        let closed = try IdeateProcess.run(["portfolio", "action", "A1", "--status", "open"] + change)
        #expect(closed.status == 1 && closed.stderr.contains("A1 is dropped and stays so"))
        let promote = try IdeateProcess.run(["portfolio", "promote", "B1", "--assumption", "It saves a walk", "--success", "Used daily",
                                             "--review", "2026-05-01"] + change)
        #expect(promote.stdout.hasPrefix("B1 promoted to E6, planned, review 2026-05-01: "), "\(promote.stderr)")

        let markdown = try IdeateProcess.run(["portfolio", "--portfolio", portfolio, "--as-of", "2026-04-20"]).stdout
        for expected in ["| We observed | Finance changed half the amounts |", "| Therefore we will | test again |",
                         "pie showData title Outcomes of 1 learned experiment", "- 16 March 2026 — started: sales team",
                         "## Backlog", "## Workshops"] {
            #expect(markdown.contains(expected), "\(expected)")
        }
        let german = try IdeateProcess.run(["portfolio", "--portfolio", portfolio, "--as-of", "2026-04-20", "--language", "de"]).stdout
        for expected in ["# Innovationsportfolio", "*Stand 20. April 2026 · ", "| Deshalb werden wir | erneut testen |",
                         "- 16\\. März 2026 — gestartet: sales team", "## Ideenspeicher", "## Workshops"] {
            #expect(german.contains(expected), "\(expected) in the German report")
        }
        let csv = try IdeateProcess.run(["portfolio", "--portfolio", portfolio, "--format", "csv"]).stdout
        #expect(csv.hasPrefix("\"kind\",\"id\",\"workshop\""))
        let output = folder.file("out/portfolio.json")
        try FileManager.default.createDirectory(atPath: folder.file("out"), withIntermediateDirectories: true)
        #expect(try IdeateProcess.run(["portfolio", "report", "--portfolio", portfolio, "--format", "json", "-o", output]).status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output))) as? [String: Any])
        #expect(document["formatVersion"] as? Int == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("out")) == ["portfolio.json"], "no temporary file left")
    }

    @Test("A run that has not finished is refused by add, and the others are still added")
    func unfinished() throws {
        let folder = try Folder()
        let finished = folder.file("done.sqlite")
        try Self.simulate(finished, seed: 3, start: "2026-03-12T14:00:00Z")
        let plan = folder.file("plan.yaml")
        try "title: Open\ngoal: G\nrounds:\n  - prompt: P\n    phases:\n      ideate: open\n".write(toFile: plan, atomically: true, encoding: .utf8)
        let open = folder.file("open.sqlite")
        let server = Process()
        server.executableURL = IdeateProcess.binary
        server.arguments = ["run", plan, "--headless", "--run", open, "--port", String(TestPorts.free()), "--ssh-port", "0", "--web-port", "0",
                            "--portfolio", folder.file("unused.sqlite")]
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { server.terminate(); server.waitUntilExit() }
        let deadline = Date().addingTimeInterval(15)
        while !FileManager.default.fileExists(atPath: open), Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        Thread.sleep(forTimeInterval: 0.5)
        let result = try IdeateProcess.run(["portfolio", "add", open, finished, "--portfolio", folder.file("p.sqlite")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(open): “Open” has not finished"), "\(result.stderr)")
        #expect(result.stdout.contains("Added “Quick start"))
    }

    /// Runs a short plan headless until it finishes; its log.
    static func headlessRun(plan: String, run: String, portfolio: String) throws -> (status: Int32, log: String) {
        let process = Process()
        process.executableURL = IdeateProcess.binary
        process.arguments = ["run", plan, "--headless", "--run", run, "--port", String(TestPorts.free()), "--ssh-port", "0", "--web-port", "0",
                             "--portfolio", portfolio]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, log)
    }

    @Test("A finished headless run is added to the portfolio; a portfolio that cannot be written is logged as an error and the minutes are still written")
    func headless() throws {
        let folder = try Folder()
        let plan = folder.file("short.yaml")
        try "title: Short\ngoal: G\nrounds:\n  - prompt: P\n    phases:\n      ideate: 1s\n      vote: 1s\n"
            .write(toFile: plan, atomically: true, encoding: .utf8)
        let portfolio = folder.file("portfolio.sqlite")
        let good = try Self.headlessRun(plan: plan, run: folder.file("good.sqlite"), portfolio: portfolio)
        #expect(good.log.contains("Added to the portfolio \(portfolio): 0 experiments, 0 action items, 0 backlog ideas"), "\(good.log)")
        let again = try IdeateProcess.run(["portfolio", "add", folder.file("good.sqlite"), "--portfolio", portfolio])
        #expect(again.stdout.contains("is already in"))

        let directory = folder.file("a-folder")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let bad = try Self.headlessRun(plan: plan, run: folder.file("bad.sqlite"), portfolio: directory)
        #expect(bad.log.contains("Not added to the portfolio: "), "\(bad.log)")
        #expect(bad.log.contains("Add it later: ideate portfolio add \(folder.file("bad.sqlite"))"))
        #expect(FileManager.default.fileExists(atPath: folder.file("bad.md")), "the minutes are written whatever the portfolio does")
    }
}
