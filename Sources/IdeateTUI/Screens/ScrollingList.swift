import IdeateCore

/// A list that draws only what is visible, in one or more columns, keeping the cursor in view.
/// Cost grows with the screen, not with the list: 10,000 ideas draw as fast as 10.
struct ScrollingList {
    var x: Int
    var y: Int
    var width: Int
    var height: Int
    var columns = 1
    var showsCursor = true
    /// The language of the "▼ 5 more" marks.
    var language: Language = .english

    var columnWidth: Int { (width - (columns - 1) * 2) / columns }

    /// Draws items `0..<count` from `scroll` (in rows of items), moved as little as it takes
    /// to show the cursor, and returns the row it drew from: the screen keeps it for the next
    /// frame. `itemHeight` gives each item's lines; `drawItem` draws one at (x, y) in
    /// `columnWidth` columns.
    @discardableResult
    func draw(
        _ grid: inout CellGrid, count: Int, cursor: Int, scroll: Int,
        itemHeight: (Int) -> Int, drawItem: (inout CellGrid, _ index: Int, _ x: Int, _ y: Int, _ selected: Bool) -> Void
    ) -> Int {
        guard count > 0, height > 0 else { return scroll }
        var scroll = scroll
        let slots = (count + columns - 1) / columns
        var known: [Int: Int] = [:]
        func slotHeight(_ slot: Int) -> Int {
            if let height = known[slot] { return height }
            var height = 1
            for index in slot * columns..<min(count, (slot + 1) * columns) { height = max(height, itemHeight(index)) }
            known[slot] = height
            return height
        }
        let cursorSlot = min(max(0, cursor), count - 1) / columns
        scroll = min(max(0, scroll), slots - 1)
        if cursorSlot < scroll { scroll = cursorSlot }
        // The first slot from which the cursor's slot still fits, counted back from the cursor.
        var used = 0
        var first = cursorSlot
        while first >= 0, used + slotHeight(first) <= height {
            used += slotHeight(first)
            first -= 1
        }
        scroll = max(scroll, first + 1)
        var row = y
        var slot = scroll
        while slot < slots, row + slotHeight(slot) <= y + height {
            for column in 0..<columns {
                let index = slot * columns + column
                guard index < count else { break }
                drawItem(&grid, index, x + column * (columnWidth + 2), row, showsCursor && index == cursor)
            }
            row += slotHeight(slot)
            slot += 1
        }
        let hiddenAbove = scroll * columns
        let hiddenBelow = max(0, count - slot * columns)
        if hiddenAbove > 0 {
            let text = Localizer(language)(CommonPhrase.moreAbove, ["count": .number(hiddenAbove)])
            grid.put(text, x: x + width - DisplayWidth.of(text), y: y, role: .muted)
        }
        if hiddenBelow > 0 {
            let text = Localizer(language)(CommonPhrase.moreBelow, ["count": .number(hiddenBelow)])
            grid.put(text, x: x + width - DisplayWidth.of(text), y: y + height - 1, role: .muted)
        }
        return scroll
    }
}
