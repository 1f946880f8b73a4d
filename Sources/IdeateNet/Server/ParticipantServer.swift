import Foundation
import IdeateCore
import IdeateProtocol
import IdeateRuntime
import NIOCore
import NIOPosix
import ServiceLifecycle

/// The TCP server participants join: newline-delimited JSON over SwiftNIO, one
/// ``ParticipantHub`` behind it, as a service: it binds and accepts in ``run()``. Views reach
/// its participants from the hub's publisher, as they reach ssh and phone participants.
///
/// Each connection is read with backpressure (NIO stops reading a socket whose lines are not
/// consumed), answered in order, and written only as fast as the peer reads; see
/// ``WireConnection`` for the bounds and ``Limits`` for the numbers.
public final class ParticipantServer: Service {
    /// The numbers behind the server's bounds (the hub has its own, ``ParticipantHub/Limits``).
    public struct Limits: Sendable {
        /// Open connections in all; one more is told the server is full and closed.
        public var maximumConnections = 4_096
        /// Connections that have not joined yet; to make room the oldest that has said nothing
        /// is closed (the oldest of all only when every one has spoken).
        public var maximumUnjoined = 256
        /// A connection must join within this time.
        public var helloDeadline: TimeAmount = .seconds(10)
        /// Replies waiting for one peer before the server stops reading its requests.
        public var replyBacklogBytes = 64 * 1024
        /// A peer that leaves what was sent unread this long is cut off.
        public var stallDeadline: TimeAmount = .seconds(30)
        public init() {}
    }

    /// An accepted connection: its channel, the outgoing side the hub writes to, and what the
    /// registry decided when it arrived (in the order connections arrive, on the event loop).
    struct Accepted: Sendable {
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        let connection: WireConnection
        /// Within the connection cap; one that is not is told so and closed.
        let admitted: Bool
        /// An older connection that never spoke, closed to make room for this one.
        let evicted: WireConnection?
    }

    public let hub: ParticipantHub
    private let host: String
    private let requestedPort: Int
    private let group: any EventLoopGroup
    private let limits: Limits
    private let registry: ConnectionRegistry
    private let bound = BoundPort()

    /// A server for `host:port` (0: any free port, for tests) that binds and serves when it
    /// runs, on `group` (shared with the other listeners).
    public init(hub: ParticipantHub, host: String, port: Int, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                limits: Limits = Limits()) {
        self.hub = hub
        self.host = host
        requestedPort = port
        self.group = group
        self.limits = limits
        registry = ConnectionRegistry(maximum: limits.maximumConnections, maximumUnjoined: limits.maximumUnjoined)
    }

    /// The port it listens on, once bound (useful with port 0); throws why it could not bind.
    public func port() async throws -> Int { try await bound.value() }

    /// How many connections are open (for tests of the caps).
    public var openConnections: Int { registry.count }

