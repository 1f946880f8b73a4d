import Foundation
import IdeateCore
import IdeateProtocol
import IdeateRuntime
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOHTTPCompression
import NIOPosix
import NIOSSL
import NIOWebSocket
import ServiceLifecycle

/// How phones join: plain HTTP serving one page at `/`, and a WebSocket at `/ws` that speaks the
/// participant protocol (one JSON message per text frame). Served by the same process and the
/// same ``ParticipantHub`` as the TCP port and ssh; each WebSocket is served exactly like a TCP
/// connection (``WireConnection``: the same caps, deadlines and backpressure).
///
/// Plain page requests are answered and closed; a request must arrive within the hello deadline
/// and its head is bounded by the HTTP parser. Nothing about the client (address, user agent)
/// is logged or kept.
public final class WebServer: Service {
    /// The numbers behind the web server's bounds (WebSockets also obey ``ParticipantServer/Limits``).
    public struct Limits: Sendable {
        /// Connections that have not finished their request head (a page request or the start
        /// of a WebSocket) at once; more are turned away with 503.
        public var maximumPageConnections = 512
        /// A frame's payload from the page: one protocol line, as long as a TCP client's.
        public var maximumFrameBytes = WireProtocol.maximumFrameBytes
        /// How long the browser has to answer a close this server sends before the TCP
        /// connection is closed anyway.
        public var closingHandshakeDeadline = TimeAmount.seconds(2)
        public var connection = ParticipantServer.Limits()

        public init() {}
    }

    enum Accepted: Sendable {
        case webSocket(ParticipantServer.Accepted)
        /// A plain request, or one whose upgrade was refused (answered with the reason).
        case page(NIOAsyncChannel<HTTPServerRequestPart, HTTPPart<HTTPResponseHead, ByteBuffer>>, refusedUpgrade: RefusedUpgrade?)
        /// Turned away (already answered and closed).
        case refused
    }

    private static let busy: String = {
        let text = "Too many people are opening the page at once; try again in a moment.\n"
        return "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: \(text.utf8.count)\r\n"
            + "Retry-After: 5\r\nConnection: close\r\n\r\n" + text
    }()

    private let hub: ParticipantHub
    private let host: String
    private let requestedPort: Int
    private let pages: WebPages
    private let tls: WebCertificate?
    private let group: any EventLoopGroup
    private let limits: Limits
    private let registry: ConnectionRegistry
    private let bound = BoundPort()

    /// A server for `host:port` (0: any free port, for tests) serving the phone page (in the
    /// language each phone asks for, else the room's) and its WebSocket, over TLS when given a
    /// certificate (`https://` and `wss://`); it binds when it runs.
    public init(hub: ParticipantHub, host: String, port: Int, tls: WebCertificate? = nil,
                group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, limits: Limits = Limits()) {
        self.hub = hub
        self.host = host
        requestedPort = port
        pages = WebPages(room: hub.roomLanguage)
        self.tls = tls
        self.group = group
        self.limits = limits
        registry = ConnectionRegistry(maximum: limits.connection.maximumConnections, maximumUnjoined: limits.connection.maximumUnjoined)
    }

    /// The port it listens on, once bound (useful with port 0); throws why it could not bind.
    public func port() async throws -> Int { try await bound.value() }

    /// Open WebSocket participant connections (for the tests of the cap).
    public var openConnections: Int { registry.count }

