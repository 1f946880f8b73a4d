import IdeateCore

/// Grouping: the facilitator merges duplicates, names clusters, parks off-topic ideas and
/// hides what needs moderation, all with the keyboard and all undoable.
enum GroupScreen {
    /// Returns the list's first row as drawn (the screen keeps it for the next frame).
    static func draw(_ grid: inout CellGrid, state: SessionState, model: ConsoleModel, now: Instant) -> Int {
        let round = state.displayRound
        grid.put(state.plan.rounds[round].prompt, x: 2, y: 2, role: .prompt, maxWidth: grid.width - 4)
        var info = "Space mark · m merge marked into this · c name cluster · r rename · k park · h hide · s split · u undo"
        if let timer = state.timer {
            info = BigDigits.clockText(milliseconds: state.isLocked ? 0 : timer.remainingMilliseconds(at: now)) + (timer.isPaused ? " PAUSED" : "") + "  ·  " + info
        }
        grid.put(info, x: 2, y: 3, role: .muted, maxWidth: grid.width - 4)
        let clusterWidth = grid.width >= 110 ? 24 : 16
        let statusWidth = 9
        let textX = 6
        let textWidth = grid.width - textX - clusterWidth - statusWidth - 6
        let y = 5
        grid.put("Idea", x: textX, y: y, role: .heading)
        grid.put("Cluster", x: textX + textWidth + 2, y: y, role: .heading)
        grid.put("Status", x: textX + textWidth + clusterWidth + 4, y: y, role: .heading)
        let ids = ConsoleLists.ideas(for: state, model: model)
        if ids.isEmpty {
            grid.put("No ideas to group.", x: 2, y: y + 2, role: .muted)
            return model.scroll
        }
        let list = ScrollingList(x: 2, y: y + 1, width: grid.width - 4, height: grid.height - 3 - y)
        return list.draw(&grid, count: ids.count, cursor: model.cursor, scroll: model.scroll, itemHeight: { _ in 1 }) { grid, index, x, y, selected in
            guard let idea = state.ideas[ids[index]] else { return }
            let isMarked = model.marked.contains(idea.id)
            let merged = state.ideasMerged(into: idea.id).count
            let role: StyleRole = selected ? .selection : (idea.isHidden || idea.isParked ? .muted : .text)
            if selected { grid.fill(x: x, y: y, width: list.width, height: 1, role: .selection) }
            grid.put(isMarked ? "[x]" : "[ ]", x: x, y: y, role: selected ? .selection : (isMarked ? .marked : .muted))
            grid.put(idea.text, x: textX, y: y, role: isMarked && !selected ? .marked : role, maxWidth: textWidth)
            grid.put(idea.cluster ?? "—", x: textX + textWidth + 2, y: y, role: selected ? .selection : .accent, maxWidth: clusterWidth)
            let status = idea.isHidden ? "hidden" : idea.isParked ? "parked" : merged > 0 ? "+\(merged) merged" : idea.isLate ? "late" : ""
            grid.put(status, x: textX + textWidth + clusterWidth + 4, y: y, role: selected ? .selection : .muted, maxWidth: statusWidth)
        }
    }
}
