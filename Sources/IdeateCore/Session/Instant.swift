import Foundation

/// A point in time, in whole milliseconds since 1970-01-01 UTC.
///
/// Core never reads a clock: every instant is handed in by the caller, so rules can be tested
/// with a fake clock and replaying stored events gives the same state.
public struct Instant: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public var millisecondsSince1970: Int64

    public init(millisecondsSince1970: Int64) {
        self.millisecondsSince1970 = millisecondsSince1970
    }

    public init(secondsSince1970: Int64) {
        self.millisecondsSince1970 = secondsSince1970 * 1000
    }

    public static func < (lhs: Instant, rhs: Instant) -> Bool {
        lhs.millisecondsSince1970 < rhs.millisecondsSince1970
    }

    /// The instant `milliseconds` later (earlier when negative).
    public func advanced(byMilliseconds milliseconds: Int64) -> Instant {
        Instant(millisecondsSince1970: millisecondsSince1970 + milliseconds)
    }

    public func advanced(bySeconds seconds: Int) -> Instant {
        advanced(byMilliseconds: Int64(seconds) * 1000)
    }

    /// Milliseconds from `other` to `self` (negative when `other` is later).
    public func milliseconds(since other: Instant) -> Int64 {
        millisecondsSince1970 - other.millisecondsSince1970
    }

    /// Before any instant a session can hold: "due at once".
    public static let distantPast = Instant(millisecondsSince1970: .min / 2)

    public var description: String { "@\(millisecondsSince1970)ms" }

    /// The instant written with a fixed `DateFormatter` pattern (POSIX locale), e.g. "yyyy-MM-dd".
    public func formatted(_ pattern: String, in timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = pattern
        return formatter.string(from: Date(timeIntervalSince1970: Double(millisecondsSince1970) / 1000))
    }

    public init(from decoder: any Decoder) throws {
        millisecondsSince1970 = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(millisecondsSince1970)
    }
}

/// Instants are the session clock's (`SessionClock` in IdeateRuntime): durations between them
/// are Swift's `Duration`, kept to whole milliseconds like the instants themselves.
extension Instant: InstantProtocol {
    public func advanced(by duration: Duration) -> Instant {
        advanced(byMilliseconds: duration.wholeMilliseconds)
    }

    public func duration(to other: Instant) -> Duration {
        .milliseconds(other.milliseconds(since: self))
    }
}

extension Duration {
    /// The duration in whole milliseconds, rounded toward zero.
    public var wholeMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000 + attoseconds / 1_000_000_000_000_000
    }
}
