import Foundation

/// Writes phrases in one language: the file's sentence (English's when the file lacks it), its
/// plural form chosen by the `count` argument with the language's rule, each `{name}` replaced
/// by its argument, numbers and dates in the language's format. What a person typed is passed
/// in as an argument and never translated.
public struct Localizer: Sendable {
    public let language: Language
    private let translations: Translations

    public init(_ language: Language, translations: Translations = .shared) {
        self.language = language
        self.translations = translations
    }

    public static let english = Localizer(.english)

    /// The phrase with its placeholders filled.
    public func callAsFunction(_ phrase: some Phrase, _ arguments: [String: PhraseArgument] = [:]) -> String {
        text(forKey: phrase.key, arguments)
    }

    /// The phrase found by its key (as the web page asks for its sentences).
    public func text(forKey key: String, _ arguments: [String: PhraseArgument] = [:]) -> String {
        let count: Int? = if case .number(let value)? = arguments["count"] { value } else { nil }
        return fill(pattern(forKey: key, count: count), arguments)
    }

    /// The raw sentence, placeholders unfilled: the file's form for `count`, else English's.
    public func pattern(forKey key: String, count: Int? = nil) -> String {
        let english = translations.template.entries[key]
        if language == .pseudo {
            return PseudoLocale.transform(Self.englishForm(english, key: key, count: count))
        }
        if let (file, entry) = translated(key, english: english) {
            let index = entry.forms.count > 1 ? file.plural.formIndex(for: count ?? 1) : 0
            return entry.forms[min(index, entry.forms.count - 1)]
        }
        return Self.englishForm(english, key: key, count: count)
    }

    /// The language file's entry for `key` when it is translated (and plural where English is).
    private func translated(_ key: String, english: TranslationFile.Entry?) -> (TranslationFile, TranslationFile.Entry)? {
        guard let file = translations.files[language.code], let entry = file.entries[key], entry.isTranslated,
              english?.englishPlural == nil || entry.englishPlural != nil else { return nil }
        return (file, entry)
    }

    /// Every form of the phrase as this language writes it (one, for a sentence with no plural),
    /// placeholders unfilled: what a web page needs to write the phrase itself, choosing the form
    /// with ``pluralRule``.
    public func forms(forKey key: String) -> [String] {
        let english = translations.template.entries[key]
        let englishForms = english.map { [$0.english] + ($0.englishPlural.map { [$0] } ?? []) } ?? [key]
        if language == .pseudo { return englishForms.map(PseudoLocale.transform) }
        return translated(key, english: english)?.1.forms ?? englishForms
    }

    /// The rule that picks a plural form in this language.
    public var pluralRule: PluralRule { translations.files[language.code]?.plural ?? .english }

    private static func englishForm(_ entry: TranslationFile.Entry?, key: String, count: Int?) -> String {
        guard let entry else { return key }
        guard let plural = entry.englishPlural else { return entry.english }
        return PluralRule.english.formIndex(for: count ?? 1) == 0 ? entry.english : plural
    }

    /// A whole number in the language's format: "1,234", "1.234", "1 234" (Spanish groups from
    /// five digits: "1234", "12.345").
    public func number(_ value: Int) -> String {
        guard abs(value) >= 1000 else { return String(value) }
        let grouping = Self.grouping(for: language)
        let digits = String(value.magnitude)
        guard grouping.fromFourDigits || digits.count > 4 else { return String(value) }
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped += grouping.separator }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// How a language groups thousands, asked of ICU once per language (a console frame may
    /// write a number every time it is drawn; making a formatter each time cost a tenth of a
    /// millisecond).
    private struct Grouping {
        var separator: String
        var fromFourDigits: Bool
    }

    private static let groupings = Locked<[String: Grouping]>([:])

    private static func grouping(for language: Language) -> Grouping {
        if let known = groupings.withLock({ $0[language.code] }) { return known }
        let formatter = NumberFormatter()
        formatter.locale = language.locale
        formatter.numberStyle = .decimal
        let separator = formatter.groupingSeparator ?? ","
        let fourDigits = formatter.string(from: 1234) ?? "1234"
        let grouping = Grouping(separator: separator, fromFourDigits: fourDigits != "1234")
        groupings.withLock { $0[language.code] = grouping }
        return grouping
    }

    /// A day as people of the language write it in a sentence: "7 December 2026" in English
    /// (day before month, read the same everywhere), "7. Dezember 2026", "7 décembre 2026".
    public func date(_ instant: Instant, in timeZone: TimeZone) -> String {
        dateFormatted(instant, template: "yMMMMd", timeZone: timeZone)
    }

    /// A day with its weekday: "Monday 7 December", "lundi 7 décembre".
    public func weekdayAndDate(_ instant: Instant, in timeZone: TimeZone) -> String {
        dateFormatted(instant, template: "EEEEdMMMM", timeZone: timeZone)
    }

    /// A time of day on the 24-hour clock: "14:05".
    public func time(_ instant: Instant, in timeZone: TimeZone) -> String {
        instant.formatted("HH:mm", in: timeZone)
    }

    private func dateFormatted(_ instant: Instant, template: String, timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        // English as written in Britain and Ireland: day, month, year, as the continent reads it.
        formatter.locale = language.base == "en" ? Locale(identifier: "en_GB") : language.locale
        formatter.timeZone = timeZone
        formatter.setLocalizedDateFormatFromTemplate(template)
        return formatter.string(from: Date(timeIntervalSince1970: Double(instant.millisecondsSince1970) / 1000))
    }

    /// `pattern` with each `{name}` replaced by its argument (unknown names are left as written,
    /// so a test sees them).
    private func fill(_ pattern: String, _ arguments: [String: PhraseArgument]) -> String {
        guard pattern.contains("{") else { return pattern }
        var result = ""
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            // A brace never closed is written as it stands.
            guard let close = rest[open...].firstIndex(of: "}") else { return result + rest[open...] }
            let name = String(rest[rest.index(after: open)..<close])
            switch arguments[name] {
            case .text(let value)?: result += value
            case .number(let value)?: result += number(value)
            case .phrase(let key)?: result += text(forKey: key)
            case nil: result += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// The `{name}` placeholders a sentence holds.
    public static func placeholders(in pattern: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.insert(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}

extension Localizer {
    /// A calendar day as the language writes it in a sentence.
    public func date(_ day: CalendarDate) -> String {
        date(Instant(secondsSince1970: Int64(day.daysSince1970) * 86_400 + 43_200), in: TimeZone(identifier: "UTC")!)
    }

    /// `text` in the language's quotation marks: “…”, „…“, « … ».
    public func quoted(_ text: String) -> String { self(CommonPhrase.quoted, ["text": .text(text)]) }
}

extension Localizer {
    /// A number with `digits` decimals in the language's format: "2.5", "2,5".
    public func decimal(_ value: Double, digits: Int) -> String {
        let text = String(format: "%.\(max(0, digits))f", value)
        return text.replacingOccurrences(of: ".", with: language.locale.decimalSeparator ?? ".")
    }
}

extension SessionState {
    /// The room's language: the plan's, English when it names none.
    public var roomLanguage: Language { plan.language ?? .english }
}
