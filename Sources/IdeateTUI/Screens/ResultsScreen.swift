import IdeateCore

/// After the vote: ideas ranked with bars and counts, the shortlist marked with ★. In review
/// and at the end, each shortlisted idea also says whether its experiment is recorded.
enum ResultsScreen {
    /// Returns the list's first row as drawn (the screen keeps it for the next frame).
    static func draw(_ grid: inout CellGrid, state: SessionState, model: ConsoleModel) -> Int {
        let round = state.displayRound
        let results = state.results(round: round) ?? []
        let shortlist = Set(state.shortlist(round: round).map(\.idea.id))
        let reviewing = state.currentPhase == .review || state.stage == .finished
        let t = Localizer(state.roomLanguage)
        grid.put(t(reviewing ? ConsolePhrase.reviewTitle : ConsolePhrase.resultsTitle), x: 2, y: 2, role: .title, maxWidth: grid.width - 4)
        let legend = t(reviewing ? ConsolePhrase.legendReviewing : ConsolePhrase.legendResults, ["count": .number(state.plan.voting.shortlist)])
        grid.put(legend, x: 2, y: 3, role: .muted, maxWidth: grid.width - 4)
        let (done, toReview) = (t(ConsolePhrase.experimentDone), t(ConsolePhrase.toReview))
        let ids = ConsoleLists.ideas(for: state, model: model)
        let votes = Dictionary(uniqueKeysWithValues: results.map { ($0.idea.id, $0.votes) })
        let rank = Dictionary(uniqueKeysWithValues: results.enumerated().map { ($1.idea.id, $0 + 1) })
        let top = max(1, results.first?.votes ?? 1)
        let barWidth = grid.width >= 110 ? 30 : 16
        let statusWidth = reviewing ? max(DisplayWidth.of(done), DisplayWidth.of(toReview)) + 2 : 0
        let textWidth = grid.width - 4 - 8 - barWidth - 6 - statusWidth
        var list = ScrollingList(x: 2, y: 5, width: grid.width - 4, height: grid.height - 7)
        list.language = state.roomLanguage
        return list.draw(&grid, count: ids.count, cursor: model.cursor, scroll: model.scroll, itemHeight: { _ in 1 }) { grid, index, x, y, selected in
            guard let idea = state.ideas[ids[index]] else { return }
            let isShortlisted = shortlist.contains(idea.id)
            let count = votes[idea.id] ?? 0
            if selected { grid.fill(x: x, y: y, width: list.width, height: 1, role: .selection) }
            let base: StyleRole = selected ? .selection : .text
            grid.put(String(rank[idea.id] ?? 0), x: x, y: y, role: base, maxWidth: 4)
            grid.put(isShortlisted ? "★" : " ", x: x + 5, y: y, role: selected ? .selection : .shortlist)
            grid.put(idea.text, x: x + 7, y: y, role: isShortlisted && !selected ? .shortlist : base, maxWidth: textWidth)
            let barX = x + 8 + textWidth
            let length = count == 0 ? 0 : max(1, count * barWidth / top)
            grid.put(String(repeating: "█", count: length), x: barX, y: y, role: selected ? .selection : .bar)
            grid.put(String(count), x: barX + barWidth + 1, y: y, role: base)
            if reviewing, isShortlisted {
                let recorded = state.reviews[idea.id]?.experiment != nil
                grid.put(recorded ? done : toReview, x: barX + barWidth + 5, y: y,
                         role: selected ? .selection : (recorded ? .success : .muted))
            }
        }
    }
}
