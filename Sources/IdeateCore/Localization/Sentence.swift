/// A sentence for a person, kept typed until the moment it is shown: a phrase and its
/// arguments, written in the reader's language by ``Localizer/callAsFunction(_:)-(Sentence)``.
/// Rules refuse, and servers answer, with sentences rather than strings, so each reader gets
/// their own language (the projector the room's, a phone its owner's). Text that arrives
/// already written (from the wire) is a literal.
public struct Sentence: Sendable, Equatable, CustomStringConvertible, ExpressibleByStringLiteral {
    enum Content: Sendable, Equatable {
        case phrase(key: String, arguments: [String: PhraseArgument])
        case literal(String)
    }

    let content: Content

    public init(_ phrase: some Phrase, _ arguments: [String: PhraseArgument] = [:]) {
        content = .phrase(key: phrase.key, arguments: arguments)
    }

    /// Text already written for its reader (a sentence read from the wire).
    public init(literal text: String) { content = .literal(text) }

    public init(stringLiteral value: String) { content = .literal(value) }

    /// The phrase's key, for tests and for programs that act on which sentence it is.
    public var key: String? {
        if case let .phrase(key, _) = content { return key }
        return nil
    }

    /// The sentence in English (logs, the facilitator's command line).
    public var description: String { Localizer.english(self) }
}

extension Localizer {
    /// The sentence in this language.
    public func callAsFunction(_ sentence: Sentence) -> String {
        switch sentence.content {
        case let .phrase(key, arguments): text(forKey: key, arguments)
        case let .literal(text): text
        }
    }
}
