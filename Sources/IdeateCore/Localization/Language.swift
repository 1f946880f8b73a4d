import Foundation

/// A language the room can read: its code (BCP 47: "de", "fr", "en-XA" for the pseudo-locale),
/// its own name for the language switch, and the locale its numbers and dates are written in.
/// Chosen by the plan's `language:` for the room, and per participant by their browser's
/// `Accept-Language`, their terminal's `LANG`/`LC_*` or the switch on the page.
public struct Language: Hashable, Sendable, CustomStringConvertible {
    public let code: String

    public init(code: String) { self.code = code }

    public static let english = Language(code: "en")
    /// The pseudo-locale: every sentence accented, about 35 % longer and in brackets, to find
    /// text that is not translated or is cut off.
    public static let pseudo = Language(code: "en-XA")

    public var description: String { code }

    /// The two-letter language without a region ("de" for "de-AT").
    public var base: String { String(code.prefix(while: { $0 != "-" })) }

    /// The locale whose conventions numbers and dates follow.
    public var locale: Locale { Locale(identifier: self == .pseudo ? "en" : code) }

    /// The language's name in itself ("Deutsch", "Français").
    public var nativeName: String { Translations.shared.nativeName(of: self) }

    /// The languages with a translation file, English first and the pseudo-locale left out.
    public static var available: [Language] { Translations.shared.languages }

    /// Every language a plan or a command line may name: those with a file, and the pseudo-locale.
    public static var selectable: [Language] { available + [pseudo] }

    /// The language whose code is exactly `code` (any case), as `language:` and `--language`
    /// name it; nil when ideate has none by that code.
    public static func named(_ code: String) -> Language? {
        selectable.first { $0.code.lowercased() == code.lowercased() }
    }

    /// The language a locale name or tag asks for, if ideate has it: "de_DE.UTF-8", "fr-BE",
    /// "nl", "en-XA". "C" and "POSIX" ask for none.
    public static func matching(_ tag: String) -> Language? {
        let cleaned = tag.split(separator: ".").first.map(String.init)?
            .split(separator: "@").first.map(String.init)?
            .replacingOccurrences(of: "_", with: "-").trimmingCharacters(in: .whitespaces) ?? ""
        guard !cleaned.isEmpty, cleaned != "C", cleaned != "POSIX" else { return nil }
        if cleaned.lowercased() == pseudo.code.lowercased() { return .pseudo }
        let base = cleaned.prefix(while: { $0 != "-" }).lowercased()
        return available.first { $0.code == base }
    }

    /// The first language of an HTTP `Accept-Language` header ideate has, by the weights given.
    public static func preferred(byAcceptLanguage header: String) -> Language? {
        let ranges = header.split(separator: ",").enumerated().compactMap { index, part -> (tag: String, weight: Double, index: Int)? in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first, !tag.isEmpty, tag.count <= 35 else { return nil }
            let weight = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return weight > 0 ? (tag, weight, index) : nil
        }
        return ranges.prefix(20).sorted { $0.weight == $1.weight ? $0.index < $1.index : $0.weight > $1.weight }
            .lazy.compactMap { matching($0.tag) }.first
    }

    /// The language of a process's locale environment, in POSIX order: `LC_ALL`, then
    /// `LC_MESSAGES`, then `LANG` (and `LANGUAGE`'s first entry before them, as gettext reads it).
    public static func fromEnvironment(_ environment: [String: String]) -> Language? {
        if let list = environment["LANGUAGE"], let first = list.split(separator: ":").first, let language = matching(String(first)) {
            return language
        }
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            return matching(value)
        }
        return nil
    }
}
