import IdeateCore

/// Where a participant's connection to the workshop stands, as their screen tells them: the
/// state a participant's front end keeps from its ``ClientEvent``s.
public enum ConnectionState: Equatable, Sendable {
    /// Not joined yet, on the way.
    case connecting
    /// Joined.
    case connected
    /// The connection dropped and is being made again; the reason is for people.
    case reconnecting(Sentence)
    /// Connected, waiting for a join code that is right.
    case notJoined
    /// The server ended the connection for good (a locked room, too many wrong codes…).
    case closed
}