    /// Binds, then accepts and serves connections until the task is cancelled or the service
    /// group shuts down; then the listener closes, every connection with it, and `run` returns
    /// once all are done. A failure to bind or to accept is thrown, not swallowed.
    public func run() async throws {
        let server: NIOAsyncChannel<Accepted, Never>
        do {
            server = try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 4_096)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .childChannelOption(.writeBufferWaterMark, value: .init(low: 16 * 1024, high: 64 * 1024))
                .bind(host: host, port: requestedPort) { [limits, hub, registry] channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            ByteToMessageHandler(LineFrameDecoder(limit: WireProtocol.maximumFrameBytes)))
                        return try Self.wrap(channel, limits: limits, clock: hub.clock, registry: registry)
                    }
                }
        } catch {
            let failure = ListenerBindFailure(listener: .participants, host: host, port: requestedPort, underlying: error)
            bound.settle(.failure(failure))
            throw failure
        }
        bound.settle(.success(server.channel.localAddress?.port ?? requestedPort))
        let (hub, registry, limits) = (hub, registry, limits)
        try await withTaskCancellationOrGracefulShutdownHandler {
            try await withThrowingDiscardingTaskGroup { connections in
                try await server.executeThenClose { inbound in
                    for try await accepted in inbound {
                        connections.addTask {
                            await Self.serve(accepted, hub: hub, limits: limits)
                        }
                    }
                }
            }
        } onCancelOrGracefulShutdown: {
            server.channel.close(promise: nil)
            registry.closeAll()
        }
    }

    /// Wraps a channel whose pipeline reads protocol lines (TCP, or a WebSocket's text frames)
    /// for ``serve``: reading with backpressure, writing through a ``WireConnection``.
    /// The connection is counted here, as it arrives, so connections are admitted in the
    /// order they came whatever order their tasks run in.
    static func wrap(_ channel: any Channel, limits: Limits, clock: any SessionClock, registry: ConnectionRegistry) throws -> Accepted {
        let wrapped = try NIOAsyncChannel<ByteBuffer, ByteBuffer>(
            wrappingChannelSynchronously: channel,
            configuration: .init(backPressureStrategy: .init(lowWatermark: 4, highWatermark: 32)))
        let connection = WireConnection(channel: channel, backlogLimit: limits.replyBacklogBytes, clock: clock)
        try channel.pipeline.syncOperations.addHandler(WritabilityRelay(connection: connection))
        let (admitted, evicted) = registry.admit(connection)
        // Counted until its channel closes, even if it is never served (a server stopping).
        channel.closeFuture.whenComplete { _ in registry.remove(connection) }
        return Accepted(channel: wrapped, connection: connection, admitted: admitted, evicted: evicted)
    }

    /// One connection, from accept to close: requests answered in order, one at a time. The
    /// registry counted it in ``wrap`` and forgets it when its channel closes.
    static func serve(_ accepted: Accepted, hub: ParticipantHub, limits: Limits) async {
        let (channel, connection, admitted, evicted) = (accepted.channel, accepted.connection, accepted.admitted, accepted.evicted)
        let room = Localizer(hub.roomLanguage)
        evicted?.send(ServerMessage.error(WireError(.helloTimeout, Sentence(ConnectionPhrase.closedToMakeRoom), fatal: true)).localized(by: room))
        evicted?.close()
        if !admitted {
            let full = WireError(.serverFull, Sentence(ConnectionPhrase.serverFull), fatal: true, retryAfterSeconds: 60)
            connection.send(ServerMessage.error(full).localized(by: room))
            connection.close()
        }
        await withDiscardingTaskGroup { deadlines in
            deadlines.addTask { await closeUnlessJoined(connection, within: limits.helloDeadline, clock: hub.clock, room: room) }
            deadlines.addTask { await connection.cutOffWhenStalled(after: .nanoseconds(limits.stallDeadline.nanoseconds)) }
            await read(channel, connection: connection, hub: hub, admitted: admitted, room: room)
            deadlines.cancelAll()
        }
        await hub.disconnected(connection)
    }

    /// Tells a connection that has not joined within `deadline` why it is closed (in the room's
    /// language: it never said which it reads), and closes it.
    private static func closeUnlessJoined(_ connection: WireConnection, within deadline: TimeAmount, clock: any SessionClock,
                                          room: Localizer) async {
        do {
            try await clock.sleep(for: .nanoseconds(deadline.nanoseconds))
        } catch {
            return
        }
        guard !connection.hasJoined else { return }
        let sentence = Sentence(ConnectionPhrase.helloTimeout, ["count": .number(Int(deadline.nanoseconds / 1_000_000_000))])
        connection.send(ServerMessage.error(WireError(.helloTimeout, sentence, fatal: true)).localized(by: room))
        connection.close()
    }

    /// Reads the connection's requests until it closes, answering each before taking the next.
    private static func read(_ channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>, connection: WireConnection, hub: ParticipantHub,
                             admitted: Bool, room: Localizer) async {
        try? await channel.executeThenClose { inbound, _ in
            do {
                for try await line in inbound where admitted {
                    if line.readableBytesView.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                    connection.spoke()
                    await hub.receive(Data(line.readableBytesView), from: connection)
                    await connection.waitForRoom()
                }
            } catch is LineFrameDecoder.FrameTooLarge {
                let sentence = Sentence(ConnectionPhrase.tooLarge, ["kibibytes": .number(WireProtocol.maximumFrameBytes / 1024)])
                connection.send(ServerMessage.error(WireError(.tooLarge, sentence, fatal: true)).localized(by: room))
            } catch {
                // The peer went away; nothing to tell it.
            }
            // What was sent goes out first; the channel closes after it (or when the stall
            // watchdog cuts off a peer that does not read it).
            connection.close()
            try? await channel.channel.closeFuture.get()
        }
    }
}
