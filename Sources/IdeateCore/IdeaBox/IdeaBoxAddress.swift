/// Where the company's idea box answers, as people type it (`http://ideas.example.lan:7423/`):
/// what a workshop's end screen links to so that phones carry their ideas there, and what the
/// poster prints. Checked wherever it comes from (the box records it in the portfolio; a
/// facilitator may type one), since it ends up in a link and on paper.
public struct IdeaBoxAddress: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Long enough for any host and port, short enough for a QR code and a line of a poster.
    public static let maximumLength = 200

    public let text: String

    /// An `http://` or `https://` address of printable ASCII without spaces, a fragment (the
    /// page carries receipts there) or a query; nil otherwise.
    public init?(_ text: String) {
        guard text.hasPrefix("http://") || text.hasPrefix("https://"), text.utf8.count <= Self.maximumLength,
              text.utf8.allSatisfy({ (0x21...0x7E).contains($0) && $0 != UInt8(ascii: "#") && $0 != UInt8(ascii: "?") }),
              text.split(separator: "/", omittingEmptySubsequences: false).count >= 3,
              !text.split(separator: "/", omittingEmptySubsequences: false)[2].isEmpty else { return nil }
        self.text = text
    }

    public var description: String { text }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let address = IdeaBoxAddress(try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an idea box address")
        }
        self = address
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
