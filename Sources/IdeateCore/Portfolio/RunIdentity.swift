/// Which run a workshop in the portfolio is, so that adding the same run again (by hand after
/// the console already added it, or from a copy of the file) changes nothing. A run file made
/// by this version keeps a random identity from its creation; an older file is identified by a
/// digest of its plan and its first stored event, which no other run shares.
public struct RunIdentity: Hashable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// A new identity: 32 hex digits from `random`.
    public static func random(using random: inout some RandomNumberGenerator) -> RunIdentity {
        let digits = Array("0123456789abcdef")
        return RunIdentity(String((0..<32).map { _ in digits[Int(random.next() % 16)] }))
    }

    /// The identity of a run file written before runs carried one: `digest-` and the SHA-256
    /// of its stored plan and first event, exactly as stored.
    public static func derived(storedPlan: String, firstStoredEvent: String) -> RunIdentity {
        RunIdentity("digest-" + TokenDigest.hex(of: storedPlan + "\n" + firstStoredEvent).prefix(32))
    }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
}
