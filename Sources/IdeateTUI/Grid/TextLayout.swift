/// Word wrapping by display width, for prompts and idea cards.
public enum TextLayout {
    /// `text` broken into lines of at most `width` columns, at spaces where possible.
    public static func wrap(_ text: String, width: Int, maxLines: Int = .max) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var current = ""
        var currentWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = String(word)
            var wordWidth = DisplayWidth.of(word)
            if currentWidth > 0, currentWidth + 1 + wordWidth <= width {
                current += " " + word
                currentWidth += 1 + wordWidth
                continue
            }
            if currentWidth > 0 {
                lines.append(current)
                current = ""
                currentWidth = 0
            }
            while wordWidth > width {
                var head = "", headWidth = 0
                while let first = word.first, headWidth + DisplayWidth.of(first) <= width {
                    head.append(first)
                    headWidth += DisplayWidth.of(first)
                    word.removeFirst()
                }
                lines.append(head)
                wordWidth = DisplayWidth.of(word)
            }
            current = word
            currentWidth = wordWidth
        }
        if !current.isEmpty { lines.append(current) }
        if lines.count > maxLines {
            lines = Array(lines.prefix(maxLines))
            lines[maxLines - 1] = String(lines[maxLines - 1].dropLast(DisplayWidth.of(lines[maxLines - 1]) >= width ? 1 : 0)) + "…"
        }
        return lines
    }
}
