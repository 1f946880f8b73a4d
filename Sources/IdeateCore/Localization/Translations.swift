/// Every translation file ideate carries, embedded in the binary (no file to install beside
/// it), read once. English comes from the template `ideate.pot` (its `msgid`s); a language's
/// file supplies its sentences, and anything it lacks falls back to English.
public final class Translations: Sendable {
    /// The files as built into ideate: every `.po` file in `Localization/Translations`, listed
    /// by the TranslationIndex build plugin (`embeddedFiles`). Adding a language is adding its file.
    public static let shared = Translations(
        template: String(decoding: PackageResources.ideate_pot, as: UTF8.self),
        files: embeddedFiles.map { String(decoding: $0, as: UTF8.self) })

    /// The English template: every key ideate uses, with its English text.
    public let template: TranslationFile
    /// The files by language code.
    public let files: [String: TranslationFile]
    /// Files that could not be read, with why (a test keeps this empty).
    public let problems: [String]

    public init(template text: String, files texts: [String]) {
        var problems: [String] = []
        do {
            template = try TranslationFile(parsing: text)
        } catch {
            problems.append("ideate.pot: \(error)")
            template = try! TranslationFile(parsing: "msgid \"\"\nmsgstr \"Language: en\\nPlural-Forms: nplurals=2; plural=(n != 1);\\n\"\n")
        }
        var files: [String: TranslationFile] = [:]
        for (index, text) in texts.enumerated() {
            do {
                let file = try TranslationFile(parsing: text)
                files[file.language] = file
            } catch {
                problems.append("file \(index + 1): \(error)")
            }
        }
        self.files = files
        self.problems = problems
    }

    /// English first, then the others by code.
    public var languages: [Language] {
        [.english] + files.keys.sorted().map(Language.init(code:))
    }

    func nativeName(of language: Language) -> String {
        switch language {
        case .english: "English"
        case .pseudo: "Pseudo"
        default: files[language.code]?.nativeName ?? language.code
        }
    }

    /// What a language lacks: keys of the template it has no translation for, and keys it has
    /// that the template does not (left over from an older version).
    public func missing(in language: Language) -> (untranslated: [String], unknown: [String]) {
        guard let file = files[language.code] else { return (template.entries.keys.sorted(), []) }
        let untranslated = template.entries.keys.filter { file.entries[$0]?.isTranslated != true }.sorted()
        let unknown = file.entries.keys.filter { template.entries[$0] == nil }.sorted()
        return (untranslated, unknown)
    }
}
