import IdeateTestSupport
import Testing
@testable import IdeateTUI

/// The lobby's QR code, read back by a real decoder from what the screen shows.
@Suite("QR code", .offThePool, .timeLimit(.minutes(2)))
struct QRCodeTests {
    /// The lines of the cells drawn in the QR code's role, each cell as its character.
    static func codeLines(in grid: CellGrid) -> [String] {
        (0..<grid.height).map { y in
            String((0..<grid.width).map { x in grid[x, y].role == .qrCode ? Character(grid[x, y].text) : " " })
        }
    }

    @Test("The lobby's code reads back as the phone address with the join code, at projector sizes and scaled up", arguments: [
        (120, 36), (160, 45), (240, 70),
    ])
    func lobbyCodeReadsBack(width: Int, height: Int) throws {
        let grid = ScreenFixtures.render(try ScreenFixtures.lobby(), width: width, height: height, context: ScreenFixtures.everyWayIn)
        let lines = Self.codeLines(in: grid)
        #expect(lines.contains { $0.contains("█") }, "a code is drawn at \(width)×\(height)")
        #expect(try QRReader.decode(lines: lines) == "http://192.168.1.20:7421/#K7P2QX")
    }

    @Test("A bigger screen draws bigger modules (a projector is read from the back of the room)")
    func scalesWithTheScreen() throws {
        func codeWidth(_ width: Int, _ height: Int) throws -> Int {
            let grid = ScreenFixtures.render(try ScreenFixtures.lobby(), width: width, height: height, context: ScreenFixtures.everyWayIn)
            return (0..<grid.width).filter { x in (0..<grid.height).contains { grid[x, $0].role == .qrCode } }.count
        }
        let side = try #require(QRCode("http://192.168.1.20:7421/#K7P2QX")).size + 2 * QRCode.quietZone
        #expect(try codeWidth(120, 36) == side)
        #expect(try codeWidth(160, 45) == 2 * side)
        #expect(try codeWidth(240, 70) == 3 * side)
    }

    @Test("Without room for the code the lobby keeps the address as text and draws no blocks")
    func noRoomNoCode() throws {
        let grid = ScreenFixtures.render(try ScreenFixtures.lobby(), width: 80, height: 24, context: ScreenFixtures.everyWayIn)
        #expect(!grid.cells.contains { $0.role == .qrCode })
        #expect(grid.text.contains("http://192.168.1.20:7421/#K7P2QX"))
    }

    @Test("Dark on light whatever the theme; reverse video without colours")
    func fixedLook() {
        let dark = Theme.monochrome.look(.qrCode)
        #expect(dark.reverse)
        var colourful = Theme.monochrome
        colourful.usesColor = true
        colourful.looks[.qrCode] = Theme.Look(foreground: .index(7), background: .index(0))
        #expect(colourful.look(.qrCode) == Theme.Look(foreground: .index(0), background: .index(15)), "a theme cannot invert the code")
    }

    @Test("A code has its finder patterns in three corners and a bigger version for a longer text")
    func modules() throws {
        let code = try #require(QRCode("http://192.168.1.20:7421/#K7P2QX"))
        for (x, y) in [(0, 0), (code.size - 1, 0), (0, code.size - 1)] { #expect(code.isDark(x: x, y: y)) }
        #expect(!code.isDark(x: code.size - 1, y: code.size - 1 - 7), "no finder pattern bottom right")
        #expect(!code.isDark(x: -1, y: 0), "the quiet zone is light")
        let longer = try #require(QRCode("http://192.168.100.200:17421/#ABCDEFGHJKLM"))
        #expect(longer.size > code.size)
    }
}
