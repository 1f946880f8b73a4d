import Foundation
import IdeateCore
import IdeateProtocol
import IdeateRuntime
import NIOCore
import NIOConcurrencyHelpers

/// One TCP participant connection's outgoing side: what the hub sends waits here until the
/// channel can take it. Bounded by design: replies beyond ``ParticipantServer/Limits/replyBacklogBytes``
/// make the server stop reading that peer's requests (the reader waits in ``waitForRoom()``),
/// a view replaces the one not yet sent (only the newest matters), and a peer that leaves what
/// was sent unread past the stall deadline is cut off (``cutOffWhenStalled(after:)``, which
/// sleeps on the session clock until the deadline and is woken when bytes find the channel full).
///
/// What is queued is handed to the channel on its event loop, while the channel is writable
/// (NIO's own buffer stays below its high-water mark); when it becomes writable again
/// (``WritabilityRelay``) the rest follows. No task per connection: a reply reaches the socket
/// in one hop to the event loop.
final class WireConnection: ParticipantHub.Connection {
    private struct State {
        var replies: [Data] = []
        var view: Data?
        /// Bytes queued here, not yet handed to the channel.
        var unsentBytes = 0
        var closing = false
        /// The channel is closed or its close is under way: nothing more is written.
        var finished = false
        /// A drain is scheduled on the event loop and has not run yet.
        var drainScheduled = false
        var hasSpoken = false
        var hasJoined = false
        /// When the channel last took what was queued.
        var lastProgress: Instant
        var readerWaiting: CheckedContinuation<Void, Never>?

        /// Marks a drain as scheduled; true if the caller must schedule it (none is pending yet).
        mutating func scheduleDrain() -> Bool {
            guard !drainScheduled, !finished else { return false }
            drainScheduled = true
            return true
        }
    }

    let channel: any Channel
    private let backlogLimit: Int
    private let clock: any SessionClock
    private let state: NIOLockedValueBox<State>
    /// Rung when queued bytes find the channel full (the peer is not reading), for the stall
    /// watch; never on the usual path, where the channel takes them at once.
    private let startedWaiting = Wakeup()

    init(channel: any Channel, backlogLimit: Int, clock: any SessionClock) {
        self.channel = channel
        self.backlogLimit = backlogLimit
        self.clock = clock
        state = NIOLockedValueBox(State(lastProgress: clock.now))
    }

    // MARK: - What the hub calls

    func send(_ message: ServerMessage) {
        let line = message.encodedLine()
        let isView = if case .view = message { true } else { false }
        let schedule = state.withLockedValue { state -> Bool in
            guard !state.closing else { return false }
            if isView {
                state.unsentBytes += line.count - (state.view?.count ?? 0)
                state.view = line
            } else {
                state.unsentBytes += line.count
                state.replies.append(line)
            }
            return state.scheduleDrain()
        }
        if schedule { channel.eventLoop.execute { self.drain() } }
    }

    /// Closes after what was sent so far.
    func close() {
        let (reader, schedule) = state.withLockedValue { state -> (CheckedContinuation<Void, Never>?, Bool) in
            guard !state.closing else { return (nil, false) }
            state.closing = true
            defer { state.readerWaiting = nil }
            return (state.readerWaiting, state.scheduleDrain())
        }
        reader?.resume()
        if schedule { channel.eventLoop.execute { self.drain() } }
    }

    func joined() { state.withLockedValue { $0.hasJoined = true } }

    var hasJoined: Bool { state.withLockedValue { $0.hasJoined } }

    /// The peer has sent a line: it is not an idle socket, even if its hello is still waiting.
    func spoke() { state.withLockedValue { $0.hasSpoken = true } }

    var hasSpoken: Bool { state.withLockedValue { $0.hasSpoken } }

    // MARK: - The event loop's side

    /// Hands what is queued to the channel while it is writable (everything once closing: the
    /// backlog bounds it), then closes the channel after the last byte if closing. Runs on the
    /// channel's event loop.
    func drain() {
        let writable = channel.isWritable
        let (batch, closeNow, reader, stuck) = state.withLockedValue { state -> ([Data], Bool, CheckedContinuation<Void, Never>?, Bool) in
            state.drainScheduled = false
            guard !state.finished else { return ([], false, nil, false) }
            guard writable || state.closing else { return ([], false, nil, state.unsentBytes > 0) }
            var batch = state.replies
            if let view = state.view { batch.append(view) }
            state.replies = []
            state.view = nil
            if !batch.isEmpty {
                state.unsentBytes = 0
                state.lastProgress = clock.now
            }
            if state.closing { state.finished = true }
            defer { state.readerWaiting = nil }
            return (batch, state.closing, state.readerWaiting, false)
        }
        if stuck { startedWaiting.ring() }
        reader?.resume()
        guard !batch.isEmpty || closeNow else { return }
        for line in batch.dropLast() {
            channel.write(ByteBuffer(bytes: line), promise: nil)
        }
        // The last write (an empty one when closing with nothing left: writes complete in
        // order, so it completes after what an earlier drain handed over).
        let last = batch.last.map { ByteBuffer(bytes: $0) } ?? ByteBuffer()
        if closeNow {
            let written = channel.eventLoop.makePromise(of: Void.self)
            channel.writeAndFlush(last, promise: written)
            let channel = self.channel
            written.futureResult.whenComplete { _ in channel.close(promise: nil) }
        } else {
            channel.writeAndFlush(last, promise: nil)
        }
    }

