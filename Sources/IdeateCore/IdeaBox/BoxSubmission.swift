/// What proves that someone wrote one idea: the SHA-256 of a secret only the author's device
/// holds (64 lowercase hex digits). The portfolio keeps this (in its receipts) and never the
/// secret, so it can let the author withdraw the idea (by showing the secret) and seal an
/// off-board answer for the author alone, yet cannot link two ideas to one author: every idea
/// gets a fresh secret.
public struct OwnershipProof: Hashable, Sendable, Codable, CustomStringConvertible {
    public let hex: String

    /// A proof as sent by a device: exactly 64 lowercase hex digits.
    public init?(hex: String) {
        guard hex.utf8.count == 64, hex.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else { return nil }
        self.hex = hex
    }

    /// The proof of `secret` (the device's secret for one idea, as it sends it to withdraw).
    public init(secret: String) { hex = TokenDigest.hex(of: secret) }

    public var description: String { hex }

    /// The receipt this proof is followed by: what fates are listed under, in public.
    public var receipt: ReceiptKey { ReceiptKey(proof: self) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let proof = OwnershipProof(hex: try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ownership proof")
        }
        self = proof
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}

/// The public name of one idea's receipt: the first 16 hex digits of SHA-256 of a context and
/// the proof. Fates are listed under it, so a device that knows its secret finds its idea's fate
/// among many without anyone learning the proof (which seals off-board answers) or the secret
/// (which withdraws the idea). 64 bits: a collision among a company's ideas is never expected.
public struct ReceiptKey: Hashable, Sendable, Codable, CustomStringConvertible {
    public let hex: String

    public init(proof: OwnershipProof) { hex = String(TokenDigest.hex(of: "ideate receipt v1 " + proof.hex).prefix(16)) }

    public init?(hex: String) {
        guard hex.utf8.count == 16, hex.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else { return nil }
        self.hex = hex
    }

    /// The number buckets are counted from: the key's first 32 bits.
    public var bucketValue: Int { Int(hex.prefix(8), radix: 16)! }

    public var description: String { hex }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let key = ReceiptKey(hex: text) else { throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a receipt key") }
        self = key
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}

/// An idea sent to the idea box, checked at the boundary: its text by the same rules as a
/// workshop idea, the question it answers (nil: "anything"), and its author's proof.
public struct BoxSubmission: Equatable, Sendable {
    /// The longest question id a box file may use.
    public static let maximumQuestionIDLength = 40

    public let text: String
    public let question: String?
    public let proof: OwnershipProof

    /// - Throws: ``Refusal`` with `.invalidText` saying what to change; nothing is kept.
    public init(text: String, question: String?, proof: OwnershipProof) throws(Refusal) {
        self.text = try IdeaText.validated(text)
        if let question, !Self.isQuestionID(question) { throw Self.unknownQuestion(question) }
        self.question = question
        self.proof = proof
    }

    /// The refusal of an idea for a question the box does not ask (or no longer asks).
    public static func unknownQuestion(_ question: String) -> Refusal {
        Refusal(.invalidText, .unknownQuestion, ["question": .text(String(question.prefix(maximumQuestionIDLength)))])
    }

    /// A question id as a box file names it: 1 to 40 lowercase letters, digits and dashes.
    public static func isQuestionID(_ text: String) -> Bool {
        (1...maximumQuestionIDLength).contains(text.utf8.count)
            && text.utf8.allSatisfy { (0x61...0x7a).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2d }
    }
}
