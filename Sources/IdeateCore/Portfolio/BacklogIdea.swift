import Foundation

/// An idea waiting in the portfolio: one a workshop did not turn into an experiment, or one
/// that came in through the idea box. It is kept so that it can come back (a later workshop may
/// have it again, and the report counts how often), be reviewed (kept, merged, promoted to an
/// experiment, taken to a workshop or declined, with an answer to its author), and be followed
/// by its author, who is never named.
public struct BacklogIdea: Codable, Equatable, Sendable, Identifiable {
    /// Why the idea is in the backlog.
    public enum Kind: String, Codable, CaseIterable, Sendable {
        /// On the wall, not shortlisted.
        case idea
        /// Parked by the facilitator as off topic, kept for later.
        case parked
        /// Shortlisted, but the group agreed no experiment for it.
        case shortlisted
        /// Sent to the idea box, outside any workshop.
        case box
    }

    public let id: BacklogIdeaID
    public var text: String
    public var kind: Kind
    public var workshop: RunIdentity?
    /// 1 for the workshop's first round.
    public var round: Int?
    /// For a box idea: the week it arrived (nothing finer is kept) and the question it answers
    /// (nil: the open question).
    public var arrivalWeek: ArrivalWeek?
    public var question: String?
    /// What the review decided; see ``IdeaFate``.
    public var fate: IdeaFate
    /// The reviewer's answer to the author, if any.
    public var answer: ReviewAnswer?
    /// Whether the idea may be shown to everyone ("You said, we did"); when not, only its
    /// author sees it (its fate is sent sealed under its receipt).
    public var onBoard: Bool

    public init(id: BacklogIdeaID, text: String, kind: Kind, workshop: RunIdentity? = nil, round: Int? = nil, promotedTo: ExperimentID? = nil,
                arrivalWeek: ArrivalWeek? = nil, question: String? = nil, fate: IdeaFate? = nil, answer: ReviewAnswer? = nil,
                onBoard: Bool = true) {
        self.id = id
        self.text = text
        self.kind = kind
        self.workshop = workshop
        self.round = round
        self.arrivalWeek = arrivalWeek
        self.question = question
        self.fate = promotedTo.map(IdeaFate.promoted) ?? fate ?? (kind == .box ? .new : .kept)
        self.answer = answer
        self.onBoard = onBoard
    }

    /// Whether its author has anything to learn beyond what their device knows from sending it
    /// (new in the box, or kept from its workshop, and unanswered).
    public var hasNews: Bool { answer != nil || fate != (kind == .box ? .new : .kept) }

    /// The experiment it became, once promoted.
    public var promotedTo: ExperimentID? {
        if case let .promoted(experiment) = fate { experiment } else { nil }
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
