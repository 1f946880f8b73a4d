/// Escapes participant text for CommonMark + GFM so it stays plain text wherever it lands: a
/// paragraph, a list item or a table cell. No heading, list, quote, table cell, emphasis, code,
/// link, autolink, image or HTML can come out of it.
public enum MarkdownEscaping {
    /// ASCII punctuation that can open or close inline Markdown: code, emphasis, strikethrough,
    /// links and images, HTML and entities, table cells. (CommonMark lets any
    /// ASCII punctuation be backslash-escaped.) Block syntax needs no escape here because the
    /// writer never starts a line with participant text and line breaks are folded.
    static let escaped: Set<Unicode.Scalar> = ["\\", "`", "*", "_", "[", "]", "<", ">", "&", "|", "~", "!"]

    /// ideate's own words made safe where a line or a list item begins: a German or Dutch date
    /// ("16. März 2026") or a count ("3. …") there would open an ordered list.
    public static func atLineStart(_ text: String) -> String {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard (1...9).contains(digits.count), let marker = text.dropFirst(digits.count).first, marker == "." || marker == ")" else { return text }
        return digits + "\\" + text.dropFirst(digits.count)
    }

    /// One line of inline text: control characters made visible, line breaks folded, runs of
    /// white space collapsed, syntax escaped. `@` becomes the full-width `＠`: GFM links
    /// `name@host.x` even through backslash escapes and entities, so no escape can stop it.
    public static func inline(_ text: String) -> String {
        let scalars = Array(VisibleText.sanitized(text, foldingLineBreaks: true).unicodeScalars)
        var result = String.UnicodeScalarView()
        result.reserveCapacity(scalars.count + 8)
        var pendingSpace = false
        for (index, scalar) in scalars.enumerated() {
            if isWhitespace(scalar) {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace {
                result.append(" ")
                pendingSpace = false
            }
            if escaped.contains(scalar) || breaksAutolink(at: index, in: scalars) { result.append("\\") }
            result.append(scalar == "@" ? "\u{FF20}" : scalar)
        }
        return String(result)
    }

    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar == " " || scalar == "\t" : scalar.properties.isWhitespace
    }

    /// GFM links bare `www.x` and `scheme://x` text: escaping the `.` after `www` or the `:`
    /// before `//` keeps them plain text.
    private static func breaksAutolink(at index: Int, in scalars: [Unicode.Scalar]) -> Bool {
        switch scalars[index] {
        case ".":
            guard index >= 3 else { return false }
            return scalars[(index - 3)..<index].allSatisfy { $0 == "w" || $0 == "W" }
        case ":":
            return index + 2 < scalars.count && scalars[index + 1] == "/" && scalars[index + 2] == "/"
        default:
            return false
        }
    }
}
