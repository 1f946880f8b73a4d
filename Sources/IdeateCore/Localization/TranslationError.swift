/// Why a translation file could not be read: the line it went wrong on and what was expected,
/// so a translator can mend the file.
public enum TranslationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The `Plural-Forms` header's value is not one this reader understands.
    case pluralForms(String)
    /// The file breaks the PO syntax at this line.
    case syntax(line: Int, String)
    /// The header lacks a field every file needs (`Language`, `Plural-Forms`).
    case missingHeader(String)

    public var description: String {
        switch self {
        case .pluralForms(let problem): "Plural-Forms: \(problem)"
        case .syntax(let line, let problem): "line \(line): \(problem)"
        case .missingHeader(let field): "the header has no \(field) field"
        }
    }
}
