import Foundation
import IdeateCore
import IdeateProtocol

/// A participant served inside this process (an ssh session), and that session's screen's
/// ``ParticipantLink``: it talks to the hub with typed messages, no socket and no JSON in
/// between, and counts as a participant exactly like a TCP client — same code checks, limits,
/// answers after the commit, and views.
///
/// What the hub sends arrives on ``events``, bounded at ``eventLimit`` (the oldest give way).
/// The hub sends a view at most every 100 ms and one reply per request, and the screen moves
/// every event into its own inbox at once (where views merge), so the limit is never reached
/// by a participant who is there.
public final class LocalParticipant: ParticipantHub.Connection, ParticipantLink {
    /// Events that may wait unread.
    public static let eventLimit = 512

    /// Once the hub closed this participant (too many wrong codes), nothing joins again: the
    /// person opens a new session.
    public let canConnectAgain = false

    private let hub: ParticipantHub
    /// The language the person reads (from their ssh client's locale), asked for in the hello.
    private let language: Language?
    public let events: AsyncStream<ClientEvent>
    private let continuation: AsyncStream<ClientEvent>.Continuation
    private let state = Locked((token: String?.none, closed: false))

    public init(hub: ParticipantHub, language: Language? = nil) {
        self.hub = hub
        self.language = language
        (events, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(Self.eventLimit))
    }

    /// Joins with `code` (and the token of this session, once it has one).
    public func join(code: String) async {
        guard let token = state.withLock({ $0.closed ? nil : .some($0.token) }) else { return }
        await hub.receive(.hello(version: WireProtocol.version, code: code, token: token, language: language?.code), from: self)
    }

    /// Sends `request` with the screen's request id; the answer arrives on ``events``.
    public func send(_ request: ParticipantRequest, id: String) async {
        guard !state.withLock({ $0.closed }) else { return }
        await hub.receive(.request(id: id, request), from: self)
    }

    /// The session ended: the hub forgets this connection.
    public func leave() async {
        state.withLock { $0.closed = true }
        continuation.finish()
        await hub.disconnected(self)
    }

    // MARK: - What the hub calls

    public func send(_ message: ServerMessage) {
        switch message {
        case let .welcome(token, language):
            state.withLock { $0.token = token }
            continuation.yield(.connected(language: language))
        case let .reply(reply):
            continuation.yield(.reply(reply))
        case let .view(view):
            continuation.yield(.view(view))
        case let .error(problem):
            continuation.yield(.problem(problem))
        }
    }

    public func close() {
        state.withLock { $0.closed = true }
        continuation.finish()
    }

    public func joined() {}
}
