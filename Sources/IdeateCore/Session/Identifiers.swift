/// The opaque secret a participant's client holds. It never leaves the server's memory: the run
/// file and every export see only values derived from it (``Pseudonym``, ``OwnerTag``).
public struct ParticipantToken: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    /// The participant as the event log knows them: enough for vote budgets, nothing more.
    /// Derived once here, as every command of this participant needs it.
    public let pseudonym: Pseudonym

    public init(_ rawValue: String) {
        self.rawValue = rawValue
        pseudonym = Pseudonym(TokenDigest.hex(of: "ideate.participant:" + rawValue).prefix(24))
    }

    /// Proof that this participant wrote `idea`, different for every idea so that two tags
    /// cannot be linked to each other or to a person without the token.
    public func ownerTag(for idea: IdeaID) -> OwnerTag {
        OwnerTag(TokenDigest.hex(of: "ideate.owner:" + rawValue + ":" + idea.rawValue).prefix(24))
    }

    /// The tag that marks the idea this participant submitted with request id `key`.
    public func requestTag(for key: String) -> OwnerTag {
        OwnerTag(TokenDigest.hex(of: "ideate.request:" + rawValue + ":" + key).prefix(24))
    }

    public var description: String { "token(…)" }

    public static func == (lhs: ParticipantToken, rhs: ParticipantToken) -> Bool { lhs.rawValue == rhs.rawValue }

    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
}

/// A one-way name for a participant, stored with votes so budgets survive a restart.
public struct Pseudonym: Hashable, Codable, Sendable {
    public let rawValue: String

    public init<S: StringProtocol>(_ rawValue: S) { self.rawValue = String(rawValue) }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// A per-idea proof of authorship; see ``ParticipantToken/ownerTag(for:)``.
public struct OwnerTag: Hashable, Codable, Sendable {
    public let rawValue: String

    public init<S: StringProtocol>(_ rawValue: S) { self.rawValue = String(rawValue) }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// An idea's id: short, random (so it reveals nothing about submission order) and readable.
public struct IdeaID: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// Letters and digits without look-alikes (no 0/o, 1/l/i).
    static let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")

    static func random(using random: inout some RandomNumberGenerator) -> IdeaID {
        IdeaID(String((0..<5).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }))
    }

    public static func < (lhs: IdeaID, rhs: IdeaID) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
