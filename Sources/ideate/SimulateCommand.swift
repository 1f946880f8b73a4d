import ArgumentParser
import Foundation
import IdeateCore
import IdeateRuntime
import IdeateStore

/// `ideate simulate`: a whole plan through the real engine and store, with simulated people.
struct Simulate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a whole workshop headless with simulated participants.",
        discussion: """
        Participants join, type ideas (a few too late), build on each other's ideas, vote; \
        a simulated facilitator groups and reviews. Everything goes through the real engine \
        and is committed to the run file, so `ideate export` works on the result. The same \
        seed (and --start) gives the same run. --ideas feeds your own texts, one per line, \
        through every layer; real or hostile text is welcome.

          ideate simulate sessions/quick-start.yaml --seed 7 --run /tmp/r.sqlite
        """
    )

    @Argument(help: "The plan to run (YAML).")
    var plan: String

    @Option(help: "How many simulated participants join.")
    var participants = 8

    @Option(help: "Seed for every random choice.")
    var seed: UInt64 = 1

    @Option(help: "Run file to create (default: sessions/runs/<plan>-<time>.sqlite).")
    var run: String?

    @Option(help: "A file of idea texts, one per line, that participants type instead of the built-in ideas.")
    var ideas: String?

    @Option(help: "Play at this many times real speed (e.g. 60 turns a 10-minute plan into 10 s); default: as fast as possible.")
    var speed: Double?

    @Option(help: "The workshop's start time, ISO 8601 (e.g. 2026-03-12T14:00:00Z); default: now.")
    var start: String?

    func validate() throws {
        guard (1...10_000).contains(participants) else { throw ValidationError("--participants must be between 1 and 10000.") }
        if let speed, !(speed > 0) { throw ValidationError("--speed must be a positive number.") }
    }

    func run() async throws {
        try await reportingErrors {
            let plan = try PlanFile.load(self.plan)
            let texts = try ideas.map(Self.readIdeaTexts)
            let startInstant = try Self.startInstant(start)
            let name = ((self.plan as NSString).lastPathComponent as NSString).deletingPathExtension
            let runPath = run ?? ProjectFiles.runPath(named: name, besidePlan: self.plan)
            let store = try RunStore.create(at: runPath, plan: plan)
            let engine = PacedEngine(engine: try DurableEngine(store: store, seed: seed), speed: speed)
            let simulator = WorkshopSimulator(
                plan: plan, participants: participants, seed: seed, start: startInstant, ideaTexts: texts)
            let summary = try await simulator.run(on: engine)
            let report = MinutesReport(state: await engine.currentState())
            StandardError.write("""
                Simulated “\(plan.title)”: \(report.participants) participants, \(report.ideaCount) ideas, \
                \(report.voteCount) votes (\(summary.commands) commands, \(summary.refusals) refused by the rules).
                Run file: \(runPath)
                Minutes:  ideate export \(runPath)
                """)
        }
    }

    static func readIdeaTexts(_ path: String) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { throw CommandLineError("\(path): cannot read the file") }
        let texts = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        guard !texts.isEmpty else { throw CommandLineError("\(path): no idea texts (one per line) in the file") }
        return texts
    }

    static func startInstant(_ text: String?) throws -> Instant {
        guard let text else { return SystemClock().now }
        let formatter = ISO8601DateFormatter()
        guard let date = formatter.date(from: text) else {
            throw CommandLineError("--start \(text): not an ISO 8601 time such as 2026-03-12T14:00:00Z")
        }
        return Instant(millisecondsSince1970: Int64(date.timeIntervalSince1970 * 1000))
    }
}

/// Replays a virtual timeline at `speed` times real time by sleeping on the clock between commands.
actor PacedEngine: WorkshopEngine {
    private let engine: DurableEngine
    private let clock: any SessionClock = SystemClock()
    private let speed: Double?
    private var lastVirtual: Instant?

    init(engine: DurableEngine, speed: Double?) {
        self.engine = engine
        self.speed = speed
    }

    func currentState() async -> SessionState { await engine.currentState() }

    func storageHealth() async -> StorageHealth { await engine.storageHealth() }

    nonisolated func changes() -> AsyncStream<Void> { engine.changes() }

    func execute(_ command: Command, at now: Instant) async throws -> [Event] {
        if let speed, let lastVirtual, now > lastVirtual {
            try await clock.sleep(for: .milliseconds(Double(now.milliseconds(since: lastVirtual)) / speed))
        }
        lastVirtual = now
        return try await engine.execute(command, at: now)
    }
}
