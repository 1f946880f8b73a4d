import Foundation

/// The rules for text people type: ideas and the facilitator's notes.
public enum IdeaText {
    /// The longest idea, in characters: a sentence or two, like a sticky note.
    public static let maximumLength = 500
    /// The longest note in a review field or action item.
    public static let maximumNoteLength = 2000
    /// Bytes (UTF-8) a text may weigh per character it may have: four, enough for any script and
    /// plain emoji. A character is what a person sees, and one can carry thousands of combining
    /// marks; counting characters alone would let one "letter" weigh 16 KB.
    public static let bytesPerCharacter = 4

    /// The most an idea may weigh in UTF-8 bytes.
    public static var maximumBytes: Int { maximumLength * bytesPerCharacter }

    /// `text` trimmed, or a refusal that says what to change. Control characters are kept as
    /// typed (nothing is lost); every output escapes them.
    public static func validated(_ text: String, limit: Int = maximumLength, field: Field = .idea) throws(Refusal) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let name = PhraseArgument.phrase(key: field.phraseKey)
        guard !trimmed.isEmpty else { throw Refusal(.invalidText, .textEmpty, ["field": name]) }
        let bytes = trimmed.utf8.count
        guard bytes <= limit * bytesPerCharacter else {
            throw Refusal(.invalidText, .textTooHeavy, ["field": name, "limit": .number(limit * bytesPerCharacter), "bytes": .number(bytes)])
        }
        guard trimmed.count <= limit else {
            throw Refusal(.invalidText, .textTooLong, ["field": name, "limit": .number(limit), "length": .number(trimmed.count)])
        }
        return trimmed
    }

    /// A short label such as a cluster name, owner or due date.
    public static func validatedLabel(_ text: String, field: Field, limit: Int = 80) throws(Refusal) -> String {
        try validated(text, limit: limit, field: field)
    }

    /// What a checked text is, as a refusal names it ("Owner: at most 80 characters").
    public enum Field: Sendable {
        case idea, clusterName, actionItem, owner, dueDate, text
        case benefits, concerns, assumption, smallestTest, successCriterion, reviewDate

        /// The field's name in the translation files (the review form's own labels where it has one).
        var phraseKey: String {
            switch self {
            case .idea: RefusalPhrase.fieldIdea.key
            case .clusterName: RefusalPhrase.fieldClusterName.key
            case .actionItem: RefusalPhrase.fieldActionItem.key
            case .owner: ConsolePhrase.fieldOwner.key
            case .dueDate: RefusalPhrase.fieldDueDate.key
            case .text: RefusalPhrase.fieldText.key
            case .benefits: ConsolePhrase.fieldBenefits.key
            case .concerns: ConsolePhrase.fieldConcerns.key
            case .assumption: ConsolePhrase.fieldAssumption.key
            case .smallestTest: ConsolePhrase.fieldSmallestTest.key
            case .successCriterion: ConsolePhrase.fieldSuccess.key
            case .reviewDate: ConsolePhrase.fieldReviewDate.key
            }
        }
    }
}
