import Foundation
import IdeateTestSupport
import Testing

/// Runs the built `ideate` binary as a user would and checks what it prints and returns.
struct IdeateProcess {
    static let projectFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static var binary: URL {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ideate")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        return projectFolder.appendingPathComponent(".build/debug/ideate")
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = projectFolder
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }
}

@Suite("Command line", .offThePool, .timeLimit(.minutes(5)))
struct CommandLineTests {
    static func temporaryPath(_ name: String) -> String {
        NSTemporaryDirectory() + "ideate-cli-\(UUID().uuidString)-\(name)"
    }

    @Test("check accepts every bundled plan")
    func checkBundled() throws {
        let plans = try FileManager.default.contentsOfDirectory(atPath: IdeateProcess.projectFolder.path + "/sessions")
            .filter { $0.hasSuffix(".yaml") }.map { "sessions/" + $0 }
        let result = try IdeateProcess.run(["check"] + plans)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
    }

    @Test("check reports FILE:LINE:COLUMN: message on stderr and exits 1")
    func checkBroken() throws {
        let path = Self.temporaryPath("broken.yaml")
        try "title: T\ngoal: G\nshortlst: 2\nrounds:\n  - prompt: P\n    phases:\n      ideate: soon\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try IdeateProcess.run(["check", path])
        #expect(result.status == 1)
        #expect(result.stderr == """
            \(path):3:1: unknown key `shortlst` in the plan; did you mean `shortlist`?
            \(path):7:15: `soon` is not a duration; write e.g. `90s`, `7m`, `1m30s`, `1h` or `open`

            """)
    }

    @Test("--version, --help and a wrong option behave as users expect")
    func conventions() throws {
        #expect(try IdeateProcess.run(["--version"]).stdout == "0.1.0\n")
        let help = try IdeateProcess.run(["--help"])
        #expect(help.status == 0)
        for word in ["check", "simulate", "export", "Exit codes"] { #expect(help.stdout.contains(word)) }
        let wrong = try IdeateProcess.run(["export", "--format", "pdf", "x.sqlite"])
        #expect(wrong.status == 64)
        #expect(wrong.stderr.contains("pdf"))
    }

    @Test("--tls-cert without --tls-key is wrong usage (64); a file that is no certificate is a clear error before anything starts (1)")
    func tlsOptions() throws {
        let alone = try IdeateProcess.run(["run", "sessions/quick-start.yaml", "--headless", "--tls-cert", "cert.pem"])
        #expect(alone.status == 64)
        #expect(alone.stderr.contains("--tls-cert and --tls-key go together"))
        let notPEM = Self.temporaryPath("cert.pem")
        try "not a certificate".write(toFile: notPEM, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: notPEM) }
        let run = Self.temporaryPath("tls.sqlite")
        let wrong = try IdeateProcess.run(["run", "sessions/quick-start.yaml", "--headless", "--run", run, "--ssh-port", "0",
                                           "--tls-cert", notPEM, "--tls-key", notPEM])
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("\(notPEM): not a PEM certificate"), "\(wrong.stderr)")
        #expect(!FileManager.default.fileExists(atPath: run), "no run file is made before the certificate is known good")
    }

    @Test("simulate + export: the same seed gives the same minutes, equal to the golden file")
    func simulateAndExport() throws {
        let first = Self.temporaryPath("a.sqlite"), second = Self.temporaryPath("b.sqlite")
        defer { for path in [first, second] { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } } }
        for path in [first, second] {
            let result = try IdeateProcess.run([
                "simulate", "sessions/quick-start.yaml", "--participants", "8", "--seed", "7", "--run", path,
                "--start", "2026-03-12T14:00:00Z",
            ])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("ideate export \(path)"))
        }
        let utc = ["TZ": "UTC"]
        let markdown = try IdeateProcess.run(["export", first], environment: utc).stdout
        #expect(markdown == (try IdeateProcess.run(["export", second], environment: utc).stdout))
        let golden = try String(contentsOfFile: IdeateProcess.projectFolder.path + "/Tests/IdeateCoreTests/Golden/quick-start-seed7.md", encoding: .utf8)
        #expect(markdown == golden)
        let again = try IdeateProcess.run(["simulate", "sessions/quick-start.yaml", "--run", first])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already exists"))
        // The run keeps its language; --language writes another one's minutes, and a locale does not.
        let french = try IdeateProcess.run(["export", first, "--language", "fr"], environment: utc).stdout
        #expect(french.contains("Compte rendu de l’atelier — 12 mars 2026") && french.contains("**Objectif\u{00A0}:**"), "\(french)")
        #expect(try IdeateProcess.run(["export", first], environment: utc.merging(["LANG": "de_DE.UTF-8"]) { $1 }).stdout == golden)
        let wrong = try IdeateProcess.run(["export", first, "--language", "fi"])
        #expect(wrong.status == 64 && wrong.stderr.contains("--language should be one of en, de, es, fr, nl (or en-XA), not `fi`"))
        let resumed = try IdeateProcess.run(["run", "sessions/quick-start.yaml", "--run", first, "--resume", "--language", "de", "--headless",
                                                 "--port", "0", "--ssh-port", "0", "--web-port", "0"])
        #expect(resumed.status == 1 && resumed.stderr.contains("--language cannot change a run that has started; it keeps its own (en)"), "\(resumed.stderr)")
    }

    @Test("export -o writes the file atomically; csv and json work; a missing run is a clear error")
    func exportFormats() throws {
        let run = Self.temporaryPath("r.sqlite")
        let folder = Self.temporaryPath("out")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder); for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: run + suffix) } }
        #expect(try IdeateProcess.run(["simulate", "sessions/quick-start.yaml", "--participants", "5", "--run", run]).status == 0)
        let stdout = try IdeateProcess.run(["export", run]).stdout
        #expect(try IdeateProcess.run(["export", run, "-o", folder + "/minutes.md"]).status == 0)
        #expect(try String(contentsOfFile: folder + "/minutes.md", encoding: .utf8) == stdout)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["minutes.md"], "no temporary file left behind")
        let csv = try IdeateProcess.run(["export", run, "--format", "csv"]).stdout
        #expect(csv.hasPrefix(#""round","prompt","id","idea","cluster","status","late","votes","rank","merged_into","builds_on","spoken_aloud"\#r\#n"#))
        #expect(csv.contains("\r\n\"1\",\""), "rounds count from 1")
        let json = try IdeateProcess.run(["export", run, "--format", "json"], environment: ["TZ": "Asia/Kolkata"]).stdout
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(document["formatVersion"] as? Int == 2)
        let startedAt = try #require(document["startedAt"] as? String)
        #expect(startedAt.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+05:30/) != nil, "ISO 8601 in the machine's zone: \(startedAt)")
        let items = try #require(document["actionItems"] as? [[String: Any]])
        #expect(!items.isEmpty && items.allSatisfy { $0["round"] as? Int == 1 }, "the simulated plan has one round, round 1")
        let missing = try IdeateProcess.run(["export", folder + "/nothing.sqlite"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "ideate: \(folder)/nothing.sqlite: no such run file\n")
    }
}
