import IdeateCore

/// Panels drawn over a screen: help, confirmations, one-line input, the review form.
enum Overlays {
    static func draw(_ overlay: ConsoleModel.Overlay, on grid: inout CellGrid, state: SessionState, model: ConsoleModel) {
        let t = Localizer(state.roomLanguage)
        switch overlay {
        case .help:
            let hints = ScreenFrame.hints(for: state, model: model).map { ($0.key, $0.action) }
                + [("↑↓ PgUp PgDn", t(ConsolePhrase.helpMove)), (t(ConsolePhrase.helpEscOrQ), t(ConsolePhrase.helpBack)),
                   (t.ctrl("C"), t(ConsolePhrase.helpLeave))]
            let keyWidth = hints.map { DisplayWidth.of($0.0) }.max()! + 2
            box(&grid, title: t(ConsolePhrase.helpTitle), lines: hints.map { $0.0.padding(keyWidth) + $0.1 } + ["", t(ConsolePhrase.helpClose)])
        case .confirmQuit:
            let resume = "`ideate run PLAN --resume`"
            box(&grid, title: t(ConsolePhrase.quitTitle), lines: [t(ConsolePhrase.quitSaved, ["command": .text(resume)]), "", t(ConsolePhrase.quitChoice)])
        case let .confirmAdvance(message):
            box(&grid, title: t(ConsolePhrase.nextPhaseTitle), lines: [message, "", t(ConsolePhrase.yesNo)])
        case let .input(purpose, text):
            input(&grid, label: label(for: purpose, t: t), text: text, t: t)
        case let .review(form):
            let rated = state.ratingResults(round: state.ideas[form.idea]?.round ?? state.displayRound)?.first { $0.idea.id == form.idea }
            review(&grid, form: form, rated: rated, t: t)
        }
    }

    static func label(for purpose: ConsoleModel.InputPurpose, t: Localizer) -> String {
        switch purpose {
        case .spokenIdea: t(ConsolePhrase.inputSpokenIdea)
        case .clusterName: t(ConsolePhrase.inputClusterName)
        case .renameCluster: t(ConsolePhrase.inputRename)
        case .search: t(ConsolePhrase.inputSearch)
        }
    }

    /// A centred box with a title and lines.
    static func box(_ grid: inout CellGrid, title: String, lines unwrapped: [String]) {
        // Long sentences wrap within the screen rather than being cut.
        let room = grid.width - 10
        let lines = unwrapped.flatMap { DisplayWidth.of($0) <= room ? [$0] : TextLayout.wrap($0, width: room) }
        let width = min(grid.width - 4, max(DisplayWidth.of(title), lines.map(DisplayWidth.of).max() ?? 0) + 6)
        let height = min(grid.height - 2, lines.count + 4)
        let x = (grid.width - width) / 2
        let y = max(1, (grid.height - height) / 2)
        grid.fill(x: x, y: y, width: width, height: height, role: .overlay)
        grid.put(title, x: x + 3, y: y + 1, role: .overlayTitle, maxWidth: width - 6)
        for (index, line) in lines.prefix(height - 4).enumerated() {
            grid.put(line, x: x + 3, y: y + 3 + index, role: .overlay, maxWidth: width - 6)
        }
    }

    /// A one-line input above the footer, showing the end of long text.
    static func input(_ grid: inout CellGrid, label: String, text: String, t: Localizer) {
        let y = grid.height - 3
        grid.fill(x: 0, y: y, width: grid.width, height: 2, role: .overlay)
        let labelWidth = grid.put(" " + label + " ", x: 0, y: y, role: .overlayTitle)
        let room = grid.width - labelWidth - 2
        var shown = VisibleText.sanitized(text, foldingLineBreaks: true)
        while DisplayWidth.of(shown) > room - 1, !shown.isEmpty { shown.removeFirst() }
        grid.fill(x: labelWidth, y: y, width: room, height: 1, role: .input)
        let used = grid.put(shown, x: labelWidth, y: y, role: .input)
        grid.put("▏", x: labelWidth + used, y: y, role: .input)
        grid.put(" " + t(ConsolePhrase.inputHelp, ["count": .number(text.count)]), x: 0, y: y + 1, role: .overlay, maxWidth: grid.width)
    }

    /// The review form; it opens with the room's impact and effort for the idea when it was
    /// rated, and says when the room disagrees (where the assumption belongs).
    static func review(_ grid: inout CellGrid, form: ReviewForm, rated: RatedIdea?, t: Localizer) {
        let width = grid.width - 2
        let fields = ReviewForm.Field.allCases
        let height = min(grid.height - 2, fields.count + 8 + (rated == nil ? 0 : 1))
        let x = 1, y = max(1, (grid.height - height) / 2)
        grid.fill(x: x, y: y, width: width, height: height, role: .overlay)
        grid.put(t(ConsolePhrase.reviewOf, ["idea": .text(form.ideaText)]), x: x + 2, y: y + 1, role: .overlayTitle, maxWidth: width - 4)
        for (offset, line) in TextLayout.wrap(t(ConsolePhrase.reviewCard), width: width - 4, maxLines: 2).enumerated() {
            grid.put(line, x: x + 2, y: y + 2 + offset, role: .overlay)
        }
        let labelWidth = max(20, fields.map { DisplayWidth.of($0.label(in: t)) + 2 }.max()!)
        for (index, field) in fields.enumerated() {
            let row = y + 4 + index
            guard row < y + height - 2 else { break }
            let current = field == form.field
            grid.put(field.label(in: t), x: x + 2, y: row, role: current ? .overlayTitle : .overlay)
            let valueWidth = width - labelWidth - 4
            grid.fill(x: x + 2 + labelWidth, y: row, width: valueWidth, height: 1, role: current ? .input : .overlay)
            var value = VisibleText.sanitized(form.value(field), foldingLineBreaks: true)
            if current { while DisplayWidth.of(value) > valueWidth - 2, !value.isEmpty { value.removeFirst() } }
            let used = grid.put(value, x: x + 2 + labelWidth, y: row, role: current ? .input : .overlay, maxWidth: valueWidth)
            if current { grid.put("▏", x: x + 2 + labelWidth + used, y: row, role: .input) }
        }
        if let rated {
            var figures = t(ConsolePhrase.reviewFigures, ["figures": .text(RatingChart.figures(rated, t))])
            if rated.isDisputed { figures += "  " + t(CommonPhrase.disputed) }
            grid.put(figures, x: x + 2, y: y + height - 2, role: rated.isDisputed ? .warning : .overlayTitle, maxWidth: width - 4)
        }
        grid.put(t(ConsolePhrase.reviewKeys), x: x + 2, y: y + height - 1, role: .overlay, maxWidth: width - 4)
    }
}

extension String {
    func padding(_ width: Int) -> String {
        self + String(repeating: " ", count: max(1, width - DisplayWidth.of(self)))
    }
}
