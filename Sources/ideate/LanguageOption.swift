import ArgumentParser
import Foundation
import IdeateCore

/// `--language CODE` on the commands whose output the room reads: it wins over the plan's
/// `language:`, which wins over the facilitator's locale (`LC_ALL`, `LC_MESSAGES`, `LANG`);
/// English when none of them names a language ideate has.
struct LanguageOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The room's language: en, de, es, fr or nl (en-XA: the pseudo-locale that finds untranslated text).",
        valueName: "code"))
    var language: String?

    func validate() throws { try Self.validate(language) }

    /// Refuses a `--language` naming no language ideate has (also `ideate join`'s own option).
    static func validate(_ code: String?) throws {
        guard let code, Language.named(code) == nil else { return }
        let codes = Language.available.map(\.code).joined(separator: ", ")
        throw ValidationError("--language should be one of \(codes) (or en-XA), not `\(code)`")
    }

    /// The language named with `--language`, if any.
    var chosen: Language? { language.flatMap(Language.named) }

    /// For a run about to start: the language chosen on the command line, else the plan's, else
    /// the facilitator's locale. (A run keeps it; what reads a run later takes the run's.)
    func resolved(plan: Language? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) -> Language {
        chosen ?? plan ?? Language.fromEnvironment(environment) ?? .english
    }
}
