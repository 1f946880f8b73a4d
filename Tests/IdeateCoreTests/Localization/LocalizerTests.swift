import Foundation
import IdeateCore
import IdeateTestSupport
import Testing

@Suite("Localizer", .offThePool)
struct LocalizerTests {
    @Test("Counts take each language's plural: French says 0 idée, English, German and Dutch 0 ideas, Ideen, ideeën")
    func zeroIdeas() {
        func ideas(_ code: String, _ count: Int) -> String { Localizer(Language(code: code)).count(.ideas, count) }
        #expect(ideas("en", 0) == "0 ideas" && ideas("en", 1) == "1 idea" && ideas("en", 2) == "2 ideas")
        #expect(ideas("de", 0) == "0 Ideen" && ideas("de", 1) == "1 Idee")
        #expect(ideas("nl", 0) == "0 ideeën" && ideas("nl", 1) == "1 idee")
        #expect(ideas("fr", 0) == "0 idée" && ideas("fr", 1) == "1 idée" && ideas("fr", 2) == "2 idées")
        #expect(ideas("fr", 1_000_000) == "1\u{202F}000\u{202F}000 d’idées")
        #expect(ideas("es", 0) == "0 ideas" && ideas("es", 1) == "1 idea" && ideas("es", 1_000_000) == "1.000.000 de ideas")
        #expect(ideas("de", 1234) == "1.234 Ideen" && ideas("en", 1234) == "1,234 ideas")
        #expect(ideas("es", 1234) == "1234 ideas" && ideas("es", 12_345) == "12.345 ideas", "Spanish groups from five digits (CLDR)")
        #expect(Localizer(Language(code: "nl")).number(-1_234_567) == "-1.234.567")
    }

    @Test("Named placeholders may move within the sentence; a missing one stays visible")
    func placeholders() throws {
        let translations = Translations(template: Self.template, files: [Self.german])
        let german = Localizer(Language(code: "de"), translations: translations)
        #expect(german.text(forKey: "t.order", ["who": "Kim", "what": "Tee"]) == "Tee bringt Kim")
        #expect(german.text(forKey: "t.order", ["who": "Kim"]) == "{what} bringt Kim")
        #expect(Localizer.placeholders(in: "{a} and {b} and {a}") == ["a", "b"])
        #expect(german.text(forKey: "t.brace", ["who": "Kim"]) == "Kim öffnet { hier", "a brace never closed is written once, as it stands")
    }

    @Test("A sentence a language lacks falls back to English; so does an unknown language")
    func fallback() {
        let translations = Translations(template: Self.template, files: [Self.german])
        #expect(Localizer(Language(code: "de"), translations: translations).text(forKey: "t.missing") == "Only in English")
        #expect(Localizer(Language(code: "de"), translations: translations).text(forKey: "t.empty") == "Not translated yet")
        #expect(Localizer(Language(code: "fi"), translations: translations).text(forKey: "t.order", ["who": "Kim", "what": "tea"]) == "Kim brings tea")
        #expect(Localizer(.english, translations: translations).text(forKey: "t.nothing") == "t.nothing", "an unknown key shows itself")
        let missing = translations.missing(in: Language(code: "de"))
        #expect(missing.untranslated == ["t.empty", "t.missing"])
        #expect(missing.unknown == ["t.old"])
    }

    @Test("The pseudo-locale accents every letter, adds about 35 %, brackets the sentence and keeps placeholders")
    func pseudo() {
        let pseudo = Localizer(.pseudo)
        let english = Localizer.english.count(.ideas, 5)
        let text = pseudo.count(.ideas, 5)
        #expect(text.hasPrefix("[5 íðéáš") && text.hasSuffix("]"), "\(text)")
        let sentence = Localizer.english(MinutesPhrase.noIdeasInRound)
        let accented = pseudo(MinutesPhrase.noIdeasInRound)
        #expect(Double(accented.count) >= Double(sentence.count) * 1.35, "\(accented.count) against \(sentence.count)")
        #expect(accented.unicodeScalars.filter { ("a"..."z").contains($0) && !"fmpqvx".unicodeScalars.contains($0) }.isEmpty,
                "no plain letter that has an accented form: \(accented)")
        #expect(english != text)
        #expect(pseudo(MinutesPhrase.roundHeading, ["number": 2, "prompt": "Why?"]).contains("2") && pseudo(MinutesPhrase.roundHeading, ["number": 2, "prompt": "Why?"]).contains("Why?"))
    }

    @Test("Languages are found from locale names, Accept-Language and the environment as POSIX orders it")
    func choosing() {
        #expect(Language.matching("de_DE.UTF-8") == Language(code: "de"))
        #expect(Language.matching("fr-BE") == Language(code: "fr"))
        #expect(Language.matching("nl_BE@euro") == Language(code: "nl"))
        #expect(Language.matching("C.UTF-8") == nil && Language.matching("POSIX") == nil && Language.matching("fi_FI") == nil)
        #expect(Language.matching("en-XA") == .pseudo)
        #expect(Language.preferred(byAcceptLanguage: "fi-FI, nl;q=0.5, fr;q=0.8") == Language(code: "fr"))
        #expect(Language.preferred(byAcceptLanguage: "es-ES,es;q=0.9,en;q=0.8") == Language(code: "es"))
        #expect(Language.preferred(byAcceptLanguage: "fi, sv;q=0") == nil)
        #expect(Language.fromEnvironment(["LANG": "nl_NL.UTF-8", "LC_ALL": "de_DE.UTF-8"]) == Language(code: "de"))
        #expect(Language.fromEnvironment(["LANG": "nl_NL.UTF-8", "LC_MESSAGES": "es_ES.UTF-8"]) == Language(code: "es"))
        #expect(Language.fromEnvironment(["LANG": "C.UTF-8"]) == nil)
        #expect(Language.fromEnvironment(["LANGUAGE": "fr:de", "LANG": "de_DE.UTF-8"]) == Language(code: "fr"))
    }

    @Test("Dates and numbers in the language's own format")
    func formats() {
        let day = CalendarDate(iso: "2026-12-07")!
        #expect(Localizer.english.date(day) == "7 December 2026")
        #expect(Localizer(Language(code: "de")).date(day) == "7. Dezember 2026")
        #expect(Localizer(Language(code: "fr")).date(day) == "7 décembre 2026")
        #expect(Localizer(Language(code: "nl")).date(day) == "7 december 2026")
        #expect(Localizer(Language(code: "es")).date(day) == "7 de diciembre de 2026")
        #expect(Localizer(Language(code: "de")).duration(seconds: 90) == "1 Min. 30 Sek.")
    }

    static let template = """
        msgid ""
        msgstr "Language: en\\nPlural-Forms: nplurals=2; plural=(n != 1);\\n"

        msgctxt "t.order"
        msgid "{who} brings {what}"
        msgstr ""

        msgctxt "t.missing"
        msgid "Only in English"
        msgstr ""

        msgctxt "t.empty"
        msgid "Not translated yet"
        msgstr ""

        msgctxt "t.brace"
        msgid "{who} opens { here"
        msgstr ""
        """

    static let german = """
        msgid ""
        msgstr "Language: de\\nPlural-Forms: nplurals=2; plural=(n != 1);\\n"

        msgctxt "t.order"
        msgid "{who} brings {what}"
        msgstr "{what} bringt {who}"

        msgctxt "t.empty"
        msgid "Not translated yet"
        msgstr ""

        msgctxt "t.old"
        msgid "Gone"
        msgstr "Weg"

        msgctxt "t.brace"
        msgid "{who} opens { here"
        msgstr "{who} öffnet { hier"
        """
}