    /// The channel has closed: nothing more can reach the peer.
    func channelClosed() {
        let reader = state.withLockedValue { state -> CheckedContinuation<Void, Never>? in
            state.closing = true
            state.finished = true
            defer { state.readerWaiting = nil }
            return state.readerWaiting
        }
        reader?.resume()
    }

    // MARK: - The reader's side

    /// Returns once the replies waiting for this peer are below the limit (or it closes): the
    /// reader calls this before taking the next request, so a peer that does not read its
    /// answers stops being read, and NIO stops reading its socket.
    func waitForRoom() async {
        if state.withLockedValue({ $0.closing || $0.unsentBytes <= backlogLimit }) { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let now = state.withLockedValue { state -> Bool in
                if state.closing || state.unsentBytes <= backlogLimit { return true }
                state.readerWaiting = continuation
                return false
            }
            if now { continuation.resume() }
        }
    }

    /// Closes the connection once what was sent has waited unread for `deadline` (the channel
    /// took nothing in that time), and returns then or when the calling task is cancelled.
    /// Sleeps until the deadline of what waits, or until queued bytes find the channel full: no
    /// polling, and nothing at all while the peer reads.
    func cutOffWhenStalled(after deadline: Duration) async {
        while !Task.isCancelled {
            let waitingSince = state.withLockedValue { $0.unsentBytes > 0 && !$0.finished ? $0.lastProgress : nil }
            guard let waitingSince else {
                await startedWaiting.wait()
                continue
            }
            let due = waitingSince.advanced(by: deadline)
            if clock.now >= due {
                // What was sent sits unread: nothing more can reach this peer in time.
                close()
                channel.close(promise: nil)
                return
            }
            await startedWaiting.wait(until: due, on: clock)
        }
    }
}

/// Tells a connection when its channel can take more again (after its peer read what was
/// waiting), and when the channel has closed.
final class WritabilityRelay: ChannelInboundHandler, Sendable {
    typealias InboundIn = Any
    let connection: WireConnection

    init(connection: WireConnection) { self.connection = connection }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable { connection.drain() }
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        connection.channelClosed()
        context.fireChannelInactive()
    }
}

/// Every open participant connection, for the server's caps: at most so many in all, and at
/// most so many that have not joined yet. To make room, the oldest connection that has not
/// said anything is closed (only if none is silent, the oldest unjoined one): idle sockets can
/// never keep out a newcomer whose hello is on its way.
final class ConnectionRegistry: Sendable {
    private struct State {
        var open: [ObjectIdentifier: WireConnection] = [:]
        var waitingForHello: [ObjectIdentifier] = []
    }

    private let state = NIOLockedValueBox(State())
    private let maximum: Int
    private let maximumUnjoined: Int

    init(maximum: Int, maximumUnjoined: Int) {
        self.maximum = maximum
        self.maximumUnjoined = maximumUnjoined
    }

    /// Adds `connection`; false when the server is full. May return a connection that has
    /// waited longest without joining, to be closed.
    func admit(_ connection: WireConnection) -> (admitted: Bool, evicted: WireConnection?) {
        state.withLockedValue { state in
            guard state.open.count < maximum else { return (false, nil) }
            let key = ObjectIdentifier(connection)
            state.open[key] = connection
            state.waitingForHello.removeAll { state.open[$0]?.hasJoined ?? true }
            state.waitingForHello.append(key)
            guard state.waitingForHello.count > maximumUnjoined else { return (true, nil) }
            let index = state.waitingForHello.firstIndex { state.open[$0]?.hasSpoken == false } ?? 0
            return (true, state.open[state.waitingForHello.remove(at: index)])
        }
    }

    func remove(_ connection: WireConnection) {
        state.withLockedValue { state in
            let key = ObjectIdentifier(connection)
            state.open[key] = nil
            state.waitingForHello.removeAll { $0 == key }
        }
    }

    var count: Int { state.withLockedValue { $0.open.count } }

    /// Closes every connection now, also one whose writer waits for a peer that does not read.
    func closeAll() {
        for connection in state.withLockedValue({ Array($0.open.values) }) {
            connection.close()
            connection.channel.close(promise: nil)
        }
    }
}
