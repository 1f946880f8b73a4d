import Foundation
import IdeateCore
@testable import IdeateTUI
import IdeateTestSupport
import Testing

@Suite("Cell grid", .offThePool, .timeLimit(.minutes(2)))
struct CellGridTests {
    @Test("Display widths: ASCII 1, CJK and emoji 2, combining marks 0", arguments: [
        ("a", 1), ("会", 2), ("🚀", 2), ("é", 1), ("e\u{301}", 1), ("한", 2), ("＠", 2), ("❤️", 2),
    ])
    func widths(text: String, width: Int) {
        #expect(DisplayWidth.of(text) == width)
    }

    @Test("A wide character takes two cells and is never split at the edge")
    func wideAtEdge() {
        var grid = CellGrid(width: 5, height: 1)
        let used = grid.put("ab会議", x: 0, y: 0)
        #expect(used == 5)
        #expect(grid.text == "ab会…")
        #expect(grid[2, 0].width == 2)
        #expect(grid[3, 0].width == 0)
    }

    @Test("Overwriting half of a wide character blanks the other half")
    func overwriteHalf() {
        var grid = CellGrid(width: 4, height: 1)
        grid.put("会議", x: 0, y: 0)
        grid.put("x", x: 1, y: 0)
        #expect(grid.text == " x議")
        #expect((0..<4).reduce(0) { $0 + Int(grid[$1, 0].width) } == 4)
    }

    @Test("Escape sequences and controls become visible placeholders")
    func placeholders() {
        var grid = CellGrid(width: 40, height: 1)
        grid.put("\u{1B}[2J\u{7}bell\u{202E}x\u{0}", x: 0, y: 0)
        #expect(grid.text == "␛[2J␇bell�x␀")
    }

    @Test("Wrapping respects display width")
    func wrapping() {
        #expect(TextLayout.wrap("会議を 短くする meetings", width: 8) == ["会議を", "短くする", "meetings"])
        #expect(TextLayout.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(TextLayout.wrap("one two three four", width: 9, maxLines: 1) == ["one two…"])
    }

    @Test("Block digits for the countdown")
    func bigDigits() {
        #expect(BigDigits.clockText(milliseconds: 299_001) == "05:00")
        #expect(BigDigits.clockText(milliseconds: 59_000) == "00:59")
        #expect(BigDigits.rows(for: "1:0")[0] == "    █     █████")
    }

    @Test("A second's tick changes few cells: 7 of 25 per digit on average (the first font changed 8.2)")
    func neighbouringDigitsShareCells() {
        func changedCells(_ from: String, _ to: String) -> Int {
            zip(BigDigits.rows(for: from), BigDigits.rows(for: to)).reduce(0) { total, rows in
                total + zip(rows.0, rows.1).filter { $0 != $1 }.count
            }
        }
        let ticks = (0...9).map { changedCells(String($0), String(($0 + 9) % 10)) }
        #expect(Double(ticks.reduce(0, +)) / Double(ticks.count) <= 7, "\(ticks)")
    }
}

@Suite("Frame updates", .offThePool, .timeLimit(.minutes(2)))
struct FrameUpdateTests {
    @Test("The first frame and a new size repaint everything; then only the changed columns of changed rows, from a wide character's first half")
    func spans() {
        var grid = CellGrid(width: 12, height: 3)
        grid.put("会議 ok", x: 0, y: 1)
        let first = FrameUpdate(from: nil, to: grid)
        #expect(first.repaintsAll)
        #expect(first.spans.count == 3 && first.spans.allSatisfy { $0.first == 0 && $0.last == 11 })
        #expect(FrameUpdate(from: CellGrid(width: 10, height: 3), to: grid).repaintsAll, "another size: the screen is unknown")
        #expect(FrameUpdate(from: grid, to: grid).isEmpty)

        var next = grid
        next.put("議", x: 2, y: 1, role: .warning)
        next.put("!", x: 9, y: 2)
        let update = FrameUpdate(from: grid, to: next)
        #expect(!update.repaintsAll)
        #expect(update.spans == [FrameUpdate.Span(y: 1, first: 2, last: 3), FrameUpdate.Span(y: 2, first: 9, last: 9)])

        var wide = grid
        wide.put("X", x: 1, y: 1)
        let fromContinuation = FrameUpdate(from: grid, to: wide)
        #expect(fromContinuation.spans.first?.y == 1)
        #expect(wide[fromContinuation.spans[0].first, 1].width != 0, "a span never starts on a wide character's second half")
    }
}

@Suite("Themes", .offThePool, .timeLimit(.minutes(2)))
struct ThemeTests {
    static let themesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("themes").path

    @Test("Every bundled theme parses and gives every role a look")
    func bundled() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.themesFolder).filter { $0.hasSuffix(".yaml") }
        #expect(Set(names).isSuperset(of: ["default.yaml", "light.yaml", "high-contrast.yaml", "monochrome.yaml", "colorblind-safe.yaml"]))
        for name in names {
            let theme = try ThemeCatalog.load(path: Self.themesFolder + "/" + name)
            #expect(theme.name + ".yaml" == name)
            for role in StyleRole.themeable { #expect(theme.looks[role] != nil, "\(name) has no look for \(role)") }
        }
    }

    @Test("The colour-blind-safe theme never uses red or green")
    func colorblindSafe() throws {
        let theme = try ThemeCatalog.load(path: Self.themesFolder + "/colorblind-safe.yaml")
        let forbidden: Set<Int> = [1, 2, 9, 10, 22, 28, 34, 40, 46, 88, 124, 160, 196]
        for look in theme.looks.values {
            for color in [look.foreground, look.background] {
                if case let .index(index) = color { #expect(!forbidden.contains(index)) }
            }
        }
    }

    @Test("A broken theme is reported as LINE:COLUMN with a did-you-mean")
    func broken() {
        let yaml = "name: x\nroles:\n  txt: { fg: white }\n  timer: { fg: blu, bold: maybe }\n"
        guard case let .failure(problems) = ThemeParser.parse(yaml) else {
            Issue.record("a broken theme parsed")
            return
        }
        #expect(problems.all.map(\.description) == [
            "3:3: unknown key `txt` in `roles`; did you mean `text`?",
            "4:16: unknown colour `blu`; did you mean `blue`?",
            "4:27: `bold` should be true or false",
        ])
    }

    @Test("NO_COLOR means monochrome, whatever theme is asked for")
    func noColor() throws {
        let theme = try ThemeCatalog.load(named: "default", environment: ["NO_COLOR": "1", "IDEATE_THEMES": Self.themesFolder])
        #expect(theme == .monochrome)
        #expect(!theme.usesColor)
    }

    @Test("An unknown theme name suggests the closest one")
    func unknownName() {
        #expect(throws: (any Error).self) { try ThemeCatalog.load(named: "defualt", environment: ["IDEATE_THEMES": Self.themesFolder]) }
        do {
            _ = try ThemeCatalog.load(named: "defualt", environment: ["IDEATE_THEMES": Self.themesFolder])
        } catch {
            #expect("\(error)".contains("did you mean `default`?"))
        }
    }
}
