/// A problem found in a file a person wrote (a plan or a theme), pointing at the exact spot.
/// Shown as `FILE:LINE:COLUMN: message`, the format editors and CI logs understand.
public struct SourceDiagnostic: Error, Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// The diagnostic as one line, prefixed with the file it belongs to.
    public func formatted(file: String) -> String { "\(file):\(line):\(column): \(message)" }

    public var description: String { "\(line):\(column): \(message)" }
}

/// All problems of one file, in the order they appear.
public struct SourceDiagnostics: Error, Equatable, Sendable {
    public var all: [SourceDiagnostic]

    public init(_ all: [SourceDiagnostic]) {
        self.all = all.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }
}

/// Suggests the known word closest to a misspelt one ("did you mean `votes_per_person`?").
public enum DidYouMean {
    public static func suggestion(for word: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(word.lowercased(), $0)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        return best.1 <= max(2, word.count / 3) ? best.0 : nil
    }

    static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs), b = Array(rhs)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
