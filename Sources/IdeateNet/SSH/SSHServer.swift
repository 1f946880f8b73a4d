import Foundation
import NIOCore
import NIOPosix
import NIOSSH
import IdeateRuntime
import ServiceLifecycle
import IdeateCore

/// The ssh front end: `ssh -p 7422 CODE@host` opens the participant screen, with nothing
/// installed on the participant's side. The user name is the join code; there is no password
/// prompt (the "none" method succeeds), and a wrong or missing code is asked for again inside
/// the screen. Each session with a pty gets its screen from `onSession`; one without is told
/// how to connect (`ssh -t`) and closed.
///
/// Bounded like the TCP server: a cap on connections, a deadline to open a shell, an idle
/// timeout, a typing rate per session, and a cut-off for a client that stops reading.
/// Nothing about a client (address, version string, user name) is logged or kept.
public final class SSHServer: Service {
    /// The numbers behind the ssh front end's bounds.
    public struct Limits: Sendable {
        /// Open ssh connections; one more is closed at once.
        public var maximumConnections = 1_000
        /// From connecting to an open shell (key exchange, login, pty, shell).
        public var handshakeDeadline: TimeAmount = .seconds(10)
        /// A session with no key pressed for this long is closed (a workshop is shorter).
        public var idleTimeout: TimeAmount = .hours(4)
        /// Typing: a burst of bytes (a pasted idea), then this many per second; beyond it
        /// bytes are dropped, and a session that keeps flooding is closed.
        public var inputBurstBytes = 16 * 1024
        public var inputBytesPerSecond = 2 * 1024
        public var floodBytesBeforeClosing = 1024 * 1024
        /// Screen output a client may leave unread before it is cut off.
        public var outputBacklogBytes = 1024 * 1024
        public init() {}
    }

    /// Opens a participant's screen for a new session; returns where its input goes.
    public typealias SessionStarter = @Sendable (SSHTerminalSession) -> SSHSessionInput

    private let host: String
    private let requestedPort: Int
    private let hostKey: SSHHostKey
    private let group: any EventLoopGroup
    private let clock: any SessionClock
    private let limits: Limits
    private let onSession: SessionStarter
    private let registry: SSHSessionRegistry
    private let bound = BoundPort()
    /// The screens of opened sessions, handed from the event loop to ``run()``, which runs
    /// each as a child task (at most one per admitted connection is ever waiting here).
    private let screens: AsyncStream<@Sendable () async -> Void>
    private let startScreen: AsyncStream<@Sendable () async -> Void>.Continuation
    /// How long a stopping server waits for its sessions to hang up before closing them.
    private let grace: Duration
    /// The host key's fingerprint, for the lobby.
    public let fingerprint: String

    /// A server for `host:port` (0: any free port, for tests) that binds and serves when it
    /// runs, on `group` (shared with the other listeners).
    public init(host: String, port: Int, hostKey: SSHHostKey, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                clock: any SessionClock = SystemClock(), grace: Duration = .seconds(2), limits: Limits = Limits(),
                onSession: @escaping SessionStarter) {
        self.host = host
        requestedPort = port
        self.hostKey = hostKey
        self.group = group
        self.clock = clock
        self.grace = grace
        self.limits = limits
        self.onSession = onSession
        registry = SSHSessionRegistry(maximum: limits.maximumConnections)
        fingerprint = hostKey.fingerprint
        (screens, startScreen) = AsyncStream.makeStream()
    }

    /// The port it listens on, once bound (useful with port 0); throws why it could not bind.
    public func port() async throws -> Int { try await bound.value() }

    /// Open ssh connections (for the tests of the cap).
    public var openConnections: Int { registry.count }

