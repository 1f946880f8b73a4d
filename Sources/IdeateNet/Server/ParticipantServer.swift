import Foundation
import IdeateCore
import NIOCore
import NIOPosix

/// The TCP server participants join: newline-delimited JSON over SwiftNIO, one
/// ``ParticipantHub`` behind it. Runs beside the console (`ideate run`) or alone (`--headless`).
public final class ParticipantServer: Sendable {
    public let hub: ParticipantHub
    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel
    private let viewTask: Task<Void, Never>

    /// The port actually bound (useful with port 0).
    public let port: Int

    /// Binds `host:port` and starts serving.
    public static func start(hub: ParticipantHub, host: String, port: Int) async throws -> ParticipantServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 512)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.writeBufferWaterMark, value: .init(low: 32 * 1024, high: 256 * 1024))
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let connection = ChannelConnection(channel: channel)
                    try channel.pipeline.syncOperations.addHandler(
                        ByteToMessageHandler(LineFrameDecoder(limit: WireProtocol.maximumFrameBytes)))
                    try channel.pipeline.syncOperations.addHandler(ParticipantChannelHandler(hub: hub, connection: connection))
                }
            }
        do {
            let channel = try await bootstrap.bind(host: host, port: port).get()
            return ParticipantServer(hub: hub, group: group, channel: channel)
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
    }

    private init(hub: ParticipantHub, group: MultiThreadedEventLoopGroup, channel: any Channel) {
        self.hub = hub
        self.group = group
        self.channel = channel
        port = channel.localAddress?.port ?? 0
        viewTask = Task {
            while !Task.isCancelled {
                await hub.pushViews()
                try? await Task.sleep(nanoseconds: 100_000_000)
            }
        }
    }

    public func stop() async {
        viewTask.cancel()
        try? await channel.close()
        try? await group.shutdownGracefully()
    }
}

/// A connection as the hub sees it, over a NIO channel.
final class ChannelConnection: ParticipantHub.Connection {
    let channel: any Channel
    let address: String

    init(channel: any Channel) {
        self.channel = channel
        address = channel.remoteAddress?.ipAddress ?? "unknown"
    }

    func send(_ message: ServerMessage) {
        let line = message.encodedLine()
        var buffer = channel.allocator.buffer(capacity: line.count)
        buffer.writeBytes(line)
        channel.writeAndFlush(buffer, promise: nil)
    }

    var canTakeMore: Bool { channel.isWritable }

    func close() {
        channel.eventLoop.scheduleTask(in: .milliseconds(50)) { [channel] in channel.close(promise: nil) }
    }
}

/// Feeds lines to the hub in order, one connection at a time, and reports oversized frames.
final class ParticipantChannelHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer

    private let hub: ParticipantHub
    private let connection: ChannelConnection
    private let lines: AsyncStream<Data>.Continuation
    private let worker: Task<Void, Never>

    init(hub: ParticipantHub, connection: ChannelConnection) {
        self.hub = hub
        self.connection = connection
        let (stream, continuation) = AsyncStream<Data>.makeStream(bufferingPolicy: .bufferingNewest(1024))
        lines = continuation
        worker = Task {
            for await line in stream { await hub.receive(line, from: connection) }
            await hub.disconnected(connection)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
        lines.yield(Data(bytes))
    }

    func channelInactive(context: ChannelHandlerContext) {
        lines.finish()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if error is LineFrameDecoder.FrameTooLarge || (error as? ByteToMessageDecoderError) != nil {
            connection.send(.error("message too large: the limit is \(WireProtocol.maximumFrameBytes / 1024) KiB per line", fatal: true))
        }
        context.close(promise: nil)
    }
}
