/// One language's translation file, read from gettext's PO format (what Poedit, Weblate and
/// Crowdin open): each message is found by its `msgctxt` (the phrase's key), `msgid` holds the
/// English sentence, `msgstr` its translation, and a plural message has one `msgstr[i]` per
/// form of the language's ``PluralRule``. Comments and obsolete entries are skipped; an empty
/// translation counts as missing.
public struct TranslationFile: Sendable {
    /// One message: its English text and its translation (one string, or one per plural form).
    public struct Entry: Sendable, Equatable {
        public var english: String
        public var englishPlural: String?
        /// The translated forms (one for a message without plural); empty when untranslated.
        public var forms: [String]

        public var isTranslated: Bool { !forms.isEmpty && forms.allSatisfy { !$0.isEmpty } }
    }

    /// The language's code as the header's `Language:` names it ("de", "fr", "en-XA").
    public let language: String
    /// The language's own name for itself (`X-Language-Name:`), shown in language switches.
    public let nativeName: String
    public let plural: PluralRule
    /// The messages by key.
    public let entries: [String: Entry]

    public init(parsing text: String) throws(TranslationError) {
        var reader = Reader()
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            try reader.read(line: line.trimmingCharacters(in: .whitespaces), number: index + 1)
        }
        try reader.finishEntry()
        guard let header = reader.header else { throw .missingHeader("header entry (msgid \"\")") }
        let fields = Self.fields(of: header)
        guard let language = fields["Language"], !language.isEmpty else { throw .missingHeader("Language") }
        guard let pluralForms = fields["Plural-Forms"] else { throw .missingHeader("Plural-Forms") }
        self.language = language
        nativeName = fields["X-Language-Name"] ?? language
        plural = try PluralRule(header: pluralForms)
        entries = reader.entries
        for (key, entry) in entries where entry.englishPlural != nil && !entry.forms.isEmpty && entry.forms.count != plural.formCount {
            throw .syntax(line: reader.lines[key] ?? 0, "“\(key)” has \(entry.forms.count) plural forms; Plural-Forms says \(plural.formCount)")
        }
    }

    private static func fields(of header: String) -> [String: String] {
        var fields: [String: String] = [:]
        for line in header.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon]).trimmingCharacters(in: .whitespaces)] =
                String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        }
        return fields
    }

    /// Reads the file a line at a time: keywords start a field, quoted lines continue it.
    private struct Reader {
        enum Field: Hashable { case context, id, idPlural, string(Int) }

        var entries: [String: Entry] = [:]
        var lines: [String: Int] = [:]
        var header: String?
        private var fields: [Field: String] = [:]
        private var current: Field?
        private var entryLine = 0

        mutating func read(line: String, number: Int) throws(TranslationError) {
            if line.isEmpty || line.hasPrefix("#") {
                // An obsolete entry (#~) or a comment; a blank line ends the entry.
                if line.isEmpty { try finishEntry() }
                return
            }
            if line.hasPrefix("\"") {
                guard let field = current else { throw .syntax(line: number, "a string with no keyword before it") }
                fields[field, default: ""] += try Self.unquoted(line, line: number)
                return
            }
            guard let space = line.firstIndex(of: " ") else { throw .syntax(line: number, "expected a keyword and a string") }
            let keyword = String(line[..<space])
            let field: Field
            switch keyword {
            case "msgctxt":
                try finishEntry()
                field = .context
            case "msgid":
                if fields[.id] != nil { try finishEntry() }
                field = .id
            case "msgid_plural": field = .idPlural
            case "msgstr": field = .string(0)
            default:
                guard keyword.hasPrefix("msgstr["), keyword.hasSuffix("]"),
                      let index = Int(keyword.dropFirst(7).dropLast()), (0..<6).contains(index)
                else { throw .syntax(line: number, "unknown keyword “\(keyword.prefix(20))”") }
                field = .string(index)
            }
            if fields.isEmpty { entryLine = number }
            guard fields[field] == nil else { throw .syntax(line: number, "\(keyword) appears twice in one entry") }
            current = field
            fields[field] = try Self.unquoted(String(line[line.index(after: space)...]).trimmingCharacters(in: .whitespaces), line: number)
        }

        mutating func finishEntry() throws(TranslationError) {
            defer { fields = [:]; current = nil }
            guard !fields.isEmpty else { return }
            guard let id = fields[.id] else { throw .syntax(line: entryLine, "an entry without msgid") }
            if id.isEmpty, fields[.context] == nil {
                header = fields[.string(0)] ?? ""
                return
            }
            guard let key = fields[.context], !key.isEmpty else {
                throw .syntax(line: entryLine, "an entry without msgctxt (ideate finds each message by its key)")
            }
            guard entries[key] == nil else { throw .syntax(line: entryLine, "“\(key)” appears twice") }
            var forms: [String] = []
            if fields[.idPlural] != nil {
                var index = 0
                while let form = fields[.string(index)] { forms.append(form); index += 1 }
            } else if let translated = fields[.string(0)] {
                forms = [translated]
            }
            if forms.allSatisfy(\.isEmpty) { forms = [] }
            entries[key] = Entry(english: id, englishPlural: fields[.idPlural], forms: forms)
            lines[key] = entryLine
        }

        /// The text of one quoted PO string, its escapes resolved.
        private static func unquoted(_ text: String, line: Int) throws(TranslationError) -> String {
            guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else {
                throw .syntax(line: line, "a string must be in double quotes")
            }
            var result = ""
            var escaping = false
            for character in text.dropFirst().dropLast() {
                if escaping {
                    switch character {
                    case "n": result.append("\n")
                    case "t": result.append("\t")
                    case "\"", "\\": result.append(character)
                    default: throw .syntax(line: line, "unknown escape “\\\(character)”")
                    }
                    escaping = false
                } else if character == "\\" {
                    escaping = true
                } else if character == "\"" {
                    throw .syntax(line: line, "a double quote inside a string must be written \\\"")
                } else {
                    result.append(character)
                }
            }
            guard !escaping else { throw .syntax(line: line, "a string ends with a lone backslash") }
            return result
        }
    }
}
