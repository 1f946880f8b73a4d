import IdeateProtocol

/// `ideate join`'s way to the workshop: the participant's screen talks to the network client
/// directly.
extension ParticipantClient: ParticipantLink {
    /// After too many wrong codes closed the connection, ``join(code:)`` opens a new one.
    public nonisolated var canConnectAgain: Bool { true }

    /// Sends `request` with the screen's `id`; it is sent again on every new connection until
    /// the server answers it.
    public func send(_ request: ParticipantRequest, id: String) {
        send(request, id: Optional(id))
    }
}
