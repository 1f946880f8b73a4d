import Foundation
import NIOCore
import Synchronization

/// One TCP participant connection's outgoing side: what the hub sends waits here until the
/// peer takes it. Bounded by design: replies beyond ``ParticipantServer/Limits/replyBacklogBytes``
/// make the server stop reading that peer's requests (the reader waits in ``waitForRoom()``),
/// a view replaces the one not yet sent (only the newest matters), and a peer that leaves what
/// was sent unread past the stall deadline is cut off.
final class WireConnection: ParticipantHub.Connection {
    private struct State {
        var replies: [Data] = []
        var view: Data?
        /// Bytes queued or being written.
        var unsentBytes = 0
        var closing = false
        var hasSpoken = false
        var hasJoined = false
        var lastProgress: NIODeadline
        var writerWaiting: CheckedContinuation<Void, Never>?
        var readerWaiting: CheckedContinuation<Void, Never>?
    }

    let channel: any Channel
    let openedAt: NIODeadline
    private let backlogLimit: Int
    private let state: Mutex<State>

    init(channel: any Channel, backlogLimit: Int) {
        self.channel = channel
        self.backlogLimit = backlogLimit
        openedAt = .now()
        state = Mutex(State(lastProgress: .now()))
    }

    // MARK: - What the hub calls

    func send(_ message: ServerMessage) {
        let line = message.encodedLine()
        let isView = if case .view = message { true } else { false }
        let writer = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.closing else { return nil }
            if isView {
                state.unsentBytes += line.count - (state.view?.count ?? 0)
                state.view = line
            } else {
                state.unsentBytes += line.count
                state.replies.append(line)
            }
            defer { state.writerWaiting = nil }
            return state.writerWaiting
        }
        writer?.resume()
    }

    func close() {
        let waiting = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.closing = true
            defer { state.writerWaiting = nil; state.readerWaiting = nil }
            return [state.writerWaiting, state.readerWaiting].compactMap { $0 }
        }
        for continuation in waiting { continuation.resume() }
    }

    func joined() { state.withLock { $0.hasJoined = true } }

    var hasJoined: Bool { state.withLock { $0.hasJoined } }

    /// The peer has sent a line: it is not an idle socket, even if its hello is still waiting.
    func spoke() { state.withLock { $0.hasSpoken = true } }

    var hasSpoken: Bool { state.withLock { $0.hasSpoken } }

    // MARK: - The connection's own loops

    /// Writes everything sent until the connection closes, waiting for the peer to read (the
    /// outbound writer suspends while the channel is not writable); then closes the channel.
    func writeAll(to outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) async {
        do {
            while let batch = await nextBatch() {
                for line in batch {
                    try await outbound.write(ByteBuffer(bytes: line))
                    wrote(line.count)
                }
            }
        } catch {
            // The peer went away or was cut off; nothing more can reach it.
        }
        close()
        try? await channel.close()
    }

    /// Returns once the replies waiting for this peer are below the limit (or it closes): the
    /// reader calls this before taking the next request, so a peer that does not read its
    /// answers stops being read, and NIO stops reading its socket.
    func waitForRoom() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let now = state.withLock { state -> Bool in
                if state.closing || state.unsentBytes <= backlogLimit { return true }
                state.readerWaiting = continuation
                return false
            }
            if now { continuation.resume() }
        }
    }

    /// Whether what was sent has waited unread since before `deadline`.
    func isStalled(since deadline: NIODeadline) -> Bool {
        state.withLock { $0.unsentBytes > 0 && $0.lastProgress < deadline }
    }

    private func nextBatch() async -> [Data]? {
        while true {
            let taken = state.withLock { state -> [Data]? in
                var batch = state.replies
                if let view = state.view { batch.append(view) }
                state.replies = []
                state.view = nil
                if batch.isEmpty && state.closing { return nil }
                return batch
            }
            guard let taken else { return nil }
            if !taken.isEmpty { return taken }
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now = state.withLock { state -> Bool in
                    if state.closing || !state.replies.isEmpty || state.view != nil { return true }
                    state.writerWaiting = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        }
    }

    private func wrote(_ count: Int) {
        let reader = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.unsentBytes -= count
            state.lastProgress = .now()
            guard state.unsentBytes <= backlogLimit else { return nil }
            defer { state.readerWaiting = nil }
            return state.readerWaiting
        }
        reader?.resume()
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

    private let state = Mutex(State())
    private let maximum: Int
    private let maximumUnjoined: Int

    init(maximum: Int, maximumUnjoined: Int) {
        self.maximum = maximum
        self.maximumUnjoined = maximumUnjoined
    }

    /// Adds `connection`; false when the server is full. May return a connection that has
    /// waited longest without joining, to be closed.
    func admit(_ connection: WireConnection) -> (admitted: Bool, evicted: WireConnection?) {
        state.withLock { state in
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
        state.withLock { state in
            let key = ObjectIdentifier(connection)
            state.open[key] = nil
            state.waitingForHello.removeAll { $0 == key }
        }
    }

    var count: Int { state.withLock { $0.open.count } }

    /// Closes every connection now, also one whose writer waits for a peer that does not read.
    func closeAll() {
        for connection in state.withLock({ Array($0.open.values) }) {
            connection.close()
            connection.channel.close(promise: nil)
        }
    }
}
