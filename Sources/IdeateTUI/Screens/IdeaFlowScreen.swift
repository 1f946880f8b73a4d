import Foundation
import IdeateCore

/// Ideate and build: the question, the countdown, and the wall filling in batches. No author,
/// no arrival time, no vote anywhere on this screen.
enum IdeaFlowScreen {
    /// Returns the list's first row as drawn (the screen keeps it for the next frame).
    static func draw(_ grid: inout CellGrid, state: SessionState, model: ConsoleModel, now: Instant) -> Int {
        let round = state.displayRound
        var (y, infoX) = Countdown.drawPromptAndClock(&grid, state: state, now: now)
        let wallCount = state.wallIdeaIDs(round: round).count
        grid.put("\(wallCount) idea\(wallCount == 1 ? "" : "s") on the wall", x: infoX, y: y, role: .title)
        if let rate = ideasPerMinute(state: state, count: wallCount, now: now) {
            grid.put(rate, x: infoX, y: y + 1, role: .text)
        }
        let waiting = state.pending.filter { state.ideas[$0]?.round == round }.count
        if waiting > 0 {
            grid.put("\(waiting) waiting for the next batch", x: infoX, y: y + 2, role: .muted)
        }
        if state.currentPhase == .build {
            grid.put("Build on each other's ideas: “yes, and …”", x: infoX, y: y + 3, role: .accent, maxWidth: grid.width - infoX - 1)
        }
        if let (line, role) = Countdown.stateLine(state, now: now) {
            grid.put(line, x: infoX, y: y + 4, role: role, maxWidth: grid.width - infoX - 1)
        }
        y += BigDigits.height + 1
        let ids = ConsoleLists.ideas(for: state, model: model)
        if ids.isEmpty {
            let hint = model.searchQuery.isEmpty ? "Ideas appear here in shuffled batches. Nobody sees who wrote what." : "No idea matches the search."
            grid.put(hint, x: 2, y: y, role: .muted, maxWidth: grid.width - 4)
            return model.scroll
        }
        var list = ScrollingList(x: 2, y: y, width: grid.width - 4, height: grid.height - 2 - y, columns: grid.width >= 110 ? 2 : 1)
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
        return String(format: "%.1f ideas per minute", Double(count) / minutes)
    }
}
