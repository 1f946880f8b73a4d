import IdeateCore

/// The room's view as a function of the session: what the projector shows when the
/// facilitator's console runs on a screen of its own. The same screens as the console's room
/// parts (lobby with the QR code, countdown and revealed ideas, grouping, vote progress,
/// results, the follow-up round, the end) with nothing of the facilitator's: no cursor, no
/// hidden or parked idea, no status line, no key that changes anything, no file path.
public enum WallView {
    public static func render(
        state: SessionState, context: ConsoleContext, earlierPage: Int?, showingHelp: Bool, now: Instant, width: Int, height: Int
    ) -> CellGrid {
        guard width >= ScreenFrame.minimumWidth, height >= ScreenFrame.minimumHeight else {
            return ScreenFrame.tooSmall(width: width, height: height, in: state.roomLanguage)
        }
        let t = Localizer(state.roomLanguage)
        var grid = CellGrid(width: width, height: height)
        var context = context
        context.isWall = true
        // Where files are and what to type next is the facilitator's business.
        (context.runPath, context.minutes, context.portfolio, context.nextSteps) = (nil, nil, nil, [])
        ScreenFrame.drawHeader(&grid, state: state, context: context)
        // No cursor on the wall: while ideas flow the newest stay in view, afterwards the top.
        var model = ConsoleModel()
        model.settle(for: state)
        model.cursorVisible = false
        model.cursor = state.currentPhase?.isIdeaFlow == true ? Int.max : -1
        _ = ConsoleView.drawStage(&grid, state: state, model: model, context: context, earlierPage: earlierPage, now: now)
        ScreenFrame.drawFooter(&grid, hints: [ScreenFrame.KeyHint(key: "?", action: t(ConsolePhrase.keyHelp)),
                                              ScreenFrame.KeyHint(key: "q", action: t(ConsolePhrase.wallKeyLeave))])
        if showingHelp {
            Overlays.box(&grid, title: t(ConsolePhrase.wallHelpTitle), lines: [
                t(ConsolePhrase.wallHelpWhat), t(ConsolePhrase.wallHelpLeave), "", t(ConsolePhrase.wallHelpClose),
            ])
        }
        return grid
    }
}

/// Grouping as the room sees it: the ideas on the wall under their clusters' names (merged ones
/// counted beside the idea they joined), without the facilitator's marks, keys or statuses.
enum WallGroupScreen {
    static func draw(_ grid: inout CellGrid, state: SessionState, now: Instant) {
        let round = state.displayRound
        let t = Localizer(state.roomLanguage)
        var y = 2
        for line in TextLayout.wrap(VisibleText.sanitized(state.plan.rounds[round].prompt, foldingLineBreaks: true),
                                    width: grid.width - 4, maxLines: 2) {
            grid.put(line, x: 2, y: y, role: .prompt)
            y += 1
        }
        if let timer = state.timer {
            let clock = BigDigits.clockText(milliseconds: state.isLocked ? 0 : timer.remainingMilliseconds(at: now))
            grid.put(timer.isPaused ? clock + " " + t(ConsolePhrase.pausedShort) : clock, x: 2, y: y, role: .timer)
            y += 1
        }
        y += 1
        let ideas = state.wallIdeas(round: round)
        let clusters = state.clusters(round: round)
        // Each row: its text, its role, whether it is an idea (indented), and what follows it (merged ideas).
        var rows: [(text: String, role: StyleRole, isIdea: Bool, suffix: String)] = []
        func ideaRow(_ idea: Idea) -> (String, StyleRole, Bool, String) {
            let merged = state.ideasMerged(into: idea.id).count
            let suffix = merged > 0 ? "  " + t(ConsolePhrase.statusMerged, ["count": .number(merged)]) : ""
            return ("• " + VisibleText.sanitized(idea.text, foldingLineBreaks: true), .text, true, suffix)
        }
        for cluster in clusters {
            rows.append((cluster, .heading, false, ""))
            rows += ideas.filter { $0.cluster == cluster }.map(ideaRow)
        }
        let loose = ideas.filter { $0.cluster == nil }
        if !loose.isEmpty, !clusters.isEmpty { rows.append((t(ConsolePhrase.wallUngrouped), .heading, false, "")) }
        rows += loose.map(ideaRow)
        if rows.isEmpty {
            grid.put(t(ConsolePhrase.nothingToGroup), x: 2, y: y, role: .muted, maxWidth: grid.width - 4)
            return
        }
        let bottom = grid.height - 2
        for (index, row) in rows.enumerated() {
            if y == bottom - 1, index < rows.count - 1 {
                let more = rows[index...].filter(\.isIdea).count
                grid.put(t(CommonPhrase.moreBelow, ["count": .number(more)]), x: 2, y: y, role: .muted, maxWidth: grid.width - 4)
                return
            }
            let x = row.isIdea ? 4 : 2
            let suffixWidth = DisplayWidth.of(row.suffix)
            let used = grid.put(row.text, x: x, y: y, role: row.role, maxWidth: max(1, grid.width - x - 2 - suffixWidth))
            grid.put(row.suffix, x: x + used, y: y, role: .accent)
            y += 1
        }
    }
}
