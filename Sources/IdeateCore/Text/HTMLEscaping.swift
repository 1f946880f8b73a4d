/// Escapes text for HTML, wherever ideate writes some (the box's poster, the pages' words):
/// control characters made visible, line breaks folded, and nothing left that could open a tag,
/// an entity or end an attribute.
public enum HTMLEscaping {
    /// `text` safe inside HTML text and attribute values.
    public static func text(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in VisibleText.sanitized(text, foldingLineBreaks: true) {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
