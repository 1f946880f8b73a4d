import IdeateCore

/// Panels over the follow-up screen: help with every key, and the forms.
enum FollowupOverlays {
    static func help(_ grid: inout CellGrid) {
        Overlays.box(&grid, title: "Keys on the follow-up screen", lines: [
            "↑↓ PgUp PgDn  choose an item      Enter  open it (q or Esc back)",
            "In an opened item: PgUp PgDn scroll, ↑↓ the previous or next item",
            "s  start a planned experiment      l  its learning card when it ran",
            "d  done  k  stuck  x  dropped  o  open again   (action items)",
            "p  promote a backlog idea to an experiment (its test card)",
            "k keep  m merge  t to a workshop  x decline   (new and backlog ideas)",
            "  each with an answer for its author;  a answer  b on/off the board",
            "u  undo the last change (kept in the history as a change of its own)",
            "Ctrl-C  leave at once; every change is saved before it is shown", "",
            "In a form: ↑↓ Tab field · ←→ choose · Enter next · Ctrl-S save · Esc cancel",
            "Dates: 2026-12-01, +2w, +3d, fri, today", "", "Press ? or Esc to close.",
        ])
    }

    static func form(_ grid: inout CellGrid, form: FollowupForm, today: CalendarDate) {
        let width = grid.width - 2
        let height = min(grid.height - 3, form.fields.count + 7)
        let x = 1, y = max(1, (grid.height - 1 - height) / 2)
        grid.fill(x: x, y: y, width: width, height: height, role: .overlay)
        grid.put(form.heading, x: x + 2, y: y + 1, role: .overlayTitle, maxWidth: width - 4)
        grid.put(form.title, x: x + 2, y: y + 2, role: .overlay, maxWidth: width - 4)
        let labelWidth = 20
        let valueWidth = width - labelWidth - 4
        for (index, field) in form.fields.enumerated() {
            let row = y + 4 + index
            guard row < y + height - 2 else { break }
            let current = index == form.current
            let role: StyleRole = current ? .input : .overlay
            grid.put(field.label, x: x + 2, y: row, role: current ? .overlayTitle : .overlay)
            grid.fill(x: x + 2 + labelWidth, y: row, width: valueWidth, height: 1, role: role)
            var value = VisibleText.sanitized(field.value, foldingLineBreaks: true)
            var echo = ""
            switch field.kind {
            case .choice:
                value = "◀ \(value) ▶"
            case .date:
                switch FollowupForm.date(field, today: today) {
                case let .success(date?): echo = "  → \(date)"
                case .success(nil): echo = "  (none)"
                case .failure: echo = "  ⚠ not a date"
                }
            case .text:
                break
            }
            let room = valueWidth - DisplayWidth.of(echo) - 1
            if current, field.kind.isTyped { while DisplayWidth.of(value) > room - 1, !value.isEmpty { value.removeFirst() } }
            var used = grid.put(value, x: x + 2 + labelWidth, y: row, role: role, maxWidth: room)
            if current, field.kind.isTyped { used += grid.put("▏", x: x + 2 + labelWidth + used, y: row, role: role) }
            grid.put(echo, x: x + 2 + labelWidth + used, y: row, role: echo.contains("⚠") ? .warning : role)
        }
        grid.put("↑↓ Tab field · ←→ choose · Enter next · Ctrl-S save · Esc cancel", x: x + 2, y: y + height - 1, role: .overlay, maxWidth: width - 4)
    }
}
