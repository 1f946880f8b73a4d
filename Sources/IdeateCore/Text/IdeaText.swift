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
    public static func validated(_ text: String, limit: Int = maximumLength, what: String = "An idea") throws(Refusal) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw Refusal(.invalidText, "\(what) needs some text.") }
        let bytes = trimmed.utf8.count
        guard bytes <= limit * bytesPerCharacter else {
            throw Refusal(.invalidText, "\(what) can weigh at most \(limit * bytesPerCharacter) bytes; this one weighs \(bytes) (accents stacked on one letter and emoji weigh more than plain letters).")
        }
        guard trimmed.count <= limit else {
            throw Refusal(.invalidText, "\(what) can have at most \(limit) characters; this one has \(trimmed.count).")
        }
        return trimmed
    }

    /// A short label such as a cluster name, owner or due date.
    public static func validatedLabel(_ text: String, what: String, limit: Int = 80) throws(Refusal) -> String {
        try validated(text, limit: limit, what: what)
    }
}
