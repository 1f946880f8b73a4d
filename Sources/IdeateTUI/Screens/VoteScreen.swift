import IdeateCore

/// The vote: the countdown and how many have voted. Tallies stay hidden until it closes.
enum VoteScreen {
    /// Returns the list's first row as drawn (the screen keeps it for the next frame).
    static func draw(_ grid: inout CellGrid, state: SessionState, model: ConsoleModel, now: Instant) -> Int {
        let round = state.displayRound
        var (y, infoX) = Countdown.drawPromptAndClock(&grid, state: state, now: now)
        let voters = state.voterCount(round: round)
        grid.put("\(voters) of \(state.participants.count) have voted", x: infoX, y: y, role: .title)
        let voting = state.plan.voting
        grid.put("\(voting.votesPerPerson) dots each, at most \(voting.maxVotesPerIdea) per idea", x: infoX, y: y + 1, role: .text)
        grid.put("Counts stay hidden until the vote closes.", x: infoX, y: y + 2, role: .muted, maxWidth: grid.width - infoX - 1)
        if let (line, role) = Countdown.stateLine(state, now: now) {
            grid.put(line, x: infoX, y: y + 4, role: role, maxWidth: grid.width - infoX - 1)
        }
        y += BigDigits.height + 1
        let ids = ConsoleLists.ideas(for: state, model: model)
        let list = ScrollingList(x: 2, y: y, width: grid.width - 4, height: grid.height - 2 - y, columns: grid.width >= 110 ? 2 : 1)
        return list.draw(&grid, count: ids.count, cursor: model.cursor, scroll: model.scroll, itemHeight: { _ in 1 }) { grid, index, x, y, selected in
            let number = String(index + 1)
            grid.put(number, x: x, y: y, role: .accent)
            grid.put(state.ideas[ids[index]]?.text ?? "", x: x + number.count + 1, y: y, role: selected ? .selection : .text,
                     maxWidth: list.columnWidth - number.count - 1)
        }
    }
}
