import IdeateCore

/// What a participant's client hears, whichever way it reaches the workshop (``ParticipantLink``):
/// its connection coming and going, and what the server sends.
public enum ClientEvent: Sendable, Equatable {
    /// Joined: the server said welcome, speaking `language` (a code such as `fr`) to this
    /// participant; nil from a server that does not say.
    case connected(language: String?)
    /// The connection dropped (the reason, for people); the client is reconnecting by itself.
    case reconnecting(Sentence)
    case view(ParticipantView)
    case reply(Reply)
    /// The server refused the connection or a message. The client stops after a wrong code,
    /// a locked or full room, another protocol version or a fatal error (see
    /// ``WireError/stopsClient``); after a rate limit it tries again by itself when the server
    /// says.
    case problem(WireError)
}
