import ArgumentParser
import Foundation
import IdeateCore
import IdeateStore
import IdeateTUI

/// `ideate run`: the facilitator console over a real run in the store.
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a workshop: the facilitator console, on the projector.",
        discussion: """
        Every action is saved in the run file before the screen shows it, so Ctrl-C, a closed
        laptop or a crash loses nothing. --resume continues a run where it stopped: same phase,
        same remaining time, shown as paused until you press t.

          ideate run sessions/quick-start.yaml
          ideate run sessions/quick-start.yaml --run sessions/runs/friday.sqlite --resume
        """
    )

    @Argument(help: "The plan to run (YAML).")
    var plan: String

    @Option(help: "The run file (default: a new file in sessions/runs/).")
    var run: String?

    @Flag(help: "Continue an existing run (--run FILE, or the newest run of this plan).")
    var resume = false

    @OptionGroup var console: ConsoleOptions

    func run() async throws {
        try await reportingErrors {
            try TerminalCheck.requireTerminal()
            let theme = try console.loadTheme()
            let name = ((plan as NSString).lastPathComponent as NSString).deletingPathExtension
            let store: RunStore
            if resume {
                guard let path = run ?? Self.newestRun(named: name, besidePlan: plan) else {
                    throw CommandLineError("no run of \(name) to resume; give one with --run FILE")
                }
                store = try RunStore.open(at: path)
            } else {
                store = try RunStore.create(at: run ?? ProjectFiles.runPath(named: name, besidePlan: plan), plan: try PlanFile.load(plan))
            }
            let clock = SystemClock()
            let engine = try DurableEngine(store: store, seed: UInt64.random(in: 1...UInt64.max))
            if resume { try await Self.pauseAtCrash(engine: engine, store: store) }
            let heartbeat = Task {
                while !Task.isCancelled {
                    try? store.recordHeartbeat(clock.now())
                    try? await Task.sleep(nanoseconds: 500_000_000)
                }
            }
            let context = ConsoleContext(runPath: store.path, ringsBell: console.bell,
                                         lobbyNote: "Type ideas said aloud in the room with a during ideation.")
            let app = ConsoleApp(engine: engine, clock: clock, theme: theme, context: context) { state in
                FinishedRun.writeMinutes(state, runPath: store.path)
            }
            await app.run()
            heartbeat.cancel()
            print("Run saved in \(store.path). Continue with: ideate run \(plan) --run \(store.path) --resume")
        }
    }

    /// A resumed run shows the timer as it was when the process stopped, paused.
    static func pauseAtCrash(engine: DurableEngine, store: RunStore) async throws {
        let state = await engine.currentState()
        guard let timer = state.timer, !timer.isPaused, !state.isLocked else { return }
        let stoppedAt = try store.lastHeartbeat() ?? SystemClock().now()
        _ = try? await engine.execute(.facilitator(.pauseTimer), at: stoppedAt)
    }

    static func newestRun(named name: String, besidePlan plan: String) -> String? {
        let folder = (ProjectFiles.runPath(named: name, besidePlan: plan) as NSString).deletingLastPathComponent
        let runs = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return runs.filter { $0.hasPrefix(name + "-") && $0.hasSuffix(".sqlite") }.sorted().last.map { folder + "/" + $0 }
    }
}
