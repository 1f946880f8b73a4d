import IdeateCore

/// One terminal cell: the grapheme shown, how many columns it takes, and its role. The second
/// column of a wide character is a continuation cell with empty text and width 0.
public struct Cell: Equatable, Sendable {
    public var text: String
    public var width: UInt8
    public var role: StyleRole

    public static let blank = Cell(text: " ", width: 1, role: .text)
    static let continuation = Cell(text: "", width: 0, role: .text)
}

/// An off-screen frame: screens draw here, tests read it as text, and only the backend copies
/// it to the terminal. Text written here is made safe first (``VisibleText``), so nothing a
/// participant typed can reach the terminal as a control sequence.
public struct CellGrid: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: StyleRole = .text) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(text: " ", width: 1, role: fill), count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell { cells[y * width + x] }

    /// Writes `text` at (x, y) on one line, clipped at `maxWidth` columns (with "…" when cut).
    /// Returns the columns used. A wide character that does not fit is left out, never split.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: StyleRole = .text, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(maxWidth ?? (width - x), width - max(0, x))
        guard limit > 0 else { return 0 }
        let safe = VisibleText.sanitized(text, foldingLineBreaks: true)
        let needsEllipsis = DisplayWidth.of(safe) > limit
        let budget = needsEllipsis ? limit - 1 : limit
        var column = 0
        for character in safe {
            let characterWidth = DisplayWidth.of(character)
            if characterWidth == 0 { continue }
            if column + characterWidth > budget { break }
            setCell(x: x + column, y: y, Cell(text: String(character), width: UInt8(characterWidth), role: role))
            if characterWidth == 2 { setCell(x: x + column + 1, y: y, Cell(text: "", width: 0, role: role)) }
            column += characterWidth
        }
        if needsEllipsis {
            setCell(x: x + column, y: y, Cell(text: "…", width: 1, role: role))
            column += 1
        }
        return column
    }

    /// Paints the rectangle with blanks of `role`.
    public mutating func fill(x: Int, y: Int, width: Int, height: Int, role: StyleRole) {
        for row in max(0, y)..<min(self.height, y + height) {
            for column in max(0, x)..<min(self.width, x + width) {
                setCell(x: column, y: row, Cell(text: " ", width: 1, role: role))
            }
        }
    }

    private mutating func setCell(x: Int, y: Int, _ cell: Cell) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        let index = y * width + x
        // Overwriting half of a wide character blanks its other half.
        if cells[index].width == 0, x > 0, cells[index - 1].width == 2 { cells[index - 1] = Cell(text: " ", width: 1, role: cells[index - 1].role) }
        if cells[index].width == 2, x + 1 < width { cells[index + 1] = Cell(text: " ", width: 1, role: cells[index + 1].role) }
        cells[index] = cell
    }

    /// Row `y` as plain text, trailing spaces kept.
    public func line(_ y: Int) -> String {
        var text = ""
        for x in 0..<width { text += self[x, y].text }
        return text
    }

    /// The whole frame as text: one line per row, trailing spaces removed. What tests compare.
    public var text: String {
        (0..<height).map { y in
            var line = line(y)
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }
}
