import Foundation

/// Writes an instant the way the JSON and CSV exports promise: ISO 8601 to the second, with the
/// UTC offset of a given time zone (`2026-11-24T14:05:09+01:00`, never `Z`). A reader gets both
/// the moment and the wall-clock time in the room, and tests pin the zone so goldens do not
/// depend on the machine.
public struct ExportTimestamp: Sendable {
    public var timeZone: TimeZone

    public init(timeZone: TimeZone) { self.timeZone = timeZone }

    /// `instant` in `timeZone`, e.g. `2026-03-12T15:00:00+01:00`; milliseconds are dropped.
    public func string(for instant: Instant) -> String {
        instant.formatted("yyyy-MM-dd'T'HH:mm:ssxxx", in: timeZone)
    }
}
