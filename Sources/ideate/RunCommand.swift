import ArgumentParser
import Foundation
import IdeateCore
import IdeateNet
import IdeateRuntime
import IdeateStore
import IdeateTUI
import ServiceLifecycle
import UnixSignals

/// `ideate run`: the facilitator console over a real run in the store.
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a workshop: the facilitator console, on the projector.",
        discussion: """
        Participants join from a phone with the QR code on the lobby screen, from a laptop \
        with the ssh line shown there (the user name is the code; nothing to install \
        either way), or with `ideate join HOST:PORT` and the code. Every \
        action is saved in the run file before anyone is told "saved", so Ctrl-C, a closed \
        laptop or a crash loses nothing.

        --resume continues a run where it stopped: same phase, same remaining time, shown \
        as paused until you press t. --headless serves participants without a console and \
        moves on as each timer ends.

        --wall puts the room's view on a wall of its own: open it on the projector's \
        terminal with the ssh line the console shows (a second window of this laptop or \
        another machine) and keep the console on your own screen.

        When the workshop finishes, the minutes are written beside the run file and its \
        experiments, action items and other ideas are added to the company's portfolio \
        (--portfolio, default sessions/portfolio.sqlite; see ideate portfolio). A plan with \
        followup: true opens with what became of the portfolio's earlier experiments.

          ideate run sessions/quick-start.yaml
          ideate run sessions/quick-start.yaml --resume --run sessions/runs/fri.sqlite
          ideate run sessions/quick-start.yaml --headless --code K7P2QX
        """
    )

    @Argument(help: "The plan to run (YAML).")
    var plan: String

    @Option(help: "The run file (default: a new file in sessions/runs/).")
    var run: String?

    @Flag(help: "Continue an existing run (--run FILE, or the newest run of this plan).")
    var resume = false

    @Flag(help: "Serve participants without a console; phases advance as their timers end.")
    var headless = false

    @OptionGroup var network: NetworkOptions

    @OptionGroup var portfolio: PortfolioOptions

    @OptionGroup var console: ConsoleOptions

    @OptionGroup var language: LanguageOption

    @OptionGroup var wall: WallOptions

    func validate() throws {
        if wall.isOn, network.sshPort == 0 { throw ValidationError("--wall needs ssh: the projector's terminal opens the wall with ssh (leave out --ssh-port 0).") }
    }

    func run() async throws {
        try await reportingErrors {
            if !headless { try TerminalCheck.requireTerminal() }
            let theme = try console.loadTheme()
            // A wrong certificate or host key file is said before a run file is made or a port opened.
            let certificate = try network.webCertificate()
            let hostKey = network.sshPort == 0 ? nil : try SSHHostKey.loadOrCreate(at: network.sshHostKey ?? SSHHostKey.defaultPath())
            let name = ((plan as NSString).lastPathComponent as NSString).deletingPathExtension
            let portfolioPath = portfolio.path(or: PortfolioFile.path(besidePlan: plan))
            let store: RunStore
            if resume {
                guard let path = run ?? Self.newestRun(named: name, besidePlan: plan) else {
                    throw CommandLineError("no run of \(name) to resume; give one with --run FILE")
                }
                store = try RunStore.open(at: path)
                try requireWallIfModerated(try store.replay().plan)
                if let chosen = language.chosen {
                    let kept = try store.replay().roomLanguage
                    guard chosen == kept else { throw CommandLineError("--language cannot change a run that has started; it keeps its own (\(kept))") }
                }
            } else {
                var parsed = try PlanFile.load(plan)
                try requireWallIfModerated(parsed)
                // The room's language is kept in the run: a resumed run and its exports read it.
                parsed.language = language.resolved(plan: parsed.language)
                // What the follow-up round shows is read once, now, and kept in the run file.
                let earlier = parsed.followup ? try PortfolioFile.followupRound(at: portfolioPath) : nil
                // A portfolio that cannot be read now is reported when the run is added at the end.
                let box = (try? PortfolioFile.ideaBox(at: portfolioPath)) ?? nil
                store = try RunStore.create(at: run ?? ProjectFiles.runPath(named: name, besidePlan: plan), plan: parsed)
                if let earlier { try store.appendNow([.earlierExperimentsShown(earlier.experiments), .actionItemsShown(earlier.actionItems)]) }
                if let box { try store.appendNow([.ideaBoxLinked(box)]) }
                if let round = BoxSeeding.round(of: parsed) {
                    var random = SystemRandomNumberGenerator()
                    let seeded = BoxSeeding.events(for: parsed, taken: try PortfolioFile.ideasTakenToWorkshop(at: portfolioPath), random: &random)
                    if !seeded.isEmpty { try store.appendNow(seeded) }
                    let count = max(0, seeded.count - 1)  // the ideas, then the one event that reveals them
                    print("Round \(round + 1) starts with \(count) idea\(count == 1 ? "" : "s") from the idea box.")
                }
            }
            let clock = SystemClock()
            let engine = try DurableEngine(store: store, seed: UInt64.random(in: 1...UInt64.max))
            if resume {
                try await Self.pauseAtCrash(engine: engine, store: store)
                // Without a facilitator to press t, a headless run continues with the time it had.
                if headless { _ = try? await engine.execute(.facilitator(.resumeTimer), at: clock.now) }
            }
            let code = network.joinCode
            let wallCode = wall.isOn ? wall.code : nil
            guard wallCode.map(JoinCode.normalized) != code else { throw CommandLineError("--wall-code must differ from the join code") }
            let hub = ParticipantHub(engine: engine, clock: clock, code: code, roomLanguage: await engine.currentState().roomLanguage)
            DescriptorLimit.raise()
            let address = network.displayHost()
            let joinCommand: String? = network.port == 0 ? nil : "ideate join \(address):\(network.port)"
            let sshCommand: String? = network.sshPort == 0 ? nil : "ssh -p \(network.sshPort) \(code)@\(address)"
            let scheme = certificate == nil ? "http" : "https"
            let phoneURL: String? = network.webPort == 0 ? nil : "\(scheme)://\(address):\(network.webPort)/#\(code)"
            let fingerprint = hostKey?.fingerprint
            let roomContext = ConsoleContext(joinCommand: joinCommand, joinCode: code, sshCommand: sshCommand, sshFingerprint: fingerprint,
                                             phoneURL: phoneURL)
            let wallLink = WallLink()
            let wallScreen = wallCode.map { SSHParticipants.Wall(code: $0, engine: engine, context: roomContext, link: wallLink) }
            let listeners = Listeners(
                participants: network.port == 0 ? nil : ParticipantServer(hub: hub, host: network.bind, port: network.port),
                ssh: hostKey.map { SSHServer(host: network.bind, port: network.sshPort, hostKey: $0, clock: clock,
                                             onSession: SSHParticipants.starter(hub: hub, theme: theme, clock: clock, wall: wallScreen)) },
                web: network.webPort == 0 ? nil : WebServer(hub: hub, host: network.bind, port: network.webPort, tls: certificate))
            let session = Services.serving(SessionService(runtime: SessionRuntime(engine: engine, clock: clock), hub: hub))
            let heartbeat = Services.serving(HeartbeatService(store: store, clock: clock))
            if headless {
                let run = HeadlessRun(engine: engine, store: store, clock: clock, listeners: listeners, hub: hub, joinCommand: joinCommand, code: code,
                                      portfolioPath: portfolioPath, sshCommand: sshCommand, sshFingerprint: listeners.ssh?.fingerprint,
                                      phoneURL: phoneURL)
                try await Self.serve([session] + listeners.services + [heartbeat, Services.ending(run)], signals: [.sigint, .sigterm])
                return
            }
            var context = ConsoleContext(joinCommand: joinCommand, joinCode: code, sshCommand: sshCommand, sshFingerprint: fingerprint,
                                         phoneURL: phoneURL, runPath: store.path, ringsBell: console.bell)
            context.wallCommand = wallCode.map { "ssh -p \(network.sshPort) \($0)@\(address)" }
            let console = ConsoleService(engine: engine, clock: clock, theme: theme, context: context, listeners: listeners,
                                         wallLink: wallCode == nil ? nil : wallLink) { state in
                await FinishedRun.record(state, store: store, portfolioPath: portfolioPath, engine: engine, at: clock.now)
            }
            try await Self.serve([session] + listeners.services + [heartbeat, Services.ending(console)], signals: [.sigterm, .sighup])
            print("Run saved in \(store.path). Continue with: ideate run \(plan) --run \(store.path) --resume")
        }
    }

    /// A plan with `moderation: true` holds ideas in a queue the console shows: the room must
    /// look at a wall, and a facilitator must be there to let ideas through.
    private func requireWallIfModerated(_ plan: Plan) throws {
        guard plan.moderation else { return }
        if headless { throw CommandLineError("this plan has moderation: true, which needs a facilitator at the console to let ideas through; leave out --headless") }
        if !wall.isOn {
            throw CommandLineError("this plan has moderation: true: the queue of held ideas must not reach the projector; run with --wall and open the wall there")
        }
    }

    /// Runs the services; a port that cannot be bound is said with the option that changes it.
    static func serve(_ services: [ServiceGroupConfiguration.ServiceConfiguration], signals: [UnixSignal]) async throws {
        do {
            try await Services.run(services, signals: signals)
        } catch let failure as ListenerBindFailure {
            let option = switch failure.listener {
            case .participants: "--port"
            case .ssh: "--ssh-port"
            case .phonePage, .ideaBox: "--web-port"
            }
            throw CommandLineError("\(failure); choose another \(option), or 0 to turn it off")
        }
    }

    /// A resumed run shows the timer as it was when the process stopped, paused.
    static func pauseAtCrash(engine: DurableEngine, store: RunStore) async throws {
        let state = await engine.currentState()
        guard let timer = state.timer, !timer.isPaused, !state.isLocked else { return }
        let stoppedAt = try store.lastHeartbeat() ?? SystemClock().now
        _ = try? await engine.execute(.facilitator(.pauseTimer), at: stoppedAt)
    }

    static func newestRun(named name: String, besidePlan plan: String) -> String? {
        let folder = (ProjectFiles.runPath(named: name, besidePlan: plan) as NSString).deletingLastPathComponent
        let runs = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return runs.filter { $0.hasPrefix(name + "-") && $0.hasSuffix(".sqlite") }.sorted().last.map { folder + "/" + $0 }
    }
}
