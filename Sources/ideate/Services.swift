import IdeateCore
import IdeateNet
import IdeateProtocol
import IdeateStore
import IdeateTUI
import Logging
import ServiceLifecycle
import UnixSignals

/// The long-running parts of `ideate run`, `demo` and `join` as swift-service-lifecycle
/// services: a ``ServiceGroup`` starts them in order, stops them in reverse on SIGTERM/SIGHUP
/// (and SIGINT when headless), and a screen that ends (the facilitator quits) shuts the rest
/// down gracefully. Each screen builds its terminal inside `run()`, in the task that owns it.
enum Services {
    /// Runs `services` until the last one that ends the group does, or a signal arrives.
    static func run(_ services: [ServiceGroupConfiguration.ServiceConfiguration], signals: [UnixSignal]) async throws {
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: services, gracefulShutdownSignals: signals, logger: Log.lifecycle))
        try await group.run()
    }

    /// A service whose end shuts the group down.
    static func ending(_ service: any Service) -> ServiceGroupConfiguration.ServiceConfiguration {
        .init(service: service, successTerminationBehavior: .gracefullyShutdownGroup, failureTerminationBehavior: .gracefullyShutdownGroup)
    }

    /// A service that runs until the group shuts down.
    static func serving(_ service: any Service) -> ServiceGroupConfiguration.ServiceConfiguration {
        .init(service: service)
    }
}

/// The facilitator console as a service: it ends when the facilitator quits.
struct ConsoleService: Service {
    let engine: any WorkshopEngine
    let clock: any SessionClock
    let theme: Theme
    let context: ConsoleContext
    let onFinish: @Sendable (SessionState) async -> FinishOutcome?

    func run() async {
        await cancelWhenGracefulShutdown { [engine, clock, theme, context, onFinish] in
            let app = ConsoleApp(engine: engine, clock: clock, terminal: NcursesTerminal(theme: theme), context: context, onFinish: onFinish)
            await app.run(ticks: Ticker.onWholeSeconds())
        }
    }
}

/// A participant's screen on this terminal (`ideate join`): it ends when they leave.
struct ParticipantScreenService: Service {
    let theme: Theme
    let link: any ParticipantLink
    /// Start at the code prompt (nil inside: asked for the first time).
    let askForCode: String??

    func run() async {
        await cancelWhenGracefulShutdown { [theme, link, askForCode] in
            let app = ParticipantApp(terminal: NcursesTerminal(theme: theme), clock: SystemClock(), link: link, askForCode: askForCode)
            await app.run(ticks: Ticker.onWholeSeconds())
        }
    }
}

/// Records that the run is alive once a second, so `--resume` knows when it stopped (a resumed
/// countdown loses at most that second).
struct HeartbeatService: Service {
    let store: RunStore
    let clock: any SessionClock

    func run() async {
        await cancelWhenGracefulShutdown { [store, clock] in
            for await _ in Ticker.every(milliseconds: 1_000) { try? store.recordHeartbeat(clock.now()) }
        }
    }
}

/// A server that serves from the moment it was bound and stops when asked, closing its
/// connections: the participant server, ssh, the phone page.
protocol ListeningServer: Sendable {
    func stop() async
}

extension ParticipantServer: ListeningServer {}
extension WebServer: ListeningServer {}
extension SSHServer: ListeningServer {
    /// Hangs up every session first, so each participant's terminal is restored before the
    /// connection closes.
    func stop() async { await stop(grace: .seconds(2)) }
}

/// One listening server as a service: it runs until the group shuts down, then stops the server.
struct ListenerService<Server: ListeningServer>: Service {
    let server: Server

    func run() async {
        try? await gracefulShutdown()
        await server.stop()
    }
}
