/// A sentence the room reads, named by its key in the translation files. Each area of the
/// product lists its phrases in one enum (``MinutesPhrase``, …): the key is the enum's
/// `namespace`, a dot and the case's name ("minutes.noActionItems"), and a test checks that
/// every case has its entry in the template and every entry a case.
public protocol Phrase: RawRepresentable, CaseIterable, Sendable where RawValue == String {
    static var namespace: String { get }
}

extension Phrase {
    public var key: String { Self.namespace + "." + rawValue }
}

/// A value for a named placeholder of a phrase (`{count}`, `{title}`): numbers are written in
/// the language's own format, and `count` chooses the plural form; a phrase argument is a word
/// of ideate's own (a field's name) written in the same language as the sentence around it.
public enum PhraseArgument: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case text(String)
    case number(Int)
    case phrase(key: String)

    public static func phrase(_ phrase: some Phrase) -> PhraseArgument { .phrase(key: phrase.key) }

    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .number(value) }
}

/// Every phrase enum ideate has: what the template must hold, no more and no less
/// (`TranslationFileTests` checks both ways).
public enum Phrases {
    public static let all: [any Phrase.Type] = [CommonPhrase.self, MinutesPhrase.self, ConsolePhrase.self, RefusalPhrase.self, ConnectionPhrase.self, ParticipantPhrase.self, PagePhrase.self, BoxPhrase.self, PortfolioPhrase.self]

    /// The keys of every phrase.
    public static var keys: [String] {
        all.flatMap { type in keys(of: type) }
    }

    private static func keys<P: Phrase>(of type: P.Type) -> [String] { P.allCases.map(\.key) }
}
