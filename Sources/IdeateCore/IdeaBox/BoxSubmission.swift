/// What proves that someone wrote one box idea: the SHA-256 of a secret only the author's device
/// holds (64 lowercase hex digits). The portfolio keeps this and never the secret, so it can let
/// the author withdraw the idea (by showing the secret) and seal an off-board answer for the
/// author alone, yet cannot link two ideas to one author: every idea gets a fresh secret.
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
        Refusal(.invalidText, "There is no question “\(question.prefix(maximumQuestionIDLength))” in this box any more; choose another.")
    }

    /// A question id as a box file names it: 1 to 40 lowercase letters, digits and dashes.
    public static func isQuestionID(_ text: String) -> Bool {
        (1...maximumQuestionIDLength).contains(text.utf8.count)
            && text.utf8.allSatisfy { (0x61...0x7a).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2d }
    }
}
