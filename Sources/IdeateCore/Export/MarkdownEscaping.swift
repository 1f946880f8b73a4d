/// Escapes participant text for CommonMark + GFM so it stays plain text wherever it lands: a
/// paragraph, a list item or a table cell. No heading, list, quote, table cell, emphasis, code,
/// link, autolink, image or HTML can come out of it.
public enum MarkdownEscaping {
    /// ASCII punctuation that can open or close inline Markdown: code, emphasis, strikethrough,
    /// links and images, HTML and entities, table cells. (CommonMark lets any
    /// ASCII punctuation be backslash-escaped.) Block syntax needs no escape here because the
    /// writer never starts a line with participant text and line breaks are folded.
    static let escaped: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "&", "|", "~", "!"]

    /// One line of inline text: control characters made visible, line breaks folded, runs of
    /// white space collapsed, syntax escaped. `@` becomes the full-width `＠`: GFM links
    /// `name@host.x` even through backslash escapes and entities, so no escape can stop it.
    public static func inline(_ text: String) -> String {
        let visible = VisibleText.sanitized(text, foldingLineBreaks: true)
        var result = ""
        result.reserveCapacity(visible.utf8.count + 8)
        var lastWasSpace = true
        for (index, character) in zip(visible.indices, visible) {
            if character.isWhitespace {
                if !lastWasSpace { result.append(" ") }
                lastWasSpace = true
                continue
            }
            lastWasSpace = false
            if escaped.contains(character) || breaksAutolink(character, at: index, in: visible) {
                result.append("\\")
            }
            result.append(character == "@" ? "\u{FF20}" : character)
        }
        while result.last == " " { result.removeLast() }
        return result
    }

    /// GFM links bare `www.x` and `scheme://x` text: escaping the `.` after `www` or the `:`
    /// before `//` keeps them plain text.
    private static func breaksAutolink(_ character: Character, at index: String.Index, in text: String) -> Bool {
        switch character {
        case ".":
            return text[..<index].suffix(3).lowercased() == "www"
        case ":":
            return text[text.index(after: index)...].hasPrefix("//")
        default:
            return false
        }
    }
}
