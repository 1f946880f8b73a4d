import IdeateCore
import NIOCore
import NIOHTTP1
import NIOHTTPCompression
import NIOPosix
import NIOSSL
import ServiceLifecycle

/// The idea box on the web: the box page at `/` and its small JSON API (`/board`, `/fates`,
/// `/ideas`, `/withdraw`) over plain HTTP or TLS, one request per connection. It runs for weeks,
/// so it holds nothing between requests: each is read whole within its deadline and bounds,
/// answered from the ``IdeaBoxService``, and closed. Nothing about the client (address, user
/// agent) is logged or kept.
public final class BoxWebServer: Service {
    /// The numbers behind the box's bounds.
    public struct Limits: Sendable {
        /// Connections at once that are still sending or waiting for their answer; more are
        /// turned away with 503.
        public var maximumConnections = 1_024
        /// The most a request's body may weigh: one idea with its proof, as JSON.
        public var maximumBodyBytes = 8 * 1_024
        /// How long a client has to send its whole request.
        public var requestDeadline = TimeAmount.seconds(10)

        public init() {}
    }

    private let box: any IdeaBoxService
    private let host: String
    private let requestedPort: Int
    private let pages: WebPages
    private let tls: WebCertificate?
    private let group: any EventLoopGroup
    private let limits: Limits
    private let bound = BoundPort()

    /// - Parameter language: the box's own language: its page's and its answers' when a
    ///   phone asks for none ideate has.
    public init(box: any IdeaBoxService, host: String, port: Int, language: Language = .english, tls: WebCertificate? = nil,
                group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, limits: Limits = Limits()) {
        self.box = box
        self.host = host
        requestedPort = port
        pages = WebPages(room: language) { WebPage.ideaBox(in: $0) }
        self.tls = tls
        self.group = group
        self.limits = limits
    }

    /// The port it listens on, once bound; throws why it could not bind.
    public func port() async throws -> Int { try await bound.value() }

    /// Binds, then answers requests until the task is cancelled or the service group shuts down.
    public func run() async throws {
        let pending = PendingRequests(limit: limits.maximumConnections)
        let server: NIOAsyncChannel<BoxRequest.Connection?, Never>
        do {
            server = try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 1_024)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .bind(host: host, port: requestedPort) { [tls, limits] channel in
                    channel.eventLoop.makeCompletedFuture { try Self.admit(channel, pending: pending, tls: tls, limits: limits) }
                }
        } catch {
            let failure = ListenerBindFailure(listener: .ideaBox, host: host, port: requestedPort, underlying: error)
            bound.settle(.failure(failure))
            throw failure
        }
        bound.settle(.success(server.channel.localAddress?.port ?? requestedPort))
        let (box, pages, limits) = (box, pages, limits)
        try await withTaskCancellationOrGracefulShutdownHandler {
            try await withThrowingDiscardingTaskGroup { connections in
                try await server.executeThenClose { inbound in
                    for try await connection in inbound {
                        guard let connection else { continue }
                        connections.addTask {
                            await BoxRequest.answer(connection.channel, box: box, pages: pages, limits: limits, answering: connection.slot.answering)
                        }
                    }
                }
            }
        } onCancelOrGracefulShutdown: {
            // A restart: no new connection, none left waiting; a request that arrived whole is
            // answered (within its deadline), so what was sent before the stop is kept and said so.
            server.channel.close(promise: nil)
            pending.closeAll()
        }
    }

    /// Counts the connection (turning it away past the limit), gives it the deadline for its
    /// whole request and sets up HTTP with compression for the answers that ask for it.
    private static func admit(_ channel: any Channel, pending: PendingRequests, tls: WebCertificate?, limits: Limits) throws -> BoxRequest.Connection? {
        if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls.context)) }
        guard let slot = pending.enter(channel) else {
            channel.writeAndFlush(ByteBuffer(string: BoxRequest.busy)).whenComplete { _ in channel.close(promise: nil) }
            return nil
        }
        let timeout = channel.eventLoop.scheduleTask(in: limits.requestDeadline) { channel.close(promise: nil) }
        channel.closeFuture.whenComplete { _ in
            timeout.cancel()
            slot.release()
        }
        let operations = channel.pipeline.syncOperations
        try operations.configureHTTPServerPipeline(withErrorHandling: true)
        try operations.addHandler(HTTPResponseCompressor { head, _ in head.status == .ok ? .compressIfPossible : .doNotCompress })
        try operations.addHandler(HTTPResponsePartAdapter())
        return BoxRequest.Connection(channel: try BoxRequest.Channel(wrappingChannelSynchronously: channel), slot: slot)
    }
}
