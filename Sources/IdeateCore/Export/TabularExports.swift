import Foundation

/// One idea per row, for spreadsheets: RFC 4180 quoting, and no cell can start a formula.
public enum CSVMinutes {
    public static func render(_ report: MinutesReport) -> String {
        var rows = [["round", "prompt", "id", "idea", "cluster", "status", "late", "votes", "rank", "merged_into", "builds_on"]]
        for round in report.rounds {
            for idea in round.ideas {
                rows.append([
                    String(round.number), round.prompt, idea.id, idea.text, idea.cluster ?? "", idea.status,
                    idea.late ? "yes" : "no", idea.votes.map(String.init) ?? "", idea.rank.map(String.init) ?? "",
                    idea.mergedInto ?? "", idea.buildsOn ?? "",
                ])
            }
        }
        return rows.map { $0.map(cell).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// A quoted cell; text that a spreadsheet would run as a formula gets a leading apostrophe.
    public static func cell(_ text: String) -> String {
        var value = VisibleText.sanitized(text, foldingLineBreaks: true)
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
            value = "'" + value
        }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// The whole report as JSON: every idea with its id, text, cluster, status and votes.
public enum JSONMinutes {
    public static func render(_ report: MinutesReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
    }
}
