import Foundation
import IdeateCore
import IdeateProtocol
import IdeateRuntime
import NIOCore
import NIOPosix

/// A participant's connection to the server. It joins with the code, keeps the resume token in
/// memory, reconnects by itself, and sends again every command not yet acknowledged, with the
/// same id, so nothing is lost and nothing is applied twice.
public actor ParticipantClient {
    public nonisolated let events: AsyncStream<ClientEvent>
    private let continuation: AsyncStream<ClientEvent>.Continuation
    private let host: String
    private let port: Int
    private var code: String
    /// The language tag the participant reads, sent with each hello.
    private let language: String?
    private let group: any EventLoopGroup
    private let ownsGroup: Bool
    private let clock: any SessionClock
    private var token: String?
    private var pending: [(id: String, message: ClientMessage)] = []
    private var waiters: [String: [CheckedContinuation<Reply, Never>]] = [:]
    /// How long to wait before connecting again, when the server said.
    private var retryAfter: Duration?
    private var channel: (any Channel)?
    private var loop: Task<Void, Never>?
    private var nextNumber = 0
    private var stopped = false
    /// How many times the connection was made again.
    public private(set) var reconnections = 0

    /// - Parameter eventBuffer: how many unread events to keep (the newest win).
    /// - Parameter clock: what the reconnect back-off waits on (tests advance their own).
    /// - Parameter language: the language the participant reads (a tag such as `fr`); the room's when nil.
    public init(host: String, port: Int, code: String, language: String? = nil, group: (any EventLoopGroup)? = nil,
                clock: any SessionClock = SystemClock(), eventBuffer: Int = 512) {
        self.clock = clock
        self.language = language
        self.host = host
        self.port = port
        self.code = code
        self.group = group ?? MultiThreadedEventLoopGroup(numberOfThreads: 1)
        ownsGroup = group == nil
        (events, continuation) = AsyncStream<ClientEvent>.makeStream(bufferingPolicy: .bufferingNewest(eventBuffer))
    }

    public func start() {
        guard loop == nil else { return }
        loop = Task {
            await self.run()
            self.loopEnded()
        }
    }

    private func loopEnded() { loop = nil }

    /// Tries again with `code` after a wrong one: on the open connection if there is one,
    /// else on a new one (after too many tries the server closed the last).
    public func join(code: String) {
        self.code = code
        guard token == nil else { return }
        if let channel, channel.isActive {
            write(.hello(version: WireProtocol.version, code: code, token: nil, language: language))
        } else {
            stopped = false
            start()
        }
    }

    public func stop() async {
        stopped = true
        loop?.cancel()
        try? await channel?.close()
        continuation.finish()
        for (id, list) in waiters { for waiter in list { waiter.resume(returning: Self.stoppedReply(id)) } }
        waiters = [:]
        if ownsGroup { try? await group.shutdownGracefully() }
    }

    /// Drops the connection as a closed laptop would; the client reconnects by itself.
    public func dropConnection() async {
        try? await channel?.close()
    }

    public var resumeToken: String? { token }

    // MARK: - Commands

    /// Sends `request` with `id` (a fresh one if nil) and returns the id. It is sent again on
    /// every new connection until the server answers it.
    @discardableResult
    public func send(_ request: ParticipantRequest, id: String? = nil) -> String {
        let id = id ?? newID()
        let message = ClientMessage.request(id: id, request)
        pending.append((id, message))
        if token != nil { write(message) }
        return id
    }

    /// Sends `request` and waits for the server's answer, across reconnects if need be.
    public func request(_ request: ParticipantRequest) async -> Reply {
        let id = newID()
        guard !stopped else { return Self.stoppedReply(id) }
        send(request, id: id)
        return await withCheckedContinuation { waiters[id, default: []].append($0) }
    }

    public func submit(_ text: String, extending: String? = nil) async -> Reply {
        await request(.submit(text: text, extends: extending))
    }

    private func newID() -> String {
        nextNumber += 1
        return "c\(nextNumber)-\(UUID().uuidString.prefix(8))"
    }

    private static func stoppedReply(_ id: String) -> Reply {
        Reply(id: id, outcome: .refused(.notSaved, Sentence(literal: "the client has stopped")))
    }

    // MARK: - Connection

    private func run() async {
        var delay: Duration = .milliseconds(200)
        while !stopped && !Task.isCancelled {
            do {
                let (channel, inbound) = try await connect()
                self.channel = channel
                write(.hello(version: WireProtocol.version, code: code, token: token, language: language))
                for await message in inbound {
                    delay = .milliseconds(200)
                    if await handle(message) == false { return }
                }
                self.channel = nil
                token.map { _ in reconnections += 1 }
                if !stopped { continuation.yield(.reconnecting(Sentence(ParticipantPhrase.connectionLost))) }
            } catch {
                if !stopped { continuation.yield(.reconnecting(Sentence(ParticipantPhrase.cannotReach, ["address": .text("\(host):\(port)")]))) }
            }
            try? await clock.sleep(for: retryAfter ?? delay)
            retryAfter = nil
            delay = min(delay * 2, .seconds(3))
        }
    }

    /// Handles a server message; false when the client must stop.
    private func handle(_ message: ServerMessage) async -> Bool {
        switch message {
        case let .welcome(newToken, language):
            token = newToken
            continuation.yield(.connected(language: language))
            for (_, command) in pending { write(command) }
        case let .reply(reply):
            pending.removeAll { $0.id == reply.id }
            continuation.yield(.reply(reply))
            for waiter in waiters.removeValue(forKey: reply.id) ?? [] { waiter.resume(returning: reply) }
        case let .view(view):
            continuation.yield(.view(view))
        case let .error(problem):
            continuation.yield(.problem(problem))
            if problem.code == .wrongCode {
                // The connection stays open for the next try (``join(code:)``).
                return true
            }
            if problem.stopsClient {
                stopped = true
                try? await channel?.close()
                return false
            }
            if let seconds = problem.retryAfterSeconds, token == nil {
                // Not joined yet and asked to wait: connect again after that.
                retryAfter = .seconds(seconds)
                try? await channel?.close()
            }
        }
        return true
    }

    private func write(_ message: ClientMessage) {
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
                        ByteToMessageHandler(LineFrameDecoder(limit: WireProtocol.maximumServerLineBytes)))
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
