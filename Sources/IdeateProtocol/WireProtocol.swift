/// The participant protocol, version 1: one JSON object per line (PROTOCOL.md). Every message
/// names its `type`; every request carries a client-chosen `id` so a resend gets the first
/// answer. These are the numbers both ends hold to.
public enum WireProtocol {
    public static let version = 1
    /// The longest line a client may send, newline excluded.
    public static let maximumFrameBytes = 16 * 1024
    /// The longest line the server sends: the largest view a round can produce fits
    /// (`RoundCapacity`; a test builds that view and measures it).
    public static let maximumServerLineBytes = 5 * 1024 * 1024
    /// How many characters a request id may have.
    public static let requestIDLength = 1...64
    /// How much of a client's own input a refusal may quote back.
    public static let quotedInputLimit = 24
}

extension String {
    /// The start of a client's own text, short enough to quote back in a refusal: an answer
    /// never echoes a client's input at length.
    var quotedPrefix: String {
        count <= WireProtocol.quotedInputLimit ? self : String(prefix(WireProtocol.quotedInputLimit)) + "…"
    }
}
