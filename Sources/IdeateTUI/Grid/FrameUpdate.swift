/// What a terminal must paint to go from the frame it shows to the next: worked out once, by
/// the front-end loop, for every kind of terminal (ncurses, an ssh channel, the test double),
/// so no backend keeps its own copy of the last frame or compares cells itself.
public struct FrameUpdate: Sendable {
    /// The columns of one row that differ, first to last, widened to whole wide characters.
    public struct Span: Equatable, Sendable {
        public let y: Int
        public let first: Int
        public let last: Int
    }

    /// The frame to show.
    public let grid: CellGrid
    /// Nothing is known to be on the screen (the first frame, a resize): clear, then paint all.
    public let repaintsAll: Bool
    /// The spans to paint, top to bottom; every row whole when ``repaintsAll``.
    public let spans: [Span]

    /// The update from `previous` (nil: the screen's contents are unknown) to `grid`.
    public init(from previous: CellGrid?, to grid: CellGrid) {
        self.grid = grid
        guard let previous, previous.width == grid.width, previous.height == grid.height else {
            repaintsAll = true
            spans = grid.width > 0 ? (0..<grid.height).map { Span(y: $0, first: 0, last: grid.width - 1) } : []
            return
        }
        repaintsAll = false
        var spans: [Span] = []
        for y in 0..<grid.height {
            guard var first = (0..<grid.width).first(where: { previous[$0, y] != grid[$0, y] }),
                  let last = (0..<grid.width).last(where: { previous[$0, y] != grid[$0, y] }) else { continue }
            // Start on the leading half of a wide character, never on its continuation.
            while first > 0, grid[first, y].width == 0 { first -= 1 }
            spans.append(Span(y: y, first: first, last: last))
        }
        self.spans = spans
    }

    /// Nothing to paint.
    public var isEmpty: Bool { !repaintsAll && spans.isEmpty }
}
