import Foundation
import IdeateCore
import IdeateTestSupport
import Testing

/// The translation files as a translator hands them in: readable, complete, with the
/// placeholders the code fills, and each one built into ideate.
@Suite("Translation files", .offThePool)
struct TranslationFileTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../Sources/IdeateCore/Localization/Translations").standardized

    @Test("Every file ideate carries reads without a problem, and every .po in the folder is carried")
    func everyFileIsRead() throws {
        #expect(Translations.shared.problems.isEmpty, "\(Translations.shared.problems)")
        let inFolder = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
            .filter { $0.hasSuffix(".po") }.map { String($0.dropLast(3)) }.sorted()
        #expect(inFolder == Translations.shared.files.keys.sorted(),
                "every .po file in the folder is built in (the TranslationIndex plugin lists them)")
        #expect(Language.available.map(\.code) == ["en", "de", "es", "fr", "nl"])
        #expect(Language.available.map(\.nativeName) == ["English", "Deutsch", "Español", "Français", "Nederlands"])
    }

    @Test("gettext's msgfmt --check passes every file: syntax, header, plural forms and each {placeholder} against English's")
    func msgfmtAgrees() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".po") || $0.hasSuffix(".pot") }
        #expect(files.count == 5)
        for file in files {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["msgfmt", "--check", "-o", "/dev/null", Self.folder.appendingPathComponent(file).path]
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            try #require(process.terminationStatus != 127, "msgfmt is needed for this test: bash .ci/install-deps")
            #expect(process.terminationStatus == 0 && output.isEmpty, "\(file): \(output)")
        }
    }

    @Test("The template holds exactly the phrases the code asks for")
    func templateMatchesCode() {
        let template = Set(Translations.shared.template.entries.keys)
        let code = Set(Phrases.keys)
        #expect(code.subtracting(template).sorted() == [], "phrases without an English sentence")
        #expect(template.subtracting(code).sorted() == [], "sentences no phrase asks for")
    }

    @Test("What each language lacks (none, for the five)", arguments: ["de", "fr", "nl", "es"])
    func nothingMissing(code: String) {
        let missing = Translations.shared.missing(in: Language(code: code))
        #expect(missing.untranslated == [], "\(code) lacks these: fall back to English until translated")
        #expect(missing.unknown == [], "\(code) has keys the template no longer holds")
    }

    @Test("Every translation keeps English's placeholders, and plural sentences hold {count}", arguments: ["de", "fr", "nl", "es"])
    func placeholders(code: String) throws {
        let file = try #require(Translations.shared.files[code])
        for (key, english) in Translations.shared.template.entries {
            let expected = Localizer.placeholders(in: english.english).union(english.englishPlural.map(Localizer.placeholders) ?? [])
            if english.englishPlural != nil { #expect(expected.contains("count"), "\(key): a plural is chosen by {count}") }
            for form in file.entries[key]?.forms ?? [] {
                // A form may leave out {count} (French "un million d'idées" is not written so), nothing else.
                let found = Localizer.placeholders(in: form)
                #expect(found.subtracting(expected).isEmpty && expected.subtracting(found).subtracting(["count"]).isEmpty,
                        "\(code) \(key): \(found.sorted()) where English has \(expected.sorted())")
            }
        }
    }

    @Test("A translator's mistake is named with its line", arguments: [
        ("msgctxt \"a\"\nmsgid \"A\"\nmsgstr \"B\nmsgid", TranslationError.syntax(line: 3, "a string must be in double quotes")),
        ("msgid \"A\"\nmsgstr \"B\"", .syntax(line: 1, "an entry without msgctxt (ideate finds each message by its key)")),
        ("msgctxt \"a\"\nmsgid \"A\"\nmsgstr \"x\\q\"", .syntax(line: 3, "unknown escape “\\q”")),
        ("msgctxt \"a\"\nmsgid \"A\"\nmsgid \"B\"", .syntax(line: 3, "an entry without msgctxt (ideate finds each message by its key)")),
        ("\"stray\"", .syntax(line: 1, "a string with no keyword before it")),
        ("msgctxt \"a\"\nmsgid \"A\"\nmsgstr[9] \"x\"", .syntax(line: 3, "unknown keyword “msgstr[9]”")),
        ("msgid \"\"\nmsgstr \"Plural-Forms: nplurals=2; plural=n != 1;\\n\"", .missingHeader("Language")),
        ("msgid \"\"\nmsgstr \"Language: de\\n\"", .missingHeader("Plural-Forms")),
    ])
    func syntaxErrors(text: String, error: TranslationError) {
        #expect(throws: error) { try TranslationFile(parsing: text) }
    }

    @Test("Continued strings, escapes, comments, obsolete entries and plural forms are read as gettext writes them")
    func reading() throws {
        let file = try TranslationFile(parsing: """
            # A translator's comment
            msgid ""
            msgstr ""
            "Language: fr\\n"
            "Plural-Forms: nplurals=3; plural=(n == 0 || n == 1) ? 0 : (n != 0 && n % 1000000 == 0) ? 1 : 2;\\n"
            "X-Language-Name: Français\\n"

            #. A note for translators
            #, python-brace-format
            msgctxt "a.long"
            msgid ""
            "Two "
            "lines"
            msgstr "Deux "
            "lignes \\"entre guillemets\\"\\n"

            msgctxt "a.plural"
            msgid "{count} idea"
            msgid_plural "{count} ideas"
            msgstr[0] "{count} idée"
            msgstr[1] "{count} d’idées"
            msgstr[2] "{count} idées"

            msgctxt "a.empty"
            msgid "Not yet"
            msgstr ""

            #~ msgctxt "a.old"
            #~ msgid "Gone"
            #~ msgstr "Parti"
            """)
        #expect(file.language == "fr" && file.nativeName == "Français" && file.plural.formCount == 3)
        #expect(file.entries["a.long"]?.english == "Two lines")
        #expect(file.entries["a.long"]?.forms == ["Deux lignes \"entre guillemets\"\n"])
        #expect(file.entries["a.plural"]?.forms == ["{count} idée", "{count} d’idées", "{count} idées"])
        #expect(file.entries["a.empty"]?.isTranslated == false)
        #expect(file.entries["a.old"] == nil)
    }

    @Test("A plural message with the wrong number of forms is refused")
    func wrongFormCount() {
        let text = """
            msgid ""
            msgstr "Language: de\\nPlural-Forms: nplurals=2; plural=(n != 1);\\n"

            msgctxt "a"
            msgid "{count} idea"
            msgid_plural "{count} ideas"
            msgstr[0] "{count} Idee"
            """
        #expect(throws: TranslationError.syntax(line: 4, "“a” has 1 plural forms; Plural-Forms says 2")) { try TranslationFile(parsing: text) }
    }
}
