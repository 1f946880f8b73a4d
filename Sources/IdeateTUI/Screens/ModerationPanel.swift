import IdeateCore

/// What only the facilitator's console shows above the idea lists: the moderation queue (ideas
/// waiting to be let through to the wall, oldest first, the head marked, with its keys) and,
/// while grouping, the likely duplicate pair to merge with one key. Never on the wall.
enum ModerationPanel {
    /// Draws the queue from row `y` in at most `maxRows` rows; returns the rows used (none when
    /// nothing waits or the plan has no moderation).
    static func drawQueue(_ grid: inout CellGrid, state: SessionState, model: ConsoleModel, y: Int, maxRows: Int) -> Int {
        guard state.plan.moderation, maxRows >= 3 else { return 0 }
        let queue = state.heldIdeas(round: state.displayRound)
        guard !queue.isEmpty else { return 0 }
        let t = Localizer(state.roomLanguage)
        let width = grid.width - 4
        var keys = [t(ConsolePhrase.keyAndAction, ["key": "y", "action": .text(t(ConsolePhrase.keyLetThrough))]),
                    t(ConsolePhrase.keyAndAction, ["key": "b", "action": .text(t(ConsolePhrase.keyHoldBack))])]
        if let twin = model.suggestions.queueHeadTwin, let target = state.ideas[twin] {
            keys.append(t(ConsolePhrase.keySameAs, ["key": "=", "idea": .text(VisibleText.sanitized(target.text, foldingLineBreaks: true))]))
        }
        let heading = t(ConsolePhrase.waitingForYou, ["count": .number(queue.count)])
        var row = y
        let used = grid.put(heading, x: 2, y: row, role: .warning, maxWidth: width)
        let keyLine = keys.joined(separator: " · ")
        if used + 3 + DisplayWidth.of(keyLine) <= width {
            grid.put(keyLine, x: 2 + used + 3, y: row, role: .muted)
        } else {
            row += 1
            grid.put(keyLine, x: 4, y: row, role: .muted, maxWidth: width - 2)
        }
        row += 1
        let shown = min(queue.count, max(1, maxRows - (row - y) - 1), 3)
        for (index, idea) in queue.prefix(shown).enumerated() {
            let text = VisibleText.sanitized(idea.text, foldingLineBreaks: true)
            grid.put(index == 0 ? "▶ " + text : "  " + text, x: 2, y: row, role: index == 0 ? .marked : .muted, maxWidth: width)
            row += 1
        }
        if queue.count > shown {
            grid.put(t(CommonPhrase.moreBelow, ["count": .number(queue.count - shown)]), x: 4, y: row, role: .muted, maxWidth: width)
            row += 1
        }
        return row - y + 1
    }

    /// Draws the likely duplicate pair while grouping from row `y`; returns the rows used.
    static func drawDuplicate(_ grid: inout CellGrid, state: SessionState, model: ConsoleModel, y: Int) -> Int {
        guard let pair = model.suggestions.duplicate, let kept = state.ideas[pair.kept], let duplicate = state.ideas[pair.duplicate] else { return 0 }
        let t = Localizer(state.roomLanguage)
        func quoted(_ idea: Idea) -> String {
            let text = VisibleText.sanitized(idea.text, foldingLineBreaks: true)
            return text.count > 40 ? String(text.prefix(39)) + "…" : text
        }
        let sentence = t(ConsolePhrase.likelySame, ["first": .text(quoted(kept)), "second": .text(quoted(duplicate)),
                                                     "words": .text(pair.sharedWords.joined(separator: ", "))])
        let keys = [t(ConsolePhrase.keyAndAction, ["key": "M", "action": .text(t(ConsolePhrase.keyMergeThem))]),
                    t(ConsolePhrase.keyAndAction, ["key": "D", "action": .text(t(ConsolePhrase.keyNotSame))])].joined(separator: " · ")
        let lines = TextLayout.wrap(sentence, width: grid.width - 4, maxLines: 2)
        for (offset, line) in lines.enumerated() { grid.put(line, x: 2, y: y + offset, role: .accent) }
        grid.put(keys, x: 4, y: y + lines.count, role: .muted, maxWidth: grid.width - 6)
        return lines.count + 2
    }
}