    /// Binds, then serves pages and WebSockets until the task is cancelled or the service group
    /// shuts down; a failure to bind or to accept is thrown, not swallowed.
    public func run() async throws {
        let pending = PendingRequests(limit: limits.maximumPageConnections)
        let server: NIOAsyncChannel<EventLoopFuture<Accepted>, Never>
        do {
            server = try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 1_024)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .childChannelOption(.writeBufferWaterMark, value: .init(low: 16 * 1024, high: 64 * 1024))
                .bind(host: host, port: requestedPort) { [tls, limits, hub, registry] channel in
                    channel.eventLoop.makeCompletedFuture {
                        try Self.admit(channel, pending: pending, tls: tls, limits: limits, clock: hub.clock, registry: registry)
                    }
                }
        } catch {
            let failure = ListenerBindFailure(listener: .phonePage, host: host, port: requestedPort, underlying: error)
            bound.settle(.failure(failure))
            throw failure
        }
        bound.settle(.success(server.channel.localAddress?.port ?? requestedPort))
        let (hub, registry, limits, pages) = (hub, registry, limits, pages)
        try await withTaskCancellationOrGracefulShutdownHandler {
            try await withThrowingDiscardingTaskGroup { connections in
                try await server.executeThenClose { inbound in
                    for try await negotiated in inbound {
                        connections.addTask {
                            switch try? await negotiated.get() {
                            case let .webSocket(accepted)?:
                                await ParticipantServer.serve(accepted, hub: hub, limits: limits.connection)
                            case let .page(channel, refusedUpgrade)?:
                                await PageRequest.answer(channel, pages: pages, refusedUpgrade: refusedUpgrade,
                                                         deadline: limits.connection.helloDeadline)
                            case .refused?, nil:
                                break
                            }
                        }
                    }
                }
            }
        } onCancelOrGracefulShutdown: {
            server.channel.close(promise: nil)
            pending.closeAll()
            registry.closeAll()
        }
    }

    /// Counts a new connection among those still sending their request head (turning it away
    /// past the limit) and gives it the hello deadline to finish it (and its TLS handshake);
    /// an upgrade that fails is answered 403 and closed.
    private static func admit(_ channel: any Channel, pending: PendingRequests, tls: WebCertificate?,
                              limits: Limits, clock: any SessionClock, registry: ConnectionRegistry) throws -> EventLoopFuture<Accepted> {
        if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls.context)) }
        guard let slot = pending.enter(channel) else {
            channel.writeAndFlush(ByteBuffer(string: busy)).whenComplete { _ in channel.close(promise: nil) }
            return channel.eventLoop.makeSucceededFuture(.refused)
        }
        let timeout = channel.eventLoop.scheduleTask(in: limits.connection.helloDeadline) { channel.close(promise: nil) }
        channel.closeFuture.whenComplete { _ in slot.release() }
        let negotiated = try configure(channel, limits: limits, clock: clock, registry: registry)
        negotiated.whenComplete { result in
            slot.release()
            timeout.cancel()
            if case .failure = result { refuseUpgrade(on: channel) }
        }
        return negotiated
    }

    /// The answer to an upgrade that failed once the handshake was accepted.
    private static func refuseUpgrade(on channel: any Channel) {
        let body = ByteBuffer(string: PageRequest.notHere)
        let head = HTTPResponseHead(version: .http1_1, status: .forbidden, headers: [
            "Content-Type": "text/plain; charset=utf-8", "Content-Length": String(body.readableBytes), "Connection": "close",
        ])
        channel.write(HTTPServerResponsePart.head(head), promise: nil)
        channel.write(HTTPServerResponsePart.body(.byteBuffer(body)), promise: nil)
        channel.writeAndFlush(HTTPServerResponsePart.end(nil)).whenComplete { _ in channel.close(promise: nil) }
    }

    /// An HTTP pipeline that upgrades `/ws` to a WebSocket carrying protocol lines.
    private static func configure(_ channel: any Channel, limits: Limits, clock: any SessionClock,
                                  registry: ConnectionRegistry) throws -> EventLoopFuture<Accepted> {
        let upgrader = NIOTypedWebSocketServerUpgrader<Accepted>(
            maxFrameSize: limits.maximumFrameBytes,
            // The guard below fails the connection on the decoder's errors, with the handshake.
            enableAutomaticErrorHandling: false,
            shouldUpgrade: { channel, head in
                channel.eventLoop.makeSucceededFuture(Self.acceptsUpgrade(head) ? HTTPHeaders() : nil)
            },
            upgradePipelineHandler: { channel, _ in
                channel.eventLoop.makeCompletedFuture {
                    let operations = channel.pipeline.syncOperations
                    try operations.addHandler(WebSocketProtocolGuard(closingDeadline: limits.closingHandshakeDeadline))
                    // Fragments may be empty (RFC 6455 §5.4); their count is what is bounded.
                    try operations.addHandler(NIOWebSocketFrameAggregator(
                        minNonFinalFragmentSize: 0, maxAccumulatedFrameCount: 64, maxAccumulatedFrameSize: limits.maximumFrameBytes))
                    try operations.addHandler(WebSocketLineAdapter())
                    return .webSocket(try ParticipantServer.wrap(channel, limits: limits.connection, clock: clock, registry: registry))
                }
            })
        let witness = RequestHeadWitness()
        let configuration = NIOTypedHTTPServerUpgradeConfiguration<Accepted>(
            upgraders: [upgrader],
            notUpgradingCompletionHandler: { channel in
                channel.eventLoop.makeCompletedFuture {
                    let operations = channel.pipeline.syncOperations
                    switch witness.seen {
                    case .plainRequest?:
                        // The page goes out compressed to a browser that asks for it (the
                        // compressor reads the request head, which only a plain request passes on).
                        try operations.addHandler(HTTPResponseCompressor { head, _ in
                            head.status == .ok ? .compressIfPossible : .doNotCompress
                        })
                        try operations.addHandler(HTTPResponsePartAdapter())
                        return .page(try NIOAsyncChannel(wrappingChannelSynchronously: channel), refusedUpgrade: nil)
                    case let .upgrade(refusal)?:
                        try operations.addHandler(HTTPResponsePartAdapter())
                        return .page(try NIOAsyncChannel(wrappingChannelSynchronously: channel), refusedUpgrade: refusal)
                    case nil:
                        throw HTTPServerUpgradeErrors.invalidHTTPOrdering
                    }
                }
            })
        let negotiated = try channel.pipeline.syncOperations.configureUpgradableHTTPServerPipeline(
            configuration: .init(upgradeConfiguration: configuration))
        let upgradeHandler = try channel.pipeline.syncOperations.handler(type: NIOTypedHTTPServerUpgradeHandler<Accepted>.self)
        try channel.pipeline.syncOperations.addHandler(witness, position: .before(upgradeHandler))
        return negotiated
    }

    /// A WebSocket is opened only at `/ws`, and only from a page of this server when the
    /// browser says where the page came from (another site cannot use a visitor's browser).
    static func acceptsUpgrade(_ head: HTTPRequestHead) -> Bool {
        guard head.uri == "/ws", let host = head.headers.first(name: "host"), PageRequest.isPlausibleHost(host) else { return false }
        return PageRequest.isSameOrigin(head, host: host)
    }
}

