import IdeateCore

/// Impact and effort: while the room rates, the countdown, how many have rated and the
/// shortlist (figures hidden); once the phase closed, the 2×2 (``RatingChart``) beside each
/// idea's medians and spreads, the ones the room disagrees on flagged.
enum RatingScreen {
    static func draw(_ grid: inout CellGrid, state: SessionState, now: Instant) {
        let round = state.displayRound
        let t = Localizer(state.roomLanguage)
        if let rated = state.ratingResults(round: round) {
            drawResults(&grid, rated: rated, t)
            return
        }
        var (y, infoX) = Countdown.drawPromptAndClock(&grid, state: state, now: now)
        let rated = t(ConsolePhrase.haveRated, ["count": .number(state.raterCount(round: round)), "total": .number(state.participants.count)])
        InfoColumn.draw(&grid, lines: [(rated, .title), (t(ConsolePhrase.rateHow), .text), (t(ConsolePhrase.ratingsHidden), .muted)],
                        state: Countdown.stateLine(state, now: now), x: infoX, y: y)
        y += BigDigits.height + 1
        for (index, ranked) in state.shortlist(round: round).enumerated() where y < grid.height - 2 {
            let number = String(index + 1)
            grid.put(number, x: 2, y: y, role: .accent)
            grid.put(VisibleText.sanitized(ranked.idea.text, foldingLineBreaks: true), x: 4 + number.count, y: y, role: .text,
                     maxWidth: grid.width - 6 - number.count)
            y += 1
        }
    }

    private static func drawResults(_ grid: inout CellGrid, rated: [RatedIdea], _ t: Localizer) {
        grid.put(t(ConsolePhrase.ratingTitle), x: 2, y: 2, role: .title, maxWidth: grid.width - 4)
        let numbers = rated.indices.map { $0 + 1 }
        let chart = RatingChart.lines(rated, numbers: numbers, localizer: t)
        let chartWidth = chart.map(DisplayWidth.of).max() ?? 0
        let beside = grid.width - 4 - chartWidth >= 36
        for (offset, line) in chart.enumerated() where 4 + offset < grid.height - 2 {
            grid.put(line, x: 2, y: 4 + offset, role: offset == 0 ? .heading : .text)
        }
        var x = beside ? chartWidth + 5 : 2
        var y = beside ? 4 : 4 + chart.count + 1
        let width = grid.width - x - 2
        if !beside, y >= grid.height - 3 { (x, y) = (2, 4 + chart.count) }
        for (number, idea) in zip(numbers, rated) where y < grid.height - 2 {
            let label = "\(number) "
            grid.put(label, x: x, y: y, role: .accent)
            grid.put(VisibleText.sanitized(idea.idea.text, foldingLineBreaks: true), x: x + label.count, y: y, role: .text,
                     maxWidth: width - label.count)
            y += 1
            guard y < grid.height - 2 else { break }
            let figures = RatingChart.figures(idea, t)
            var lines = TextLayout.wrap(figures, width: width - label.count, maxLines: 3).map { ($0, StyleRole.muted) }
            if idea.isDisputed { lines += TextLayout.wrap(t(CommonPhrase.disputed), width: width - label.count, maxLines: 2).map { ($0, .warning) } }
            for (line, role) in lines where y < grid.height - 2 {
                grid.put(line, x: x + label.count, y: y, role: role)
                y += 1
            }
        }
    }
}
