import Foundation
import IdeateTUI
import Testing

/// Compares a frame, as text, with a reviewed snapshot in `Snapshots/NAME.txt`. Run with
/// IDEATE_UPDATE_SNAPSHOTS=1 to write them, then read the files before committing.
enum Snapshot {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    static func assert(_ grid: CellGrid, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = folder.appendingPathComponent(name + ".txt")
        let actual = grid.text + "\n"
        if ProcessInfo.processInfo.environment["IDEATE_UPDATE_SNAPSHOTS"] == "1" {
            try actual.write(to: file, atomically: true, encoding: .utf8)
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("no snapshot \(name).txt; run with IDEATE_UPDATE_SNAPSHOTS=1 and review it", sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, "frame differs from \(name).txt:\n\(actual)", sourceLocation: sourceLocation)
    }
}
