import IdeateCore
import IdeateTestSupport
import Testing

/// Each file's `Plural-Forms` against the integer examples of CLDR's plural rules
/// (unicode.org/cldr/charts/latest/supplemental/language_plural_rules.html): the form a count
/// takes must be the one of its CLDR category, in the order the file lists its categories.
@Suite("Plural rules", .offThePool)
struct PluralRuleTests {
    /// CLDR's integer examples per category, with the msgstr index each category has in the file.
    static let cldr: [String: [(category: String, index: Int, examples: [Int])]] = [
        "en": [("one", 0, [1]), ("other", 1, [0, 2, 3, 4, 5, 16, 100, 1000, 10_000, 100_000, 1_000_000])],
        "de": [("one", 0, [1]), ("other", 1, [0, 2, 3, 4, 5, 16, 100, 1000, 10_000, 100_000, 1_000_000])],
        "nl": [("one", 0, [1]), ("other", 1, [0, 2, 3, 4, 5, 16, 100, 1000, 10_000, 100_000, 1_000_000])],
        "fr": [("one", 0, [0, 1]), ("many", 1, [1_000_000, 2_000_000, 3_000_000, 10_000_000]),
               ("other", 2, [2, 3, 4, 5, 17, 100, 1000, 10_000, 100_000, 1_000_001])],
        "es": [("one", 0, [1]), ("many", 1, [1_000_000, 2_000_000, 3_000_000, 10_000_000]),
               ("other", 2, [0, 2, 3, 4, 5, 16, 100, 1000, 10_000, 100_000, 1_000_001])],
    ]

    @Test("Every language's file chooses the CLDR category of each example", arguments: ["de", "fr", "nl", "es"])
    func fileMatchesCLDR(code: String) throws {
        let file = try #require(Translations.shared.files[code])
        let categories = try #require(Self.cldr[code])
        #expect(file.plural.formCount == categories.count)
        for (category, index, examples) in categories {
            for count in examples {
                #expect(file.plural.formIndex(for: count) == index, "\(code): \(count) is \(category)")
            }
        }
    }

    @Test("English's rule: 1 is singular, 0 and everything else plural")
    func english() throws {
        for (category, index, examples) in try #require(Self.cldr["en"]) {
            for count in examples { #expect(PluralRule.english.formIndex(for: count) == index, "\(count) is \(category)") }
        }
    }

    @Test("C's precedence and operators as gettext reads them")
    func expressions() throws {
        // Polish, with every operator level in play.
        let polish = try PluralRule(header: "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);")
        #expect([1, 2, 4, 5, 12, 22, 25, 112, 122].map(polish.formIndex) == [0, 1, 1, 2, 2, 1, 2, 2, 1])
        let negation = try PluralRule(header: "nplurals=2; plural=!(n == 1);")
        #expect([1, 2].map(negation.formIndex) == [0, 1])
        let arithmetic = try PluralRule(header: "nplurals=3; plural=n * 2 - 4 / 2 + 1 > 3;")
        #expect([1, 2, 3].map(arithmetic.formIndex) == [0, 0, 1])
        let outOfRange = try PluralRule(header: "nplurals=2; plural=n;")
        #expect(outOfRange.formIndex(for: 7) == 1, "an index past the forms is kept within them")
    }

    @Test("A broken Plural-Forms is refused with what is wrong", arguments: [
        ("plural=(n != 1);", "nplurals must be a number from 1 to 6"),
        ("nplurals=2;", "plural= is missing"),
        ("nplurals=2; plural=(n != 1;", "a “(” is not closed in the plural expression"),
        ("nplurals=2; plural=n ? 1;", "“?” without its “:” in the plural expression"),
        ("nplurals=2; plural=n $ 1;", "unexpected “$” in the plural expression"),
        ("nplurals=2; plural=n 1;", "unexpected text after the plural expression"),
        ("nplurals=2; plural=n ==;", "the plural expression ends too early"),
        ("nplurals=2; plural=99999999999 > n;", "a number in the plural expression is too large"),
    ])
    func refusals(header: String, problem: String) {
        #expect(throws: TranslationError.pluralForms(problem)) { try PluralRule(header: header) }
    }
}