    /// Binds and serves until the task is cancelled or the service group shuts down, each
    /// session's screen a child task of this one; then it hangs up every session (each screen
    /// restores the participant's terminal and exits), waits up to the grace period for them,
    /// closes everything, and returns once the last screen has ended.
    public func run() async throws {
        let (registry, limits, hostKey, onSession, startScreen) = (registry, limits, hostKey, onSession, startScreen)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1_024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                guard registry.admit(channel) else { return channel.close() }
                let context = SSHConnectionContext()
                channel.eventLoop.scheduleTask(in: limits.handshakeDeadline) {
                    if !context.shellOpened { channel.close(promise: nil) }
                }
                channel.closeFuture.whenComplete { _ in registry.remove(channel) }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandlers([
                        NIOSSHHandler(
                            role: .server(.init(hostKeys: [hostKey.privateKey], userAuthDelegate: CodeAsUserName(context: context))),
                            allocator: channel.allocator,
                            inboundChildChannelInitializer: { child, type in
                                guard case .session = type else {
                                    return child.eventLoop.makeFailedFuture(SSHRefusal.onlySessions)
                                }
                                return child.eventLoop.makeCompletedFuture {
                                    try child.pipeline.syncOperations.addHandler(
                                        SSHSessionHandler(connection: context, limits: limits, registry: registry, onSession: onSession,
                                                          startScreen: { startScreen.yield($0) }))
                                }
                            }),
                        CloseOnError(),
                    ])
                }
            }
        let listener: any Channel
        do {
            listener = try await bootstrap.bind(host: host, port: requestedPort).get()
        } catch {
            let failure = ListenerBindFailure(listener: .ssh, host: host, port: requestedPort, underlying: error)
            bound.settle(.failure(failure))
            throw failure
        }
        bound.settle(.success(listener.localAddress?.port ?? requestedPort))
        let (clock, grace, screens) = (clock, grace, screens)
        await withDiscardingTaskGroup { group in
            group.addTask {
                try? await gracefulShutdown()
                try? await listener.close()
                registry.hangUpAll()
                let deadline = clock.now.advanced(by: grace)
                while registry.count > 0, clock.now < deadline, !Task.isCancelled {
                    await registry.emptied.wait(until: deadline, on: clock)
                }
                registry.closeAll()
                startScreen.finish()
            }
            for await screen in screens { group.addTask { await screen() } }
        }
    }
}

enum SSHRefusal: Error {
    case onlySessions
}

/// What one ssh connection's login and its session share.
final class SSHConnectionContext: Sendable {
    private let state = Locked((userName: "", shellOpened: false))

    var userName: String {
        get { state.withLock { $0.userName } }
        set { state.withLock { $0.userName = newValue } }
    }

    var shellOpened: Bool {
        get { state.withLock { $0.shellOpened } }
        set { state.withLock { $0.shellOpened = newValue } }
    }
}

/// Login without a prompt: any method succeeds (OpenSSH tries "none" first), and the user name
/// is kept for the session as the join code. The code is checked by the participant hub, with
/// its limits, inside the screen.
final class CodeAsUserName: NIOSSHServerUserAuthenticationDelegate {
    private let context: SSHConnectionContext

    init(context: SSHConnectionContext) { self.context = context }

    let supportedAuthenticationMethods: NIOSSHAvailableUserAuthenticationMethods = [.password, .publicKey]

    func requestReceived(request: NIOSSHUserAuthenticationRequest, responsePromise: EventLoopPromise<NIOSSHUserAuthenticationOutcome>) {
        context.userName = String(request.username.prefix(64))
        responsePromise.succeed(.success)
    }
}

/// Closes a connection whose ssh layer failed (a bad packet, a failed key exchange).
final class CloseOnError: ChannelInboundHandler, Sendable {
    typealias InboundIn = Any

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}

/// The open ssh connections and the sessions to hang up when the server stops.
final class SSHSessionRegistry: Sendable {
    private struct State {
        var connections: [ObjectIdentifier: any Channel] = [:]
        var sessions: [ObjectIdentifier: SSHSessionInput] = [:]
    }

    private let maximum: Int
    private let state = Locked(State())

    init(maximum: Int) { self.maximum = maximum }

    var count: Int { state.withLock { $0.connections.count } }

    func admit(_ channel: any Channel) -> Bool {
        state.withLock { state in
            guard state.connections.count < maximum else { return false }
            state.connections[ObjectIdentifier(channel)] = channel
            return true
        }
    }

    /// Rings when a connection closes, for a stopping server waiting for the last one.
    let emptied = Wakeup()

    func remove(_ channel: any Channel) {
        _ = state.withLock { $0.connections.removeValue(forKey: ObjectIdentifier(channel)) }
        emptied.ring()
    }

    func opened(_ input: SSHSessionInput, for channel: any Channel) {
        state.withLock { $0.sessions[ObjectIdentifier(channel)] = input }
    }

    func closed(_ channel: any Channel) -> SSHSessionInput? {
        state.withLock { $0.sessions.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    func hangUpAll() {
        for input in state.withLock({ Array($0.sessions.values) }) { input.closed() }
    }

    func closeAll() {
        for channel in state.withLock({ Array($0.connections.values) }) { channel.close(promise: nil) }
    }
}
