import Foundation

/// An idea a workshop did not turn into an experiment, kept so that it can come back: a later
/// workshop may have it again (the report counts how often), or someone may promote it to an
/// experiment.
public struct BacklogIdea: Codable, Equatable, Sendable, Identifiable {
    /// Why the idea is in the backlog.
    public enum Kind: String, Codable, CaseIterable, Sendable {
        /// On the wall, not shortlisted.
        case idea
        /// Parked by the facilitator as off topic, kept for later.
        case parked
        /// Shortlisted, but the group agreed no experiment for it.
        case shortlisted
    }

    public let id: BacklogIdeaID
    public var text: String
    public var kind: Kind
    public var workshop: RunIdentity?
    /// 1 for the workshop's first round.
    public var round: Int?
    /// The experiment it became, once promoted.
    public var promotedTo: ExperimentID?

    public init(id: BacklogIdeaID, text: String, kind: Kind, workshop: RunIdentity? = nil, round: Int? = nil, promotedTo: ExperimentID? = nil) {
        self.id = id
        self.text = text
        self.kind = kind
        self.workshop = workshop
        self.round = round
        self.promotedTo = promotedTo
    }

    /// The text by which ideas count as the same idea coming back; see ``IdeaFingerprint``.
    public var fingerprint: String { IdeaFingerprint.of(text) }
}

/// Makes two typings of the same idea equal: case, accents, punctuation and spacing are
/// ignored ("Retire the weekly report!" and "retire the  Weekly report" match), nothing else.
public enum IdeaFingerprint {
    public static func of(_ text: String) -> String {
        if let ascii = asciiWords(text) { return ascii }
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var words: [String] = []
        var word = ""
        for character in folded {
            if character.isLetter || character.isNumber {
                word.append(character)
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        // Text without a letter or digit ("---") keeps its own spelling rather than matching all such text.
        return words.isEmpty ? folded.trimmingWhitespace : words.joined(separator: " ")
    }

    /// The same answer for plain ASCII text, without Foundation's folding: most ideas are
    /// ASCII, and a portfolio report fingerprints tens of thousands of them. Nil for any other
    /// text, and for text without a letter or digit.
    private static func asciiWords(_ text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            guard byte < 0x80 else { return nil }
            let lower = (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
            if (0x61...0x7A).contains(lower) || (0x30...0x39).contains(lower) {
                if pendingSpace, !bytes.isEmpty { bytes.append(0x20) }
                pendingSpace = false
                bytes.append(lower)
            } else {
                pendingSpace = true
            }
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }
}
