import IdeateCore
import IdeateTestSupport
import Testing
@testable import IdeateTUI

/// The terminal behind a participant's ssh channel: keys decoded from what terminals send,
/// frames encoded as only the escape sequences that changed.
@Suite("ANSI terminal (ssh)", .offThePool, .timeLimit(.minutes(2)))
struct ANSITerminalTests {
    static let colourful = Theme(name: "test", description: "", usesColor: true, looks: [
        .text: Theme.Look(), .warning: Theme.Look(foreground: .index(1), bold: true),
    ])

    @Test("Arrows, Home/End, paging, Delete and Shift-Tab in both the CSI and SS3 forms")
    func sequences() {
        var decoder = KeyDecoder()
        let bytes = Array("\u{1B}[A\u{1B}[B\u{1B}[C\u{1B}[D\u{1B}OA\u{1B}OH\u{1B}[4~\u{1B}[5~\u{1B}[6~\u{1B}[3~\u{1B}[Z\u{1B}[1;5C".utf8)
        #expect(decoder.keys(from: bytes) == [.up, .down, .right, .left, .up, .home, .end, .pageUp, .pageDown, .delete, .backTab, .right])
    }

    @Test("Enter as CR, LF or CR LF is one Enter; Backspace as DEL or BS; Ctrl-C; a lone Esc; unknown sequences skipped")
    func controls() {
        var decoder = KeyDecoder()
        #expect(decoder.keys(from: Array("a\r\nb\rc\n".utf8)) == [.character("a"), .enter, .character("b"), .enter, .character("c"), .enter])
        #expect(decoder.keys(from: [0x7F, 0x08, 0x03, 0x09]) == [.backspace, .backspace, .interrupt, .tab])
        #expect(decoder.keys(from: [0x1B]) == [.escape])
        #expect(decoder.keys(from: Array("\u{1B}[200~x\u{1B}[99;99q".utf8)) == [.character("x")])
        #expect(decoder.keys(from: [0x01, 0x1F, 0x07]) == [], "other controls are not text")
    }

    @Test("UTF-8 split across chunks waits for its rest; wide characters and emoji arrive whole")
    func utf8() {
        var decoder = KeyDecoder()
        let text = Array("é漢🙂".utf8)
        var keys: [Key] = []
        for byte in text { keys += decoder.keys(from: [byte]) }
        #expect(keys == [.character("é"), .character("漢"), .character("🙂")])
        #expect(decoder.keys(from: [0xFF, 0xC3, 0x28]) == [.character("(")], "invalid bytes are dropped, not typed")
    }

    @Test("A frame is sent whole once, then only what changed; nothing when nothing changed")
    func incrementalFrames() {
        let output = Output()
        let input = ANSITerminal.Input(size: TerminalSize(width: 20, height: 3))
        let terminal = ANSITerminal(theme: Self.colourful, term: "xterm-256color", input: input, write: output.append)
        terminal.start()
        #expect(output.text.contains("\u{1B}[?1049h") && output.text.contains("\u{1B}[?25l"))
        var grid = CellGrid(width: 20, height: 3)
        grid.put("Hello 漢字", x: 0, y: 0)
        terminal.draw(FrameUpdate(from: nil, to: grid))
        #expect(output.text.contains("Hello 漢字"))
        output.clear()
        #expect(FrameUpdate(from: grid, to: grid).isEmpty, "nothing to paint when nothing changed")
        let shown = grid
        grid.put("!", x: 5, y: 1, role: .warning)
        terminal.draw(FrameUpdate(from: shown, to: grid))
        #expect(output.text.hasPrefix("\u{1B}[2;6H"), "one cursor move to row 2, column 6: \(output.text.debugDescription)")
        #expect(output.text.hasSuffix("!"))
        #expect(output.bytes.count < 40)
        output.clear()
        terminal.stop()
        #expect(output.text.contains("\u{1B}[?1049l") && output.text.contains("\u{1B}[?25h") && output.text.contains("\u{1B}[0m"))
    }

    @Test("A TERM without colours gets attributes only; with colours the theme's palette")
    func colours() {
        #expect(!ANSITerminal.termHasColors("vt100"))
        #expect(!ANSITerminal.termHasColors("dumb"))
        #expect(!ANSITerminal.termHasColors("xterm-mono"))
        #expect(!ANSITerminal.termHasColors(""))
        #expect(ANSITerminal.termHasColors("xterm-256color"))
        #expect(ANSITerminal.termHasColors("screen"))
        #expect(ANSITerminal.colorCode(1, base: 30) == "31")
        #expect(ANSITerminal.colorCode(9, base: 40) == "101")
        #expect(ANSITerminal.colorCode(208, base: 30) == "38;5;208")

        let theme = Self.colourful
        var grid = CellGrid(width: 10, height: 1)
        grid.put("warn", x: 0, y: 0, role: .warning)
        for (term, colours) in [("vt100", false), ("xterm-256color", true)] {
            let output = Output()
            let terminal = ANSITerminal(theme: theme, term: term, input: ANSITerminal.Input(size: TerminalSize(width: 10, height: 1)), write: output.append)
            terminal.draw(FrameUpdate(from: nil, to: grid))
            #expect(output.text.contains("\u{1B}[0;1;31m") == colours, "\(term): \(output.text.debugDescription)")
            #expect(output.text.contains("\u{1B}[0;1m") == !colours, "\(term): \(output.text.debugDescription)")
        }
    }

    @Test("Typed bytes beyond the input limit are dropped and counted; a resize reads as a key")
    func inputBounds() {
        let input = ANSITerminal.Input(size: TerminalSize(width: 80, height: 24))
        let terminal = ANSITerminal(theme: Self.colourful, term: "xterm", input: input) { _ in }
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1024)
        for _ in 0..<100 { input.feed(chunk) }
        #expect(input.droppedBytes == 100 * 1024 - ANSITerminal.Input.bufferLimit)
        #expect(terminal.readKeys().count == ANSITerminal.Input.bufferLimit)
        input.resize(TerminalSize(width: 100, height: 30))
        #expect(terminal.readKeys() == [.resize])
        #expect(terminal.size == TerminalSize(width: 100, height: 30))
    }
}

/// Bytes a terminal wrote, collected for the test.
private final class Output: Sendable {
    private let collected = Locked<[UInt8]>([])

    var append: @Sendable ([UInt8]) -> Void { { bytes in self.collected.withLock { $0 += bytes } } }
    var bytes: [UInt8] { collected.withLock { $0 } }
    var text: String { String(decoding: bytes, as: UTF8.self) }
    func clear() { collected.withLock { $0 = [] } }
}
