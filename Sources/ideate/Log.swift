import Foundation
import Logging

/// Where ideate's own log lines go: standard error, one plain line each, in the wording the
/// headless server has always used (no timestamps or labels: the lines are read by people and
/// by scripts that match them). Warnings and worse keep their "⚠".
enum Log {
    /// The headless server's log: what happens to the workshop, never who did it.
    static let server = Logger(label: "ideate.server") { _ in PlainLineLogHandler(level: .info) }
    /// The service group's own messages, shown only when something fails.
    static let lifecycle = Logger(label: "ideate.lifecycle") { _ in PlainLineLogHandler(level: .error) }
}

/// A swift-log handler that writes each message as one line on standard error.
struct PlainLineLogHandler: LogHandler {
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    init(level: Logger.Level) { logLevel = level }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        StandardError.write(event.message.description)
    }
}
