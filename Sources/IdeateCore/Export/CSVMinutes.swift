/// One idea per row, for spreadsheets: RFC 4180 quoting, and no cell can start a formula. The
/// header is the contract: its columns are versioned by ``ExportFormatVersion`` and described in
/// README.md ("Export formats").
public enum CSVMinutes {
    /// The header row, in order. Rounds are 1-based; yes/no columns say `yes` or `no`.
    public static let columns = [
        "round", "prompt", "id", "idea", "cluster", "status", "late", "votes", "rank", "merged_into", "builds_on",
        "spoken_aloud",
    ]

    public static func render(_ report: MinutesReport) -> String {
        var rows = [columns]
        for round in report.rounds {
            for idea in round.ideas {
                rows.append([
                    String(round.number), round.prompt, idea.id, idea.text, idea.cluster ?? "", idea.status,
                    yesOrNo(idea.late), idea.votes.map(String.init) ?? "", idea.rank.map(String.init) ?? "",
                    idea.mergedInto ?? "", idea.buildsOn ?? "", yesOrNo(idea.spokenAloud),
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

    private static func yesOrNo(_ flag: Bool) -> String { flag ? "yes" : "no" }
}
