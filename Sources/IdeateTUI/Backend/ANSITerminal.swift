import Foundation
import IdeateCore

/// A terminal at the far end of a byte stream (a participant's ssh channel): frames become
/// xterm escape sequences, and the bytes typed become ``Key``s. What it assumes of the far
/// terminal is the subset every terminal since xterm speaks: the alternate screen, absolute
/// cursor moves, SGR attributes with 8, 16 or 256 colours, no auto-wrap, a hidden cursor.
///
/// The network side holds ``Input`` (bytes, window changes, hang-up); the loop holds the
/// terminal. Output goes to `write`, which the network side bounds.
public final class ANSITerminal: Terminal {
    /// What arrives from the far end, fed by the network side while the loop runs.
    public final class Input: Sendable {
        /// Bytes typed and not yet read beyond this are dropped (a paste flood, a stuck key).
        public static let bufferLimit = 64 * 1024

        fileprivate struct Pending {
            var chunks: [[UInt8]] = []
            var bytes = 0
            var size: TerminalSize
            var resized = false
            var dropped = 0
        }

        fileprivate let pending: Locked<Pending>
        fileprivate let wake: AsyncStream<Void>.Continuation
        fileprivate let wakeups: AsyncStream<Void>

        public init(size: TerminalSize) {
            pending = Locked(Pending(size: size))
            (wakeups, wake) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
        }

        /// Bytes the far end typed, in the order they came.
        public func feed(_ bytes: [UInt8]) {
            guard !bytes.isEmpty else { return }
            pending.withLock { pending in
                guard pending.bytes + bytes.count <= Self.bufferLimit else {
                    pending.dropped += bytes.count
                    return
                }
                pending.chunks.append(bytes)
                pending.bytes += bytes.count
            }
            wake.yield()
        }

        /// The far end's window changed.
        public func resize(_ size: TerminalSize) {
            pending.withLock {
                $0.size = size
                $0.resized = true
            }
            wake.yield()
        }

        /// The far end is gone: the loop ends.
        public func hangUp() { wake.finish() }

        /// Bytes dropped because the loop had not read what came before.
        public var droppedBytes: Int { pending.withLock { $0.dropped } }
    }

    private let input: Input
    private let theme: Theme
    private let write: @Sendable ([UInt8]) -> Void
    private var decoder = KeyDecoder()
    private var isStarted = false
    public let hasColors: Bool

    /// - Parameters:
    ///   - term: the far end's `TERM`; one without colours ("dumb", "vt100", "*-mono", empty)
    ///     gets the monochrome looks.
    ///   - write: sends bytes to the far end.
    public init(theme: Theme, term: String, input: Input, write: @escaping @Sendable ([UInt8]) -> Void) {
        self.theme = theme
        self.input = input
        self.write = write
        hasColors = theme.usesColor && Self.termHasColors(term)
    }

    /// Whether a `TERM` value promises colours.
    public static func termHasColors(_ term: String) -> Bool {
        let name = term.lowercased()
        if name.isEmpty || name == "dumb" || name.hasPrefix("vt1") || name.hasPrefix("vt2") || name.hasSuffix("-m") || name.contains("mono") {
            return false
        }
        return true
    }

    public var wakeups: AsyncStream<Void> { input.wakeups }

    public var size: TerminalSize { input.pending.withLock { $0.size } }

    public func start() {
        guard !isStarted else { return }
        isStarted = true
        // Alternate screen, no auto-wrap, hidden cursor, cleared.
        write(Array("\u{1B}[?1049h\u{1B}[?7l\u{1B}[?25l\u{1B}[0m\u{1B}[2J".utf8))
    }

    public func stop() {
        guard isStarted else { return }
        isStarted = false
        // Attributes reset, auto-wrap and cursor back, the screen the participant had before.
        write(Array("\u{1B}[0m\u{1B}[?7h\u{1B}[?25h\u{1B}[?1049l".utf8))
    }

    public func bell() { write([0x07]) }

    public func draw(_ update: FrameUpdate) {
        let grid = update.grid
        var output: [UInt8] = []
        output.reserveCapacity(update.repaintsAll ? grid.width * grid.height * 2 : 256)
        if update.repaintsAll { output += Array("\u{1B}[0m\u{1B}[2J".utf8) }
        var current: StyleRole?
        for span in update.spans {
            output += Array("\u{1B}[\(span.y + 1);\(span.first + 1)H".utf8)
            var x = span.first
            while x <= span.last {
                let cell = grid[x, span.y]
                if cell.width == 0 {
                    x += 1
                    continue
                }
                if cell.role != current {
                    output += sgr(for: cell.role)
                    current = cell.role
                }
                output += Array(cell.text.utf8)
                x += Int(cell.width)
            }
        }
        guard !output.isEmpty else { return }
        write(output)
    }

    /// The escape sequence that sets `role`'s look from scratch.
    private func sgr(for role: StyleRole) -> [UInt8] {
        let look = hasColors ? theme.look(role) : Theme.monochrome.look(role)
        var codes = ["0"]
        if look.bold { codes.append("1") }
        if look.dim { codes.append("2") }
        if look.underline { codes.append("4") }
        if look.reverse { codes.append("7") }
        if hasColors {
            if case let .index(index) = look.foreground { codes.append(Self.colorCode(index, base: 30)) }
            if case let .index(index) = look.background { codes.append(Self.colorCode(index, base: 40)) }
        }
        return Array("\u{1B}[\(codes.joined(separator: ";"))m".utf8)
    }

    /// 0–7 as the basic colours, 8–15 as the bright ones, the rest from the 256-colour palette.
    static func colorCode(_ index: Int, base: Int) -> String {
        switch index {
        case 0..<8: "\(base + index)"
        case 8..<16: "\(base + 60 + index - 8)"
        default: "\(base + 8);5;\(min(index, 255))"
        }
    }

    public func readKeys() -> [Key] {
        let (chunks, resized) = input.pending.withLock { pending in
            defer {
                pending.chunks = []
                pending.bytes = 0
                pending.resized = false
            }
            return (pending.chunks, pending.resized)
        }
        var keys: [Key] = resized ? [.resize] : []
        for chunk in chunks { keys += decoder.keys(from: chunk) }
        return keys
    }
}
