import Foundation
import IdeateCore
import NIOCore
import NIOPosix

/// What the client tells its user about.
public enum ClientEvent: Sendable, Equatable {
    case connected
    /// The connection dropped; the client is reconnecting by itself.
    case reconnecting(String)
    case view(ParticipantView)
    case reply(ServerMessage)
    /// The server refused something; `fatal` means the client has stopped.
    case problem(String, fatal: Bool)
}

/// A participant's connection to the server. It joins with the code, keeps the resume token in
/// memory, reconnects by itself, and sends again every command not yet acknowledged, with the
/// same id, so nothing is lost and nothing is applied twice.
public actor ParticipantClient {
    public nonisolated let events: AsyncStream<ClientEvent>
    private let continuation: AsyncStream<ClientEvent>.Continuation
    private let host: String
    private let port: Int
    private let code: String
    private let group: any EventLoopGroup
    private let ownsGroup: Bool
    private var token: String?
    private var pending: [(id: String, message: ClientMessage)] = []
    private var waiters: [String: [CheckedContinuation<ServerMessage, Never>]] = [:]
    private var channel: (any Channel)?
    private var loop: Task<Void, Never>?
    private var nextNumber = 0
    private var stopped = false
    /// How many times the connection was made again.
    public private(set) var reconnections = 0

    /// - Parameter eventBuffer: how many unread events to keep (the newest win).
    public init(host: String, port: Int, code: String, group: (any EventLoopGroup)? = nil, eventBuffer: Int = 512) {
        self.host = host
        self.port = port
        self.code = code
        self.group = group ?? MultiThreadedEventLoopGroup(numberOfThreads: 1)
        ownsGroup = group == nil
        (events, continuation) = AsyncStream<ClientEvent>.makeStream(bufferingPolicy: .bufferingNewest(eventBuffer))
    }

    public func start() {
        guard loop == nil else { return }
        loop = Task { await self.run() }
    }

    public func stop() async {
        stopped = true
        loop?.cancel()
        try? await channel?.close()
        continuation.finish()
        for (_, list) in waiters { for waiter in list { waiter.resume(returning: .error("stopped", fatal: true)) } }
        waiters = [:]
        if ownsGroup { try? await group.shutdownGracefully() }
    }

    /// Drops the connection as a closed laptop would; the client reconnects by itself.
    public func dropConnection() async {
        try? await channel?.close()
    }

    public var resumeToken: String? { token }

    // MARK: - Commands

    /// Sends `message` with a fresh id (unless it has one) and returns the id.
    @discardableResult
    public func send(_ message: ClientMessage) -> String {
        var message = message
        if message.id == nil {
            nextNumber += 1
            message.id = "c\(nextNumber)-\(UUID().uuidString.prefix(8))"
        }
        let id = message.id!
        pending.append((id, message))
        if token != nil { write(message) }
        return id
    }

    /// Sends `message` and waits for the server's answer, across reconnects if need be.
    public func request(_ message: ClientMessage) async -> ServerMessage {
        guard !stopped else { return .error("the client has stopped", fatal: true) }
        let id = send(message)
        return await withCheckedContinuation { waiters[id, default: []].append($0) }
    }

    public func submit(_ text: String, extending: String? = nil) async -> ServerMessage {
        await request(ClientMessage(type: .submit, text: text, extends: extending))
    }

    // MARK: - Connection

    private func run() async {
        var delay: UInt64 = 200_000_000
        while !stopped && !Task.isCancelled {
            do {
                let (channel, inbound) = try await connect()
                self.channel = channel
                write(ClientMessage(type: .hello, version: WireProtocol.version, code: code, token: token), direct: true)
                for await message in inbound {
                    delay = 200_000_000
                    if await handle(message) == false { return }
                }
                self.channel = nil
                token.map { _ in reconnections += 1 }
                if !stopped { continuation.yield(.reconnecting("connection lost")) }
            } catch {
                if !stopped { continuation.yield(.reconnecting("cannot reach \(host):\(port)")) }
            }
            try? await Task.sleep(nanoseconds: delay)
            delay = min(delay * 2, 3_000_000_000)
        }
    }

    /// Handles a server message; false when the client must stop.
    private func handle(_ message: ServerMessage) async -> Bool {
        switch message.type {
        case .welcome:
            token = message.token
            continuation.yield(.connected)
            for (_, command) in pending { write(command) }
        case .reply:
            guard let id = message.id else { return true }
            pending.removeAll { $0.id == id }
            continuation.yield(.reply(message))
            for waiter in waiters.removeValue(forKey: id) ?? [] { waiter.resume(returning: message) }
        case .view:
            if let view = message.view { continuation.yield(.view(view)) }
        case .error:
            let text = message.message ?? "error"
            let wrongCode = text.hasPrefix("wrong join code") || text.hasPrefix("too many wrong codes")
            let fatal = (message.fatal ?? false) || wrongCode
            continuation.yield(.problem(text, fatal: fatal && (wrongCode || text.hasPrefix("protocol version"))))
            if wrongCode || text.hasPrefix("protocol version") {
                stopped = true
                try? await channel?.close()
                return false
            }
        }
        return true
    }

    private func write(_ message: ClientMessage, direct: Bool = false) {
        guard let channel else { return }
        let data = message.encodedLine()
        var buffer = channel.allocator.buffer(capacity: data.count)
        buffer.writeBytes(data)
        channel.writeAndFlush(buffer, promise: nil)
    }

    private func connect() async throws -> (any Channel, AsyncStream<ServerMessage>) {
        let (stream, inbound) = AsyncStream<ServerMessage>.makeStream(bufferingPolicy: .unbounded)
        let channel = try await ClientBootstrap(group: group)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connectTimeout(.seconds(3))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        ByteToMessageHandler(LineFrameDecoder(limit: 4 * 1024 * 1024)))
                    try channel.pipeline.syncOperations.addHandler(ServerMessageHandler(inbound: inbound))
                }
            }
            .connect(host: host, port: port).get()
        return (channel, stream)
    }
}

/// Decodes server lines into messages for the client's loop.
final class ServerMessageHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    let inbound: AsyncStream<ServerMessage>.Continuation

    init(inbound: AsyncStream<ServerMessage>.Continuation) { self.inbound = inbound }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        guard let bytes = buffer.readBytes(length: buffer.readableBytes),
              let message = ServerMessage.decodeLine(bytes) else { return }
        inbound.yield(message)
    }

    func channelInactive(context: ChannelHandlerContext) {
        inbound.finish()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
