/// Reads a date the way people type one at a prompt or on the command line: `2026-12-01`,
/// `+2w`, `+3d`, `-1d`, `fri`, `today`, `tomorrow`, `yesterday`. Relative forms count from an
/// injected "today", so the rule is tested with a fixed day; the answer is always a
/// ``CalendarDate``, which the caller echoes back as `YYYY-MM-DD` so nobody wonders which
/// Friday was meant.
public enum DateInput {
    /// Relative dates reach at most this many days away (about ten years).
    public static let maximumDistance = 3_660

    /// The date `text` names, counted from `today`. A weekday means the next one after today
    /// (`fri` on a Friday is a week later).
    /// - Throws: ``DateInputError`` saying what was wrong and what would be understood.
    public static func parse(_ text: String, today: CalendarDate) throws(DateInputError) -> CalendarDate {
        let word = text.trimmingWhitespace.lowercased()
        guard !word.isEmpty else { throw .empty }
        switch word {
        case "today": return today
        case "tomorrow": return today.adding(days: 1)
        case "yesterday": return today.adding(days: -1)
        default: break
        }
        if let weekday = weekday(named: word) {
            let ahead = (weekday.rawValue - today.weekday.rawValue + 7) % 7
            return today.adding(days: ahead == 0 ? 7 : ahead)
        }
        if let first = word.first, first == "+" || first == "-" {
            return try relative(word, today: today, original: text)
        }
        if word.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil {
            guard let date = CalendarDate(iso: word) else { throw .noSuchDay(text.trimmingWhitespace) }
            return date
        }
        throw .notADate(text.trimmingWhitespace)
    }

    /// `+3d`, `+2w`, `-1d`: days or weeks from today.
    private static func relative(_ word: String, today: CalendarDate, original: String) throws(DateInputError) -> CalendarDate {
        guard let match = word.wholeMatch(of: /([+-])(\d{1,5})([dw])/), let count = Int(match.output.2) else {
            throw .notADate(original.trimmingWhitespace)
        }
        let days = count * (match.output.3 == "w" ? 7 : 1) * (match.output.1 == "-" ? -1 : 1)
        guard abs(days) <= maximumDistance else { throw .tooFar(original.trimmingWhitespace) }
        return today.adding(days: days)
    }

    private static func weekday(named word: String) -> Weekday? {
        let names: [(Weekday, [String])] = [
            (.monday, ["mon", "monday"]), (.tuesday, ["tue", "tues", "tuesday"]), (.wednesday, ["wed", "wednesday"]),
            (.thursday, ["thu", "thur", "thurs", "thursday"]), (.friday, ["fri", "friday"]),
            (.saturday, ["sat", "saturday"]), (.sunday, ["sun", "sunday"]),
        ]
        return names.first { $0.1.contains(word) }?.0
    }
}

/// Why a typed date was not understood, in a sentence that shows what would be.
public enum DateInputError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case notADate(String)
    case noSuchDay(String)
    case tooFar(String)

    static let forms = "write e.g. 2026-12-01, +2w, +3d, fri, today or tomorrow"

    public var description: String {
        switch self {
        case .empty: "no date given; \(Self.forms)"
        case let .notADate(text): "“\(text)” is not a date; \(Self.forms)"
        case let .noSuchDay(text): "\(text) is not a day of the calendar"
        case let .tooFar(text): "\(text) is more than ten years away"
        }
    }
}

extension String {
    var trimmingWhitespace: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
