import Foundation
import IdeateCore
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket
import Synchronization

/// How phones join: plain HTTP serving one page at `/`, and a WebSocket at `/ws` that speaks the
/// participant protocol (one JSON message per text frame). Served by the same process and the
/// same ``ParticipantHub`` as the TCP port and ssh; each WebSocket is served exactly like a TCP
/// connection (``WireConnection``: the same caps, deadlines and backpressure).
///
/// Plain page requests are answered and closed; a request must arrive within the hello deadline
/// and its head is bounded by the HTTP parser. Nothing about the client (address, user agent)
/// is logged or kept.
public final class WebServer: Sendable {
    /// The numbers behind the web server's bounds (WebSockets also obey ``ParticipantServer/Limits``).
    public struct Limits: Sendable {
        /// Page requests being answered at once; more are turned away with 503.
        public var maximumPageConnections = 512
        /// A frame from the page: a protocol line, plus the WebSocket header.
        public var maximumFrameBytes = WireProtocol.maximumFrameBytes + 16
        public var connection = ParticipantServer.Limits()

        public init() {}
    }

    enum Accepted: Sendable {
        case webSocket(ParticipantServer.Accepted)
        case page(NIOAsyncChannel<HTTPServerRequestPart, HTTPPart<HTTPResponseHead, ByteBuffer>>)
    }

    private let group: MultiThreadedEventLoopGroup
    private let listener: any Channel
    private let registry: ConnectionRegistry
    private let acceptTask: Task<Void, Never>

    /// The port actually bound (useful with port 0).
    public let port: Int

    /// Binds `host:port` and starts serving `page` and its WebSocket.
    public static func start(hub: ParticipantHub, host: String, port: Int, page: WebPage = WebPage(),
                             limits: Limits = Limits()) async throws -> WebServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let server: NIOAsyncChannel<EventLoopFuture<Accepted>, Never>
        do {
            server = try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 1_024)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .childChannelOption(.writeBufferWaterMark, value: .init(low: 16 * 1024, high: 64 * 1024))
                .bind(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture { try Self.configure(channel, limits: limits) }
                }
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
        return WebServer(hub: hub, group: group, server: server, page: page, limits: limits)
    }

    /// An HTTP pipeline that upgrades `/ws` to a WebSocket carrying protocol lines.
    private static func configure(_ channel: any Channel, limits: Limits) throws -> EventLoopFuture<Accepted> {
        let upgrader = NIOTypedWebSocketServerUpgrader<Accepted>(
            maxFrameSize: limits.maximumFrameBytes,
            shouldUpgrade: { channel, head in
                channel.eventLoop.makeSucceededFuture(Self.acceptsUpgrade(head) ? HTTPHeaders() : nil)
            },
            upgradePipelineHandler: { channel, _ in
                channel.eventLoop.makeCompletedFuture {
                    let operations = channel.pipeline.syncOperations
                    try operations.addHandler(NIOWebSocketFrameAggregator(
                        minNonFinalFragmentSize: 1, maxAccumulatedFrameCount: 64, maxAccumulatedFrameSize: limits.maximumFrameBytes))
                    try operations.addHandler(WebSocketLineAdapter())
                    return .webSocket(try ParticipantServer.wrap(channel, limits: limits.connection))
                }
            })
        let configuration = NIOTypedHTTPServerUpgradeConfiguration<Accepted>(
            upgraders: [upgrader],
            notUpgradingCompletionHandler: { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(HTTPResponsePartAdapter())
                    return .page(try NIOAsyncChannel(wrappingChannelSynchronously: channel))
                }
            })
        return try channel.pipeline.syncOperations.configureUpgradableHTTPServerPipeline(
            configuration: .init(upgradeConfiguration: configuration))
    }

    /// A WebSocket is opened only at `/ws`, and only from a page of this server when the
    /// browser says where the page came from (another site cannot use a visitor's browser).
    static func acceptsUpgrade(_ head: HTTPRequestHead) -> Bool {
        guard head.uri == "/ws", let host = head.headers.first(name: "host"), PageRequest.isPlausibleHost(host) else { return false }
        guard let origin = head.headers.first(name: "origin") else { return true }
        return origin == "http://\(host)" || origin == "https://\(host)"
    }

    private init(hub: ParticipantHub, group: MultiThreadedEventLoopGroup, server: NIOAsyncChannel<EventLoopFuture<Accepted>, Never>,
                 page: WebPage, limits: Limits) {
        self.group = group
        listener = server.channel
        port = server.channel.localAddress?.port ?? 0
        let registry = ConnectionRegistry(maximum: limits.connection.maximumConnections, maximumUnjoined: limits.connection.maximumUnjoined)
        self.registry = registry
        let pages = PageCounter(limit: limits.maximumPageConnections)
        acceptTask = Task {
            await withDiscardingTaskGroup { connections in
                try? await server.executeThenClose { inbound in
                    for try await negotiated in inbound {
                        connections.addTask {
                            switch try? await negotiated.get() {
                            case let .webSocket(accepted)?:
                                await ParticipantServer.serve(accepted.channel, connection: accepted.connection, hub: hub,
                                                              registry: registry, limits: limits.connection)
                            case let .page(channel)?:
                                await PageRequest.answer(channel, page: page, pages: pages, deadline: limits.connection.helloDeadline)
                            case nil:
                                break
                            }
                        }
                    }
                }
            }
        }
    }

    /// WebSockets open now (for tests of the caps).
    public var openConnections: Int { registry.count }

    public func stop() async {
        try? await listener.close()
        registry.closeAll()
        await acceptTask.value
        try? await group.shutdownGracefully()
    }
}

/// Counts page requests being answered, so a flood of them is turned away instead of queued.
final class PageCounter: Sendable {
    private let open = Atomic<Int>(0)
    let limit: Int

    init(limit: Int) { self.limit = limit }

    func enter() -> Bool {
        if open.add(1, ordering: .relaxed).newValue > limit {
            leave()
            return false
        }
        return true
    }

    func leave() { open.subtract(1, ordering: .relaxed) }
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
