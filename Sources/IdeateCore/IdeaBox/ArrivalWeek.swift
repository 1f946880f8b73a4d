/// The week an idea reached the idea box, and nothing finer: its Monday. The box keeps no time
/// of arrival beyond this, so a reviewer who knows who was at work on Tuesday learns nothing
/// from the portfolio file.
public struct ArrivalWeek: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// The Monday that starts the week (ISO 8601 weeks start on Monday).
    public let monday: CalendarDate

    /// The week that contains `date`.
    public init(containing date: CalendarDate) {
        monday = date.adding(days: Weekday.monday.rawValue - date.weekday.rawValue)
    }

    /// Whole days from the week's start to `date` (what "waiting 9 days" counts).
    public func days(until date: CalendarDate) -> Int { monday.days(until: date) }

    public static func < (lhs: ArrivalWeek, rhs: ArrivalWeek) -> Bool { lhs.monday < rhs.monday }

    /// `week of 2026-11-30`.
    public var description: String { "week of \(monday)" }

    public init(from decoder: any Decoder) throws {
        self.init(containing: try CalendarDate(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws { try monday.encode(to: encoder) }
}
