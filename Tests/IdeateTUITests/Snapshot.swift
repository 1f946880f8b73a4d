import Foundation
import IdeateTUI
import Testing

/// Compares a frame with a reviewed snapshot in `Snapshots/NAME.txt`: first the text, then a
/// legend line and a grid of the same size with one letter per cell naming its ``StyleRole``,
/// so a wrong theme role or a warning drawn as plain text fails like a wrong word does. Run
/// with IDEATE_UPDATE_SNAPSHOTS=1 to write them, then read the files before committing.
enum Snapshot {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    static func assert(_ grid: CellGrid, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = folder.appendingPathComponent(name + ".txt")
        let actual = render(grid)
        if ProcessInfo.processInfo.environment["IDEATE_UPDATE_SNAPSHOTS"] == "1" {
            try actual.write(to: file, atomically: true, encoding: .utf8)
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("no snapshot \(name).txt; run with IDEATE_UPDATE_SNAPSHOTS=1 and review it", sourceLocation: sourceLocation)
            return
        }
        guard actual != expected else { return }
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(actualLines, expectedLines).enumerated().first { $1.0 != $1.1 }?.offset ?? min(actualLines.count, expectedLines.count)
        let layer = line < grid.height ? "text of screen row \(line + 1)" : line == grid.height ? "legend of roles" : "roles of screen row \(line - grid.height)"
        let show = { (lines: [Substring]) in line < lines.count ? String(lines[line]) : "(end of file)" }
        Issue.record("""
            frame differs from \(name).txt at line \(line + 1) (\(layer)):
              snapshot: \(show(expectedLines))
              frame:    \(show(actualLines))
            whole frame:
            \(actual)
            """, sourceLocation: sourceLocation)
    }

    /// The snapshot file's text: the frame as text, the legend of the roles it uses, the roles.
    static func render(_ grid: CellGrid) -> String {
        let used = StyleRole.allCases.filter { role in grid.cells.contains { $0.role == role } }
        let legend = "roles: " + used.map { "\(letter(for: $0))=\($0.rawValue)" }.joined(separator: " ")
        let roles = (0..<grid.height).map { y in String((0..<grid.width).map { letter(for: grid[$0, y].role) }) }
        return ([grid.text, legend] + roles).joined(separator: "\n") + "\n"
    }

    /// One letter per role; `.` for plain text so the eye finds what stands out.
    static func letter(for role: StyleRole) -> Character {
        switch role {
        case .text: "."
        case .muted: "m"
        case .title: "T"
        case .heading: "h"
        case .prompt: "p"
        case .accent: "a"
        case .timer: "t"
        case .timerWarning: "w"
        case .timerCritical: "c"
        case .paused: "P"
        case .success: "s"
        case .warning: "W"
        case .danger: "d"
        case .selection: "S"
        case .marked: "M"
        case .bar: "b"
        case .shortlist: "l"
        case .header: "H"
        case .footer: "F"
        case .footerKey: "K"
        case .overlay: "o"
        case .overlayTitle: "O"
        case .input: "i"
        case .placeholder: "_"
        case .qrCode: "Q"
        }
    }
}
