/// Makes untrusted text safe to show: control characters, escape sequences, bidi overrides and
/// invisible characters become visible placeholders, so a participant's text can never move
/// the cursor, recolour a terminal, reverse a line or hide words.
public enum VisibleText {
    /// `text` with every unsafe scalar replaced by a visible stand-in; newlines and tabs become
    /// `␤`/`␉` pictures unless `foldingLineBreaks`, which turns them into spaces.
    public static func sanitized(_ text: String, foldingLineBreaks: Bool = false) -> String {
        var result = String.UnicodeScalarView()
        result.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D:
                result.append(foldingLineBreaks ? " " : Unicode.Scalar(0x2400 + scalar.value)!)
            case 0x00...0x1F:
                result.append(Unicode.Scalar(0x2400 + scalar.value)!)
            case 0x7F:
                result.append("\u{2421}")
            case 0x80...0x9F:
                result.append("\u{FFFD}")
            case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
                result.append("\u{FFFD}")
            case 0x200B, 0x200C, 0x2060...0x2064, 0xFEFF, 0x00AD, 0xFFF9...0xFFFB:
                result.append("\u{FFFD}")
            case 0xD800...0xDFFF, 0xE000...0xF8FF, 0xFFFE, 0xFFFF:
                result.append("\u{FFFD}")
            default:
                result.append(scalar)
            }
        }
        return String(result)
    }
}
