import Foundation

/// The whole report as JSON for tools: every idea with its id, text, cluster, status and votes.
/// The document is the contract README.md's "Export formats" describes, versioned by
/// ``ExportFormatVersion``; it names no participant.
public enum JSONMinutes {
    /// Pretty-printed JSON with sorted keys and a final newline; times are written in `timeZone`
    /// with its offset (see ``ExportTimestamp``).
    public static func render(_ report: MinutesReport, timeZone: TimeZone = .current) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let document = JSONMinutesDocument(report, timestamp: ExportTimestamp(timeZone: timeZone))
        return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    }
}
