import Foundation

/// The rules for text people type: ideas and the facilitator's notes.
public enum IdeaText {
    /// The longest idea, in characters: a sentence or two, like a sticky note.
    public static let maximumLength = 500
    /// The longest note in a review field or action item.
    public static let maximumNoteLength = 2000

    /// `text` trimmed, or a refusal that says what to change. Control characters are kept as
    /// typed (nothing is lost); every output escapes them.
    public static func validated(_ text: String, limit: Int = maximumLength, what: String = "An idea") throws(Refusal) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw Refusal(.invalidText, "\(what) needs some text.") }
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
