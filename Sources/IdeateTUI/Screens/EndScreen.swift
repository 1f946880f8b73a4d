import IdeateCore

/// The end: a summary for the room, where the minutes were written, and what went into the
/// portfolio.
enum EndScreen {
    static func draw(_ grid: inout CellGrid, state: SessionState, context: ConsoleContext) {
        let report = MinutesReport(state: state)
        let t = Localizer(state.roomLanguage)
        let width = grid.width - 4
        grid.put(t(ConsolePhrase.endThanks), x: 2, y: 2, role: .title, maxWidth: width)
        var summary = [t.count(.participants, report.participants), t.count(.ideas, report.ideaCount), t.count(.votes, report.voteCount)]
        if let start = report.startedAt, let end = report.finishedAt {
            let minutes = max(1, Int((end.milliseconds(since: start) + 30_000) / 60_000))
            summary.append(t(ConsolePhrase.endTook, ["took": .text(t.duration(seconds: minutes * 60)),
                                                     "planned": .text(t.duration(seconds: report.plannedSeconds))]))
        }
        var y = 3
        for line in TextLayout.wrap(summary.joined(separator: " · "), width: width, maxLines: 2) {
            grid.put(line, x: 2, y: y, role: .text)
            y += 1
        }
        y += 1
        // What comes after the experiments, each sentence wrapped (a long path goes on a line of
        // its own); the experiments get the rows that are left.
        let below = outcomeLines(context: context, t: t).flatMap { text, role in
            TextLayout.wrap(text, width: width, maxLines: 3).map { ($0, role) }
        }
        let stepColumn = 4 + (context.nextSteps.map { DisplayWidth.of($0.purpose) }.max() ?? 0) + 2
        let stepLines = context.nextSteps.map { stepColumn + DisplayWidth.of($0.command) <= grid.width - 2 ? 1 : 2 }
        let reserved = below.count + (context.nextSteps.isEmpty ? 0 : stepLines.reduce(0, +) + 2)
        let entries = report.rounds.flatMap(\.shortlist)
        if entries.isEmpty { grid.put(t(ConsolePhrase.endNoneRecorded), x: 4, y: y, role: .muted, maxWidth: width - 2); y += 1 }
        // Two rows per experiment, as many as fit; when some do not, the heading counts them all.
        let fitting = min(entries.count, max(0, (grid.height - 7 - reserved - y - 1) / 2))
        let heading = fitting < entries.count ? t(ConsolePhrase.endExperimentsCount, ["count": .number(entries.count)]) : t(ConsolePhrase.endExperiments)
        grid.put(heading, x: 2, y: y, role: .heading, maxWidth: width)
        y += 1
        for entry in entries.prefix(fitting) {
            grid.put("★ " + entry.text, x: 4, y: y, role: .shortlist, maxWidth: grid.width - 8)
            if let card = entry.review?.experiment {
                let owner = card.owner.isEmpty ? "—" : card.owner, date = card.reviewDate.isEmpty ? "—" : card.reviewDate
                grid.put(t(ConsolePhrase.endOwnerReview, ["owner": .text(owner), "date": .text(date)]),
                         x: 6, y: y + 1, role: .muted, maxWidth: grid.width - 10)
            } else {
                grid.put(t(ConsolePhrase.endNoExperiment), x: 6, y: y + 1, role: .muted, maxWidth: grid.width - 10)
            }
            y += 2
        }
        y += 1
        grid.put(t(ConsolePhrase.endActionItems, ["count": .number(report.actionItems.count)]), x: 2, y: y, role: .text, maxWidth: width)
        y += 1
        for (line, role) in below {
            y += 1
            grid.put(line, x: 2, y: y, role: role)
        }
        if !context.nextSteps.isEmpty {
            y += 2
            grid.put(t(ConsolePhrase.endNextTry), x: 2, y: y, role: .heading, maxWidth: width)
            // A command too long for its column goes on a line of its own below its purpose.
            for (step, lines) in zip(context.nextSteps, stepLines) {
                y += 1
                grid.put(step.purpose, x: 4, y: y, role: .text)
                if lines == 2 { y += 1 }
                let x = lines == 2 ? 6 : stepColumn
                grid.put(step.command, x: x, y: y, role: .accent, maxWidth: grid.width - x - 2)
            }
        }
        if !context.isWall { grid.put(t(ConsolePhrase.endPressQ), x: 2, y: y + 2, role: .muted, maxWidth: width) }
    }

    /// Where the minutes went and what the portfolio took, or why not and what to type instead.
    private static func outcomeLines(context: ConsoleContext, t: Localizer) -> [(String, StyleRole)] {
        var lines: [(String, StyleRole)] = []
        switch context.minutes {
        case let .written(path)?:
            lines.append((t(ConsolePhrase.endMinutesWritten, ["path": .text(path)]), .success))
        case let .notWritten(reason)?:
            lines.append((t(ConsolePhrase.endMinutesNotWritten, ["reason": .text(reason)]), .warning))
            if let run = context.runPath { lines.append((t(ConsolePhrase.endInRunFile, ["command": .text("ideate export " + run)]), .accent)) }
        case nil:
            if let run = context.runPath { lines.append((t(ConsolePhrase.endMinutesCommand, ["command": .text("ideate export " + run)]), .accent)) }
        }
        switch context.portfolio {
        case let .added(path, summary)?:
            lines.append((t(ConsolePhrase.endAdded, ["path": .text(path), "summary": .text(summary)]), .success))
        case let .alreadyThere(path)?:
            lines.append((t(ConsolePhrase.endAlreadyThere, ["path": .text(path)]), .success))
        case let .notAdded(reason)?:
            lines.append((t(ConsolePhrase.endNotAdded, ["reason": .text(reason)]), .warning))
            if let run = context.runPath { lines.append((t(ConsolePhrase.endAddLater, ["command": .text("ideate portfolio add " + run)]), .accent)) }
        case nil:
            break
        }
        return lines
    }
}
