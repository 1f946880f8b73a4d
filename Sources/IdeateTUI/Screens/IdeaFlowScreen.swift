import Foundation
import IdeateCore

/// Ideate and build: the question, the countdown, and the wall filling in batches. No author,
/// no arrival time, no vote anywhere on this screen.
enum IdeaFlowScreen {
    /// Returns the list's first row as drawn (the screen keeps it for the next frame).
    static func draw(_ grid: inout CellGrid, state: SessionState, model: ConsoleModel, context: ConsoleContext, now: Instant) -> Int {
        let round = state.displayRound
        let t = Localizer(state.roomLanguage)
        var (y, infoX) = Countdown.drawPromptAndClock(&grid, state: state, now: now)
        let wallCount = state.wallIdeaIDs(round: round).count
        var info = [(t(ConsolePhrase.onTheWall, ["count": .number(wallCount)]), StyleRole.title)]
        if let rate = ideasPerMinute(state: state, count: wallCount, now: now) { info.append((rate, .text)) }
        if state.doneCount > 0, !state.isLocked {
            info.append((t(ConsolePhrase.doneCount, ["count": .number(state.doneCount), "total": .number(state.participants.count)]), .accent))
        }
        let waiting = state.pending.filter { state.ideas[$0]?.round == round }.count
        if waiting > 0 { info.append((t(ConsolePhrase.waitingForBatch, ["count": .number(waiting)]), .muted)) }
        if state.currentPhase == .build { info.append((t(ConsolePhrase.buildHint), .accent)) }
        InfoColumn.draw(&grid, lines: info, state: Countdown.stateLine(state, now: now), x: infoX, y: y)
        y += BigDigits.height + 1
        if !context.isWall { y += ModerationPanel.drawQueue(&grid, state: state, model: model, y: y, maxRows: grid.height - 2 - y - 3) }
        let ids = ConsoleLists.ideas(for: state, model: model)
        if ids.isEmpty {
            let hint = t(model.searchQuery.isEmpty ? ConsolePhrase.wallEmpty : ConsolePhrase.noMatch)
            for (offset, line) in TextLayout.wrap(hint, width: grid.width - 4, maxLines: 2).enumerated() {
                grid.put(line, x: 2, y: y + offset, role: .muted)
            }
            return model.scroll
        }
        var list = ScrollingList(x: 2, y: y, width: grid.width - 4, height: grid.height - 2 - y, columns: grid.width >= 110 ? 2 : 1)
        list.language = state.roomLanguage
        list.showsCursor = model.cursorVisible
        let textWidth = list.columnWidth - 2
        var wrapped: [Int: [String]] = [:]
        func lines(_ index: Int) -> [String] {
            if let lines = wrapped[index] { return lines }
            let text = VisibleText.sanitized(state.ideas[ids[index]]?.text ?? "", foldingLineBreaks: true)
            let lines = TextLayout.wrap(text, width: textWidth, maxLines: 2)
            wrapped[index] = lines
            return lines
        }
        return list.draw(&grid, count: ids.count, cursor: model.cursor, scroll: model.scroll,
                  itemHeight: { max(1, lines($0).count) }) { grid, index, x, y, selected in
            guard let idea = state.ideas[ids[index]] else { return }
            let lines = lines(index)
            let role: StyleRole = selected ? .selection : .text
            grid.put(idea.extends == nil ? "•" : "+", x: x, y: y, role: selected ? .selection : .accent)
            for (offset, line) in lines.enumerated() {
                grid.put(line, x: x + 2, y: y + offset, role: role)
            }
        }
    }

    static func ideasPerMinute(state: SessionState, count: Int, now: Instant) -> String? {
        guard let started = state.phaseHistory.last?.startedAt else { return nil }
        let minutes = Double(now.milliseconds(since: started)) / 60_000
        guard minutes >= 0.25 else { return nil }
        let t = Localizer(state.roomLanguage)
        return t(ConsolePhrase.perMinute, ["rate": .text(t.decimal(Double(count) / minutes, digits: 1))])
    }
}
