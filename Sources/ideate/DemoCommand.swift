import ArgumentParser
import Foundation
import IdeateCore
import IdeateRuntime
import IdeateStore
import IdeateTUI
import ServiceLifecycle
import UnixSignals

/// `ideate demo`: a whole workshop, every phase once, on one terminal with simulated colleagues.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Try a whole workshop on one terminal, with simulated colleagues.",
        discussion: """
        Simulated participants join, type ideas and vote; you are the facilitator. Press n \
        to move to the next phase, ? for the keys of each screen, q to leave. The run is \
        saved in sessions/runs/ and the minutes are written beside it when the workshop \
        finishes. Its experiments go to a portfolio of its own, \
        sessions/runs/demo.portfolio.sqlite, never to the company's.

          ideate demo                 ten minutes, every phase, in real time
          ideate demo --speed 4       four times faster (timers and colleagues)
        """
    )

    @Option(help: "Play this many times faster than real time (timers and simulated colleagues).")
    var speed: Double = 1

    @Option(help: "How many simulated colleagues join.")
    var participants = 8

    @Option(help: "The run file to create (default: sessions/runs/demo-<time>.sqlite).")
    var run: String?

    @OptionGroup var portfolio: PortfolioOptions

    @OptionGroup var console: ConsoleOptions

    @OptionGroup var language: LanguageOption

    func validate() throws {
        guard speed > 0, speed <= 100 else { throw ValidationError("--speed must be between 0 and 100.") }
        guard (1...200).contains(participants) else { throw ValidationError("--participants must be between 1 and 200.") }
    }

    func run() async throws {
        try await reportingErrors {
            try TerminalCheck.requireTerminal()
            let theme = try console.loadTheme()
            guard let planPath = ProjectFiles.bundledPlan("demo.yaml") else {
                throw CommandLineError("cannot find sessions/demo.yaml; run ideate demo from the project folder")
            }
            var plan = try PlanFile.load(planPath)
            plan.language = language.resolved(plan: plan.language)
            if speed != 1 {
                for round in plan.rounds.indices {
                    for phase in plan.rounds[round].phases.indices {
                        plan.rounds[round].phases[phase].seconds = plan.rounds[round].phases[phase].seconds.map { max(10, Int(Double($0) / speed)) }
                    }
                }
                plan.anonymity.batchSeconds = max(3, Int(Double(plan.anonymity.batchSeconds) / speed))
            }
            let runPath = run ?? ProjectFiles.runPath(named: "demo", besidePlan: planPath)
            let store = try RunStore.create(at: runPath, plan: plan)
            let portfolioPath = portfolio.path(or: PortfolioFile.demoPath(besideRun: runPath))
            let engine = try DurableEngine(store: store, seed: UInt64.random(in: 1...UInt64.max))
            let clock = SystemClock()
            let colleagues = SimulatedColleagues(engine: engine, clock: clock, count: participants, speed: speed)
            let steps = DemoNextSteps.steps(runPath: runPath, in: plan.language ?? .english)
            let words = Localizer(plan.language ?? .english)
            let context = ConsoleContext(runPath: runPath, modeLabel: words(ConsolePhrase.demoLabel), ringsBell: console.bell,
                                         lobbyNote: words(ConsolePhrase.demoLobby, ["count": .number(participants)]),
                                         nextSteps: steps)
            let console = ConsoleService(engine: engine, clock: clock, theme: theme, context: context) { state in
                await FinishedRun.record(state, store: store, portfolioPath: portfolioPath, engine: engine, at: clock.now)
            }
            try await Services.run([
                Services.serving(SessionService(runtime: SessionRuntime(engine: engine, clock: clock), hub: nil)),
                Services.serving(colleagues),
                Services.ending(console),
            ], signals: [.sigterm, .sighup])
            let state = await engine.currentState()
            print("Demo run saved in \(runPath).")
            let minutes = (runPath as NSString).deletingPathExtension + ".md"
            if state.stage == .finished, FileManager.default.fileExists(atPath: minutes) {
                print("Minutes: \(minutes)")
                print("Its portfolio: ideate portfolio --portfolio \(portfolioPath)")
            } else {
                print("Minutes so far: ideate export \(runPath)")
            }
            print("")
            print("Next:")
            let width = steps.map(\.purpose.count).max() ?? 0
            for step in steps { print("  " + step.purpose.padding(toLength: width + 2, withPad: " ", startingAt: 0) + step.command) }
        }
    }
}

/// The demo's simulated colleagues as a service: five times a second of the clock they look at
/// the workshop and act as people would (join, type ideas at their own pace, vote).
struct SimulatedColleagues: Service {
    let engine: any WorkshopEngine
    let clock: any SessionClock
    let count: Int
    let speed: Double

    func run() async {
        await cancelWhenGracefulShutdown { [engine, clock, count, speed] in
            var bots = LiveParticipants(count: count, seed: UInt64.random(in: 1...UInt64.max), start: clock.now, speed: speed)
            for await _ in Ticks(every: .milliseconds(200), on: clock) {
                let state = await engine.currentState()
                for command in bots.commands(for: state, at: clock.now) {
                    _ = try? await engine.execute(command, at: clock.now)
                }
            }
        }
    }
}

/// The three things a newcomer tries after the demo: a real workshop, how colleagues join it,
/// and the minutes of a run.
enum DemoNextSteps {
    static func steps(runPath: String, in language: Language) -> [NextStep] {
        let t = Localizer(language)
        let join = "ssh -p 7422 CODE@HOST, " + t(ConsolePhrase.or) + " ideate join HOST:7420"
        return [
            NextStep(t(ConsolePhrase.demoStepWorkshop), "ideate run sessions/quick-start.yaml"),
            NextStep(t(ConsolePhrase.demoStepJoin), join),
            NextStep(t(ConsolePhrase.demoStepSpreadsheet), "ideate export \(runPath) --format csv"),
        ]
    }
}
