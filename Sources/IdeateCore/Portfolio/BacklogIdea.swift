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
}
