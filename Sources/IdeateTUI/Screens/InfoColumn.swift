import IdeateCore

/// The sentences beside the countdown, in whatever language: each wrapped to the columns there
/// are, the timer's state (PAUSED, LAST MINUTE) at the bottom, and a sentence that does not fit
/// whole left out rather than cut (the one above it matters more).
enum InfoColumn {
    static func draw(_ grid: inout CellGrid, lines: [(String, StyleRole)], state: (String, StyleRole)?, x: Int, y: Int,
                     height: Int = BigDigits.height) {
        let width = grid.width - x - 1
        guard width > 0 else { return }
        var bottom = y + height
        if let (text, role) = state {
            let wrapped = TextLayout.wrap(text, width: width, maxLines: 2)
            bottom -= wrapped.count
            for (offset, line) in wrapped.enumerated() { grid.put(line, x: x, y: bottom + offset, role: role) }
        }
        var row = y
        for (text, role) in lines {
            let wrapped = TextLayout.wrap(text, width: width, maxLines: height)
            guard row + wrapped.count <= bottom, !text.isEmpty else { continue }
            for line in wrapped {
                grid.put(line, x: x, y: row, role: role)
                row += 1
            }
        }
    }
}
