import IdeateCore

/// Grouping: the facilitator merges duplicates, names clusters, parks off-topic ideas and
/// hides what needs moderation, all with the keyboard and all undoable.
enum GroupScreen {
    /// Returns the list's first row as drawn (the screen keeps it for the next frame).
    static func draw(_ grid: inout CellGrid, state: SessionState, model: ConsoleModel, now: Instant) -> Int {
        let round = state.displayRound
        let t = Localizer(state.roomLanguage)
        grid.put(state.plan.rounds[round].prompt, x: 2, y: 2, role: .prompt, maxWidth: grid.width - 4)
        var items = [(t(CommonPhrase.keySpace), ConsolePhrase.keyMark), ("m", .keyMergeMarked), ("c", .keyNameCluster), ("r", .keyRename),
                     ("k", .keyPark), ("h", .keyHide), ("s", .keySplit), ("u", .keyUndo)]
            .map { t(ConsolePhrase.keyAndAction, ["key": .text($0.0), "action": .text(t($0.1))]) }
        if let timer = state.timer {
            let clock = BigDigits.clockText(milliseconds: state.isLocked ? 0 : timer.remainingMilliseconds(at: now))
            items.insert(timer.isPaused ? clock + " " + t(ConsolePhrase.pausedShort) : clock, at: 0)
        }
        // Whole hints on two rows; what does not fit is in the help (?).
        for (row, line) in packed(items, width: grid.width - 4, rows: 2).enumerated() {
            grid.put(line, x: 2, y: 3 + row, role: .muted)
        }
        let statuses = [t(ConsolePhrase.statusHidden), t(ConsolePhrase.statusParked), t(ConsolePhrase.statusLate),
                        t(ConsolePhrase.statusMerged, ["count": 99])]
        let clusterWidth = grid.width >= 110 ? 24 : 16
        let statusWidth = max(9, statuses.map(DisplayWidth.of).max()!)
        let textX = 6
        let textWidth = grid.width - textX - clusterWidth - statusWidth - 6
        var y = 5
        y += ModerationPanel.drawQueue(&grid, state: state, model: model, y: y, maxRows: grid.height - 2 - y - 4)
        y += ModerationPanel.drawDuplicate(&grid, state: state, model: model, y: y)
        grid.put(t(ConsolePhrase.columnIdea), x: textX, y: y, role: .heading, maxWidth: textWidth)
        grid.put(t(ConsolePhrase.columnCluster), x: textX + textWidth + 2, y: y, role: .heading, maxWidth: clusterWidth)
        grid.put(t(ConsolePhrase.columnStatus), x: textX + textWidth + clusterWidth + 4, y: y, role: .heading, maxWidth: statusWidth)
        let ids = ConsoleLists.ideas(for: state, model: model)
        if ids.isEmpty {
            grid.put(t(ConsolePhrase.nothingToGroup), x: 2, y: y + 2, role: .muted, maxWidth: grid.width - 4)
            return model.scroll
        }
        var list = ScrollingList(x: 2, y: y + 1, width: grid.width - 4, height: grid.height - 3 - y)
        list.language = state.roomLanguage
        return list.draw(&grid, count: ids.count, cursor: model.cursor, scroll: model.scroll, itemHeight: { _ in 1 }) { grid, index, x, y, selected in
            guard let idea = state.ideas[ids[index]] else { return }
            let isMarked = model.marked.contains(idea.id)
            let merged = state.ideasMerged(into: idea.id).count
            let role: StyleRole = selected ? .selection : (idea.isHidden || idea.isParked ? .muted : .text)
            if selected { grid.fill(x: x, y: y, width: list.width, height: 1, role: .selection) }
            grid.put(isMarked ? "[x]" : "[ ]", x: x, y: y, role: selected ? .selection : (isMarked ? .marked : .muted))
            grid.put(idea.text, x: textX, y: y, role: isMarked && !selected ? .marked : role, maxWidth: textWidth)
            grid.put(idea.cluster ?? "—", x: textX + textWidth + 2, y: y, role: selected ? .selection : .accent, maxWidth: clusterWidth)
            let status = idea.isHidden ? statuses[0] : idea.isParked ? statuses[1]
                : merged > 0 ? t(ConsolePhrase.statusMerged, ["count": .number(merged)]) : idea.isLate ? statuses[2] : ""
            grid.put(status, x: textX + textWidth + clusterWidth + 4, y: y, role: selected ? .selection : .muted, maxWidth: statusWidth)
        }
    }

    /// `items` joined by " · " into at most `rows` lines of `width` columns, whole items only.
    static func packed(_ items: [String], width: Int, rows: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for item in items {
            let candidate = line.isEmpty ? item : line + " · " + item
            if DisplayWidth.of(candidate) <= width {
                line = candidate
            } else if lines.count + 1 < rows, DisplayWidth.of(item) <= width {
                lines.append(line)
                line = item
            }
        }
        return line.isEmpty ? lines : lines + [line]
    }
}
