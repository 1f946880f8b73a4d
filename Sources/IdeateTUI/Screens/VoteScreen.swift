import IdeateCore

/// The vote: the countdown and how many have voted. Tallies stay hidden until it closes.
enum VoteScreen {
    /// Returns the list's first row as drawn (the screen keeps it for the next frame).
    static func draw(_ grid: inout CellGrid, state: SessionState, model: ConsoleModel, now: Instant) -> Int {
        let round = state.displayRound
        var (y, infoX) = Countdown.drawPromptAndClock(&grid, state: state, now: now)
        let t = Localizer(state.roomLanguage)
        let voting = state.plan.voting
        let voted = t(ConsolePhrase.haveVoted, ["count": .number(state.voterCount(round: round)), "total": .number(state.participants.count)])
        InfoColumn.draw(&grid, lines: [(voted, .title), (t.dotsEach(voting.votesPerPerson, maxPerIdea: voting.maxVotesPerIdea), .text),
                                       (t(ConsolePhrase.countsHidden), .muted)],
                        state: Countdown.stateLine(state, now: now), x: infoX, y: y)
        y += BigDigits.height + 1
        let ids = ConsoleLists.ideas(for: state, model: model)
        var list = ScrollingList(x: 2, y: y, width: grid.width - 4, height: grid.height - 2 - y, columns: grid.width >= 110 ? 2 : 1)
        list.language = state.roomLanguage
        return list.draw(&grid, count: ids.count, cursor: model.cursor, scroll: model.scroll, itemHeight: { _ in 1 }) { grid, index, x, y, selected in
            let number = String(index + 1)
            grid.put(number, x: x, y: y, role: .accent)
            grid.put(state.ideas[ids[index]]?.text ?? "", x: x + number.count + 1, y: y, role: selected ? .selection : .text,
                     maxWidth: list.columnWidth - number.count - 1)
        }
    }
}
