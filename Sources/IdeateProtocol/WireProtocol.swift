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
    /// The longest language tag a hello may carry (BCP 47's longest common forms fit).
    public static let maximumLanguageTagLength = 35

    /// Whether `text` has the shape of a language tag (`fr`, `de-AT`, `pt_BR`): letters, digits
    /// and dashes or underscores, within ``maximumLanguageTagLength``.
    public static func isLanguageTag(_ text: String) -> Bool {
        (1...maximumLanguageTagLength).contains(text.utf8.count)
            && text.utf8.allSatisfy { $0.isASCIILetterOrDigit || $0 == 0x2D || $0 == 0x5F }
    }
}

extension String {
    /// The start of a client's own text, short enough to quote back in a refusal: an answer
    /// never echoes a client's input at length.
    var quotedPrefix: String {
        count <= WireProtocol.quotedInputLimit ? self : String(prefix(WireProtocol.quotedInputLimit)) + "…"
    }
}

extension UInt8 {
    fileprivate var isASCIILetterOrDigit: Bool { (0x30...0x39).contains(self) || (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self) }
}
