import Foundation

/// A countdown in block digits, five rows high, readable from the back of a meeting room.
/// Drawn like a seven-segment clock: neighbouring digits share most cells, so the terminal is
/// sent only a few cells per second.
public enum BigDigits {
    static let glyphs: [Character: [String]] = [
        "0": ["█████", "█   █", "█   █", "█   █", "█████"],
        "1": ["    █", "    █", "    █", "    █", "    █"],
        "2": ["█████", "    █", "█████", "█    ", "█████"],
        "3": ["█████", "    █", "█████", "    █", "█████"],
        "4": ["█   █", "█   █", "█████", "    █", "    █"],
        "5": ["█████", "█    ", "█████", "    █", "█████"],
        "6": ["█████", "█    ", "█████", "█   █", "█████"],
        "7": ["█████", "    █", "    █", "    █", "    █"],
        "8": ["█████", "█   █", "█████", "█   █", "█████"],
        "9": ["█████", "█   █", "█████", "    █", "█████"],
        ":": ["   ", " █ ", "   ", " █ ", "   "],
    ]

    public static let height = 5

    /// The five rows of `text` (digits and colons) in block letters.
    public static func rows(for text: String) -> [String] {
        (0..<height).map { row in
            text.compactMap { glyphs[$0]?[row] }.joined(separator: " ")
        }
    }

    public static func width(of text: String) -> Int { rows(for: text).first?.count ?? 0 }

    /// "04:59" for 299 seconds (rounded up, so 0:00 means the time is really over).
    public static func clockText(milliseconds: Int64) -> String {
        let seconds = Int((milliseconds + 999) / 1000)
        return String(format: "%02d:%02d", seconds / 60, seconds % 60)
    }
}
