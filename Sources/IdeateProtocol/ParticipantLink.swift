/// A participant's way to the workshop, whatever carries it: the network client of
/// `ideate join`, or a participant served inside the server for an ssh session. A participant's
/// screen speaks to it with the protocol's own types and neither knows nor cares which.
public protocol ParticipantLink: Sendable {
    /// What the server says and how the connection fares, in order; finishes when the link is
    /// closed for good.
    var events: AsyncStream<ClientEvent> { get }
    /// Whether ``join(code:)`` connects again after the server closed the connection for too
    /// many wrong codes. The network client does; a participant inside the server cannot, and
    /// its person must open a new session.
    var canConnectAgain: Bool { get }
    /// Sends `request` with the caller's `id` for it; its ``Reply`` arrives on ``events``.
    func send(_ request: ParticipantRequest, id: String) async
    /// Joins (again) with `code`: ``ClientEvent/connected`` follows, or a problem.
    func join(code: String) async
}
