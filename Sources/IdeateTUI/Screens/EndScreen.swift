import IdeateCore

/// The end: a summary for the room, where the minutes were written, and what went into the
/// portfolio.
enum EndScreen {
    static func draw(_ grid: inout CellGrid, state: SessionState, context: ConsoleContext) {
        let report = MinutesReport(state: state)
        grid.put("The workshop has ended — thank you!", x: 2, y: 2, role: .title)
        var duration = ""
        if let start = report.startedAt, let end = report.finishedAt {
            let minutes = max(1, Int((end.milliseconds(since: start) + 30_000) / 60_000))
            duration = " · \(minutes) min (planned \(DurationText.humanText(for: report.plannedSeconds)))"
        }
        grid.put("\(report.participants) participants · \(report.ideaCount) ideas · \(report.voteCount) votes" + duration,
                 x: 2, y: 3, role: .text, maxWidth: grid.width - 4)
        var y = 5
        let entries = report.rounds.flatMap(\.shortlist)
        if entries.isEmpty { grid.put("none recorded", x: 4, y: y, role: .muted); y += 1 }
        let stepColumn = 4 + (context.nextSteps.map { DisplayWidth.of($0.purpose) }.max() ?? 0) + 2
        let stepLines = context.nextSteps.map { stepColumn + DisplayWidth.of($0.command) <= grid.width - 2 ? 1 : 2 }
        // Rows the lines below the experiments need beyond the action items, the minutes and
        // "Press q", so that nothing reaches the status row.
        var reserved = context.nextSteps.isEmpty ? 0 : stepLines.reduce(0, +) + 2
        if case .notWritten? = context.minutes, context.runPath != nil { reserved += 1 }
        if context.portfolio != nil { reserved += 1 }
        if case .notAdded? = context.portfolio, context.runPath != nil { reserved += 1 }
        // Two rows per experiment, as many as fit; when some do not, the heading counts them all.
        let fitting = min(entries.count, max(0, (grid.height - 8 - reserved - y - 1) / 2))
        grid.put("Experiments we agreed on" + (fitting < entries.count ? ": \(entries.count)" : ""), x: 2, y: y, role: .heading)
        y += 1
        for entry in entries.prefix(fitting) {
            grid.put("★ " + entry.text, x: 4, y: y, role: .shortlist, maxWidth: grid.width - 8)
            if let card = entry.review?.experiment {
                grid.put("owner \(card.owner.isEmpty ? "—" : card.owner) · review \(card.reviewDate.isEmpty ? "—" : card.reviewDate)",
                         x: 6, y: y + 1, role: .muted, maxWidth: grid.width - 10)
            } else {
                grid.put("no experiment recorded", x: 6, y: y + 1, role: .muted)
            }
            y += 2
        }
        y += 1
        grid.put("\(report.actionItems.count) action item\(report.actionItems.count == 1 ? "" : "s") with owners and dates.", x: 2, y: y, role: .text)
        y += 2
        switch context.minutes {
        case let .written(path)?:
            grid.put("Minutes written to " + path, x: 2, y: y, role: .success, maxWidth: grid.width - 4)
        case let .notWritten(reason)?:
            grid.put("⚠ Minutes not written: " + reason, x: 2, y: y, role: .warning, maxWidth: grid.width - 4)
            if let run = context.runPath {
                y += 1
                grid.put("Everything is in the run file: ideate export " + run, x: 2, y: y, role: .accent, maxWidth: grid.width - 4)
            }
        case nil:
            guard let run = context.runPath else { break }
            grid.put("Minutes: ideate export " + run, x: 2, y: y, role: .accent, maxWidth: grid.width - 4)
        }
        y = portfolioLines(&grid, y: y, context: context)
        if !context.nextSteps.isEmpty {
            y += 2
            grid.put("Next, try", x: 2, y: y, role: .heading)
            // A command too long for its column goes on a line of its own below its purpose.
            for (step, lines) in zip(context.nextSteps, stepLines) {
                y += 1
                grid.put(step.purpose, x: 4, y: y, role: .text)
                if lines == 2 { y += 1 }
                let x = lines == 2 ? 6 : stepColumn
                grid.put(step.command, x: x, y: y, role: .accent, maxWidth: grid.width - x - 2)
            }
        }
        grid.put("Press q to leave.", x: 2, y: y + 2, role: .muted)
    }

    /// The portfolio's outcome under the minutes' line; the row of the last line drawn.
    private static func portfolioLines(_ grid: inout CellGrid, y: Int, context: ConsoleContext) -> Int {
        var y = y
        switch context.portfolio {
        case let .added(path, summary)?:
            y += 1
            grid.put("Added to the portfolio \(path): \(summary)", x: 2, y: y, role: .success, maxWidth: grid.width - 4)
        case let .alreadyThere(path)?:
            y += 1
            grid.put("Already in the portfolio " + path, x: 2, y: y, role: .success, maxWidth: grid.width - 4)
        case let .notAdded(reason)?:
            y += 1
            grid.put("⚠ Not added to the portfolio: " + reason, x: 2, y: y, role: .warning, maxWidth: grid.width - 4)
            if let run = context.runPath {
                y += 1
                grid.put("Add it later: ideate portfolio add " + run, x: 2, y: y, role: .accent, maxWidth: grid.width - 4)
            }
        case nil:
            break
        }
        return y
    }
}
