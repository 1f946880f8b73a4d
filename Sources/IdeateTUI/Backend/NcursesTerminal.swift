@preconcurrency import CNcurses
@preconcurrency import Dispatch
import Foundation
import IdeateCore

/// The only code that talks to ncurses: it starts and restores the terminal, copies a
/// ``CellGrid`` to the screen (only the cells that changed, then one `doupdate`), and turns
/// key codes into ``Key``s.
///
/// Nothing polls: a read source on standard input and a SIGWINCH source wake the loop, which
/// then drains the keys. The read source pauses itself when it fires and resumes once the keys
/// are read, so unread input never spins a core.
public final class NcursesTerminal: Terminal {
    private let theme: Theme
    private var attributes: [StyleRole: (attr: attr_t, pair: Int16)] = [:]
    private var isStarted = false
    private let wake: AsyncStream<Void>.Continuation
    public let wakeups: AsyncStream<Void>
    private let gate = InputGate()
    private var resizeSource: (any DispatchSourceSignal)?

    public init(theme: Theme) {
        self.theme = theme
        (wakeups, wake) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    deinit {
        stop()
        wake.finish()
    }

    /// Whether the terminal can show colours (after ``start()``); false means monochrome.
    public private(set) var hasColors = false

    public func start() {
        // A locale this system lacks (LANG=nl_NL.UTF-8 on a minimal machine) leaves C, where
        // ncurses draws no character beyond ASCII; ideate writes UTF-8, so it keeps that much.
        if setlocale(LC_ALL, "") == nil { setlocale(LC_CTYPE, "C.UTF-8") }
        initscr()
        isStarted = true
        raw()
        noecho()
        nonl()
        keypad(ideate_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        wtimeout(ideate_stdscr(), 0)
        hasColors = theme.usesColor && has_colors()
        if hasColors {
            start_color()
            use_default_colors()
        }
        configureStyles()
        watchInput()
    }

    /// Restores the terminal. Safe to call twice.
    public func stop() {
        guard isStarted else { return }
        isStarted = false
        gate.close()
        resizeSource?.cancel()
        resizeSource = nil
        signal(SIGWINCH, SIG_DFL)
        endwin()
    }

    public var size: TerminalSize {
        TerminalSize(width: Int(ideate_max_x(ideate_stdscr())), height: Int(ideate_max_y(ideate_stdscr())))
    }

    /// Standard input and SIGWINCH wake the loop through ``wakeups``.
    private func watchInput() {
        let wake = wake
        let gate = gate
        let input = DispatchSource.makeReadSource(fileDescriptor: STDIN_FILENO, queue: .global())
        input.setEventHandler {
            gate.pause()
            wake.yield()
        }
        signal(SIGWINCH, SIG_IGN)
        let resize = DispatchSource.makeSignalSource(signal: SIGWINCH, queue: .global())
        resize.setEventHandler {
            gate.resized()
            wake.yield()
        }
        gate.watch(input)
        resize.resume()
        resizeSource = resize
        wake.yield()
    }

    public func bell() { beep() }

    private func configureStyles() {
        var nextPair: Int16 = 1
        for role in StyleRole.allCases {
            let look = hasColors ? theme.look(role) : Theme.monochrome.look(role)
            var attr = ideate_attr_normal()
            if look.bold { attr |= ideate_attr_bold() }
            if look.underline { attr |= ideate_attr_underline() }
            if look.reverse { attr |= ideate_attr_reverse() }
            if look.dim { attr |= ideate_attr_dim() }
            var pair: Int16 = 0
            if hasColors {
                init_pair(nextPair, color(look.foreground), color(look.background))
                pair = nextPair
                nextPair += 1
            }
            attributes[role] = (attr, pair)
        }
    }

    private func color(_ color: Theme.Color) -> Int16 {
        switch color {
        case .terminalDefault: return -1
        case let .index(index): return index < Int(COLORS) ? Int16(index) : -1
        }
    }

    /// Paints the update's spans; ncurses sends the screen what differs on `doupdate`.
    public func draw(_ update: FrameUpdate) {
        let window = ideate_stdscr()
        if update.repaintsAll { werase(window) }
        for span in update.spans {
            for x in span.first...span.last {
                let cell = update.grid[x, span.y]
                guard cell.width > 0 else { continue }
                put(cell, x: x, y: span.y, window: window)
            }
        }
        wnoutrefresh(window)
        doupdate()
    }

    private func put(_ cell: Cell, x: Int, y: Int, window: UnsafeMutablePointer<WINDOW>?) {
        let style = attributes[cell.role] ?? (ideate_attr_normal(), 0)
        var characters = cell.text.unicodeScalars.prefix(5).map { wchar_t(bitPattern: $0.value) }
        characters.append(0)
        if ideate_put_cell(window, Int32(y), Int32(x), characters, style.attr, style.pair) == ERR {
            // A sequence ncurses cannot hold in one cell (an emoji ZWJ family): its first scalar.
            let first = [characters[0], 0]
            _ = ideate_put_cell(window, Int32(y), Int32(x), first, style.attr, style.pair)
        }
    }

    public func readKeys() -> [Key] {
        if gate.takeResize() {
            var rows: Int32 = 0
            var columns: Int32 = 0
            // resizeterm queues KEY_RESIZE, read below like any key.
            if ideate_window_size(STDIN_FILENO, &rows, &columns) == OK { resizeterm(rows, columns) }
        }
        var keys: [Key] = []
        while let key = readKey() { keys.append(key) }
        gate.resume()
        return keys
    }

    /// The next key, or nil when none is waiting.
    private func readKey() -> Key? {
        var character: wint_t = 0
        let result = wget_wch(ideate_stdscr(), &character)
        if result == KEY_CODE_YES { return Self.key(forCode: Int32(character)) }
        guard result == OK else { return nil }
        switch character {
        case 3: return .interrupt
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 9: return .tab
        case 19: return .save
        case 4: return .done
        default:
            guard let scalar = Unicode.Scalar(UInt32(character)), scalar.value >= 0x20 else { return nil }
            return .character(Character(scalar))
        }
    }

    static func key(forCode code: Int32) -> Key? {
        switch code {
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_PPAGE: .pageUp
        case KEY_NPAGE: .pageDown
        case KEY_HOME: .home
        case KEY_END: .end
        case KEY_ENTER: .enter
        case KEY_BACKSPACE: .backspace
        case KEY_DC: .delete
        case KEY_BTAB: .backTab
        case KEY_RESIZE: .resize
        default: nil
        }
    }
}

/// What the dispatch handlers and the loop share: a size change to apply, and the input
/// source, paused from its handler until the loop has read what woke it. Pausing and resuming
/// happen under the lock, so a resume never overtakes its suspend.
private final class InputGate: Sendable {
    private struct State {
        var source: (any DispatchSourceRead)?
        var paused = false
        var resized = false
    }

    private let state = Locked(State())

    /// Starts `source`; its handler may pause it from the first event on.
    func watch(_ source: sending any DispatchSourceRead) {
        state.withLock { state in
            state.source = source
            state.source?.resume()
        }
    }

    func resized() { state.withLock { $0.resized = true } }

    func takeResize() -> Bool { state.withLock { state in defer { state.resized = false }; return state.resized } }

    func pause() {
        state.withLock { state in
            guard !state.paused else { return }
            state.source?.suspend()
            state.paused = true
        }
    }

    func resume() {
        state.withLock { state in
            guard state.paused else { return }
            state.source?.resume()
            state.paused = false
        }
    }

    /// Stops watching; the source is resumed first (dispatch cannot cancel a paused source).
    func close() {
        state.withLock { state in
            if state.paused { state.source?.resume() }
            state.source?.cancel()
            state.source = nil
            state.paused = false
        }
    }
}
