import CQRencode

/// A QR code's modules, encoded by libqrencode, so the lobby can show the phone address as
/// something a camera reads from the back of the room.
public struct QRCode: Equatable, Sendable {
    /// Light modules every reader needs around the code.
    public static let quietZone = 4

    /// Modules per side, without the quiet zone.
    public let size: Int
    private let dark: [Bool]

    /// The smallest code for `text` at error correction level L (a projected code is not
    /// damaged, so the lowest level keeps the modules largest); nil if it does not fit a QR
    /// code at all.
    public init?(_ text: String) {
        guard let code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_L) else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        size = width
        dark = (0..<width * width).map { code.pointee.data[$0] & 1 == 1 }
    }

    /// Whether the module at (`x`, `y`) is dark; everything outside the code is light.
    public func isDark(x: Int, y: Int) -> Bool {
        guard (0..<size).contains(x), (0..<size).contains(y) else { return false }
        return dark[y * size + x]
    }

    /// Cells the code takes with its quiet zone when each module is `scale` columns wide and
    /// `scale` half rows high (a terminal cell is about twice as high as it is wide, so the
    /// modules come out square).
    public func cellSize(scale: Int = 1) -> (width: Int, height: Int) {
        let side = (size + 2 * Self.quietZone) * scale
        return (side, (side + 1) / 2)
    }

    /// Draws the code with its quiet zone at (`x`, `y`) in half blocks (▀ ▄ █), dark on light
    /// whatever the theme (the ``StyleRole/qrCode`` role), each module `scale` columns wide.
    public func draw(into grid: inout CellGrid, x: Int, y: Int, scale: Int = 1) {
        let (width, height) = cellSize(scale: scale)
        func dark(column: Int, halfRow: Int) -> Bool {
            isDark(x: column / scale - Self.quietZone, y: halfRow / scale - Self.quietZone)
        }
        for row in 0..<height {
            var line = ""
            for column in 0..<width {
                switch (dark(column: column, halfRow: 2 * row), dark(column: column, halfRow: 2 * row + 1)) {
                case (true, true): line.append("█")
                case (true, false): line.append("▀")
                case (false, true): line.append("▄")
                case (false, false): line.append(" ")
                }
            }
            grid.put(line, x: x, y: y + row, role: .qrCode)
        }
    }
}
