import IdeateCore

/// The sentences beside the countdown, in whatever language: each wrapped to the columns there
/// are, the timer's state (PAUSED, LAST MINUTE) at the bottom; the first sentence that does not
/// fit whole is left out with those after it, rather than cut (the ones above matter more).
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
            // What does not fit is left out, and what follows it matters less.
            guard row + wrapped.count <= bottom else { break }
            for line in wrapped {
                grid.put(line, x: x, y: row, role: role)
                row += 1
            }
        }
    }
}
