import Foundation

/// Reads and writes the durations of plan files: `90s`, `7m`, `1h`, `1m30s`, or `open`.
public enum DurationText {
    /// Seconds for `text`, `.some(nil)` for `open`, or nil when `text` is not a duration.
    public static func seconds(from text: String) -> Int?? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if trimmed == "open" { return .some(nil) }
        guard !trimmed.isEmpty else { return nil }
        var total = 0
        var number = ""
        var lastUnitRank = 0
        for character in trimmed {
            if character.isASCII, character.isNumber {
                number.append(character)
                continue
            }
            let ranks: [Character: (rank: Int, factor: Int)] = ["h": (1, 3600), "m": (2, 60), "s": (3, 1)]
            guard let unit = ranks[character], let value = Int(number), unit.rank > lastUnitRank else { return nil }
            let (part, overflowed) = value.multipliedReportingOverflow(by: unit.factor)
            guard !overflowed, case let (sum, false) = total.addingReportingOverflow(part) else { return nil }
            total = sum
            lastUnitRank = unit.rank
            number = ""
        }
        guard number.isEmpty, lastUnitRank > 0, total > 0 else { return nil }
        return .some(total)
    }

    /// `7m`, `1m30s`, `90s` → the shortest text that reads back to `seconds`.
    public static func text(for seconds: Int) -> String {
        let hours = seconds / 3600, minutes = seconds % 3600 / 60, rest = seconds % 60
        var parts = ""
        if hours > 0 { parts += "\(hours)h" }
        if minutes > 0 { parts += "\(minutes)m" }
        if rest > 0 || parts.isEmpty { parts += "\(rest)s" }
        return parts
    }

    /// "7 min", "1 min 30 s" — how the minutes describe a duration.
    public static func humanText(for seconds: Int) -> String {
        let minutes = seconds / 60, rest = seconds % 60
        switch (minutes, rest) {
        case (0, _): return "\(rest) s"
        case (_, 0): return "\(minutes) min"
        default: return "\(minutes) min \(rest) s"
        }
    }
}
