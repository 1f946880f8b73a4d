/// Where a front end draws and reads keys: the local terminal through ncurses, a participant's
/// ssh channel, or the test double. Screens never see it; they render into a ``CellGrid``, and
/// the loop (``FrontEndLoop``) hands over what changed since the last frame.
///
/// The loop owns its terminal (it is not `Sendable`): only ``wakeups`` crosses tasks, telling
/// the loop that keys may be waiting, which it then reads with ``readKeys()`` without blocking.
public protocol Terminal: AnyObject {
    /// Columns and rows now.
    var size: TerminalSize { get }
    /// Takes over the screen (alternate screen, no echo, no cursor).
    func start()
    /// Gives the screen back as it was. Safe to call twice.
    func stop()
    /// Paints what `update` says changed (everything after a clear when it repaints all); the
    /// loop works out the update, so a terminal keeps no frame of its own.
    func draw(_ update: FrameUpdate)
    func bell()
    /// Yields when keys may be waiting or the size changed; finishes when the terminal is gone
    /// (the ssh channel closed).
    var wakeups: AsyncStream<Void> { get }
    /// The keys waiting now, in order (a size change reads as ``Key/resize``); never blocks.
    func readKeys() -> [Key]
}

/// A terminal's size in cells.
public struct TerminalSize: Equatable, Sendable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}
