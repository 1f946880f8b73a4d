import IdeateCore
import IdeateNet
import IdeateProtocol
import IdeateRuntime
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

/// The session's own work, whatever front ends are attached: the runtime that owns its time
/// (ticks at each deadline) and, when participants can connect, the publisher of their views.
/// It runs first and stops last.
struct SessionService: Service {
    let runtime: SessionRuntime
    let hub: ParticipantHub?

    func run() async {
        await cancelWhenGracefulShutdown { [runtime, hub] in
            await withDiscardingTaskGroup { group in
                group.addTask { await runtime.run() }
                if let hub { group.addTask { await hub.publishViews() } }
            }
        }
    }
}

/// The listeners of a run (each binds inside its own `run()`), and the wait for all of them to
/// be bound: a screen starts only once every address it shows is listening, and a port that
/// cannot be bound fails the start-up before any screen is drawn.
struct Listeners: Sendable {
    var participants: ParticipantServer?
    var ssh: SSHServer?
    var web: WebServer?

    var services: [ServiceGroupConfiguration.ServiceConfiguration] {
        [participants.map { Services.serving($0) }, ssh.map { Services.serving($0) }, web.map { Services.serving($0) }].compactMap { $0 }
    }

    /// Returns once every listener is bound; throws the first that could not bind.
    func bound() async throws {
        _ = try await participants?.port()
        _ = try await ssh?.port()
        _ = try await web?.port()
    }
}

/// The facilitator console as a service: it ends when the facilitator quits.
struct ConsoleService: Service {
    let engine: any WorkshopEngine
    let clock: any SessionClock
    let theme: Theme
    let context: ConsoleContext
    var listeners = Listeners()
    /// When the room looks at a wall: shared with the walls.
    var wallLink: WallLink?
    let onFinish: @Sendable (SessionState) async -> FinishOutcome?

    func run() async throws {
        try await listeners.bound()
        await cancelWhenGracefulShutdown { [engine, clock, theme, context, wallLink, onFinish] in
            let app = ConsoleApp(engine: engine, clock: clock, terminal: NcursesTerminal(theme: theme), context: context, wallLink: wallLink,
                                 onFinish: onFinish)
            await app.run(ticks: Ticks.onWholeSeconds(of: clock))
        }
    }
}

/// A participant's screen on this terminal (`ideate join`): it ends when they leave.
struct ParticipantScreenService: Service {
    let theme: Theme
    let clock: any SessionClock
    let link: any ParticipantLink
    /// Start at the code prompt (nil inside: asked for the first time).
    let askForCode: Sentence??
    var follows: ParticipantApp.FollowsIdeas?
    /// The language the participant reads, until the server says which it speaks to them.
    var language: Language

    func run() async {
        await cancelWhenGracefulShutdown { [theme, clock, link, askForCode, follows, language] in
            let app = ParticipantApp(terminal: NcursesTerminal(theme: theme), clock: clock, link: link, askForCode: askForCode,
                                     follows: follows, language: language)
            await app.run(ticks: Ticks.onWholeSeconds(of: clock))
        }
    }
}

/// `ideate join` on an idea box, as a service: SIGTERM and SIGHUP give the terminal back.
struct BoxJoinService: Service {
    let box: any IdeaBoxService
    let book: ReceiptBook
    let receipts: ReceiptFile
    let theme: Theme
    /// The language the person reads.
    let language: Language

    func run() async {
        await cancelWhenGracefulShutdown { [box, book, receipts, theme, language] in
            let app = BoxJoinApp(box: box, book: book, today: PortfolioFile.today, terminal: NcursesTerminal(theme: theme),
                                 save: { try? receipts.save($0) }, newSecret: Self.newSecret, language: language)
            await app.run()
        }
    }

    /// What `ideate join` in a workshop follows its ideas by: a fresh receipt per idea, and at
    /// the end the saved ones added to this computer's book for the workshop's idea box.
    static let followsIdeas = ParticipantApp.FollowsIdeas(
        newReceipt: { OwnershipProof(hex: newSecret())! },
        carry: { address, ideas in
            let file = ReceiptFile(for: address)
            guard var book = try? file.load() else { return }
            let known = Set(book.entries.map(\.proof))
            for idea in ideas where !known.contains(idea.receipt) {
                book.add(ReceiptBook.Entry(proof: idea.receipt, text: idea.text, sent: PortfolioFile.today))
            }
            try? file.save(book)
        })

    /// 256 random bits as 64 hex digits: one idea's secret.
    static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}

/// Records that the run is alive once a second, so `--resume` knows when it stopped (a resumed
/// countdown loses at most that second).
struct HeartbeatService: Service {
    let store: RunStore
    let clock: any SessionClock

    func run() async {
        await cancelWhenGracefulShutdown { [store, clock] in
            for await _ in Ticks(every: .seconds(1), on: clock) { try? store.recordHeartbeat(clock.now) }
        }
    }
}
