import IdeateCore

/// Panels drawn over a screen: help, confirmations, one-line input, the review form.
enum Overlays {
    static func draw(_ overlay: ConsoleModel.Overlay, on grid: inout CellGrid, state: SessionState, model: ConsoleModel) {
        switch overlay {
        case .help:
            let hints = ScreenFrame.hints(for: state, model: model).map { "\($0.key.padding(8))\($0.action)" }
            let lines = hints + [
                "↑↓ PgUp PgDn  move in the list", "Esc or q      back (q on a screen asks before quitting)",
                "Ctrl-C        leave at once (everything is already saved)", "", "Press ? or Esc to close.",
            ]
            box(&grid, title: "Keys on this screen", lines: lines)
        case .confirmQuit:
            box(&grid, title: "Leave ideate?", lines: [
                "Everything is saved in the run file; `ideate run PLAN --resume`", "continues where you stopped.", "",
                "y  leave      n  stay",
            ])
        case let .confirmAdvance(message):
            box(&grid, title: "Next phase", lines: [message, "", "y  yes      n  no"])
        case let .input(purpose, text):
            input(&grid, label: label(for: purpose), text: text)
        case let .review(form):
            review(&grid, form: form)
        }
    }

    static func label(for purpose: ConsoleModel.InputPurpose) -> String {
        switch purpose {
        case .spokenIdea: "Idea said aloud:"
        case .clusterName: "Cluster name (empty removes):"
        case .renameCluster: "Rename cluster to:"
        case .search: "Search:"
        }
    }

    /// A centred box with a title and lines.
    static func box(_ grid: inout CellGrid, title: String, lines: [String]) {
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
    static func input(_ grid: inout CellGrid, label: String, text: String) {
        let y = grid.height - 3
        grid.fill(x: 0, y: y, width: grid.width, height: 2, role: .overlay)
        let labelWidth = grid.put(" " + label + " ", x: 0, y: y, role: .overlayTitle)
        let room = grid.width - labelWidth - 2
        var shown = VisibleText.sanitized(text, foldingLineBreaks: true)
        while DisplayWidth.of(shown) > room - 1, !shown.isEmpty { shown.removeFirst() }
        grid.fill(x: labelWidth, y: y, width: room, height: 1, role: .input)
        let used = grid.put(shown, x: labelWidth, y: y, role: .input)
        grid.put("▏", x: labelWidth + used, y: y, role: .input)
        grid.put(" Enter to confirm · Esc to cancel · \(text.count) characters", x: 0, y: y + 1, role: .overlay)
    }

    static func review(_ grid: inout CellGrid, form: ReviewForm) {
        let width = grid.width - 2
        let fields = ReviewForm.Field.allCases
        let height = min(grid.height - 2, fields.count + 8)
        let x = 1, y = max(1, (grid.height - height) / 2)
        grid.fill(x: x, y: y, width: width, height: height, role: .overlay)
        grid.put("Review: " + form.ideaText, x: x + 2, y: y + 1, role: .overlayTitle, maxWidth: width - 4)
        grid.put("Experiment card: write the assumption down before the test starts.", x: x + 2, y: y + 2, role: .overlay, maxWidth: width - 4)
        let labelWidth = 20
        for (index, field) in fields.enumerated() {
            let row = y + 4 + index
            guard row < y + height - 2 else { break }
            let current = field == form.field
            grid.put(field.label, x: x + 2, y: row, role: current ? .overlayTitle : .overlay)
            let valueWidth = width - labelWidth - 4
            grid.fill(x: x + 2 + labelWidth, y: row, width: valueWidth, height: 1, role: current ? .input : .overlay)
            var value = VisibleText.sanitized(form.value(field), foldingLineBreaks: true)
            if current { while DisplayWidth.of(value) > valueWidth - 2, !value.isEmpty { value.removeFirst() } }
            let used = grid.put(value, x: x + 2 + labelWidth, y: row, role: current ? .input : .overlay, maxWidth: valueWidth)
            if current { grid.put("▏", x: x + 2 + labelWidth + used, y: row, role: .input) }
        }
        grid.put("↑↓ Tab field · Enter next · Ctrl-S save · Esc cancel", x: x + 2, y: y + height - 1, role: .overlay, maxWidth: width - 4)
    }
}

extension String {
    func padding(_ width: Int) -> String {
        self + String(repeating: " ", count: max(1, width - DisplayWidth.of(self)))
    }
}