/// Counts connections still sending their request head, so a flood of slow or silent ones is
/// turned away instead of holding sockets, and keeps them so that a server shutting down closes
/// them at once (a browser opens connections ahead of time and may never send on them).
final class PendingRequests: Sendable {
    /// One connection's place in the count, given back once (whichever comes first: its head
    /// is complete, or it closed).
    final class Slot: Sendable {
        private let owner: PendingRequests
        private let key: ObjectIdentifier

        init(owner: PendingRequests, key: ObjectIdentifier) {
            self.owner = owner
            self.key = key
        }

        func release() {
            owner.open.withLockedValue { _ = $0.removeValue(forKey: key) }
            owner.answering.withLockedValue { _ = $0.remove(key) }
        }

        /// Its request has arrived whole and is being answered: a shutdown lets it finish.
        func answering() {
            owner.answering.withLockedValue { _ = $0.insert(key) }
        }
    }

    fileprivate let open = NIOLockedValueBox<[ObjectIdentifier: any Channel]>([:])
    fileprivate let answering = NIOLockedValueBox<Set<ObjectIdentifier>>([])
    /// Set by ``closeAll()``: a connection accepted while the server shuts down is closed at once.
    private let isClosing = NIOLockedValueBox(false)
    let limit: Int

    init(limit: Int) { self.limit = limit }

    /// A slot for `channel`, or nil past the limit, or once the server shuts down (the channel
    /// is then closed here: it was accepted as the listener closed).
    func enter(_ channel: any Channel) -> Slot? {
        let key = ObjectIdentifier(channel)
        let entered = isClosing.withLockedValue { closing in
            guard !closing else { return false }
            return open.withLockedValue { open in
                guard open.count < limit else { return false }
                open[key] = channel
                return true
            }
        }
        if !entered, isClosing.withLockedValue({ $0 }) { channel.close(promise: nil) }
        return entered ? Slot(owner: self, key: key) : nil
    }

    /// Closes every connection still sending its request, and any accepted from now on; those
    /// being answered finish.
    func closeAll() {
        let open = isClosing.withLockedValue { closing in
            closing = true
            return self.open.withLockedValue { $0 }
        }
        let answered = answering.withLockedValue { $0 }
        for (key, channel) in open where !answered.contains(key) { channel.close(promise: nil) }
    }
}

/// Turns the page channel's typed response parts into what NIOHTTP1's encoder takes.
final class HTTPResponsePartAdapter: ChannelOutboundHandler {
    typealias OutboundIn = HTTPPart<HTTPResponseHead, ByteBuffer>
    typealias OutboundOut = HTTPServerResponsePart

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case let .head(head): context.write(wrapOutboundOut(.head(head)), promise: promise)
        case let .body(buffer): context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: promise)
        case let .end(trailers): context.write(wrapOutboundOut(.end(trailers)), promise: promise)
        }
    }
}
