import IdeateRuntime
import IdeateTUI
import IdeateCore

/// The test double behind the ``Terminal`` seam: the test types keys and resizes through its
/// ``Remote`` while the app's loop runs in another task, and reads every frame drawn, cell by
/// cell with its style.
final class ScriptedTerminal: Terminal {
    /// The side the test holds (the terminal itself belongs to the loop).
    final class Remote: Sendable {
        fileprivate struct Screen {
            var keys: [Key] = []
            var size = TerminalSize(width: 80, height: 24)
            var frames: [CellGrid] = []
            var started = false
            var stopped = false
        }

        fileprivate let screen = Locked(Screen())
        fileprivate let wake: AsyncStream<Void>.Continuation
        fileprivate let wakeups: AsyncStream<Void>
        private let drawn: AsyncStream<Void>.Continuation
        private let draws: AsyncStream<Void>

        init() {
            (wakeups, wake) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
            (draws, drawn) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
        }

        func type(_ keys: Key...) {
            screen.withLock { $0.keys += keys }
            wake.yield()
        }

        func type(_ text: String) {
            screen.withLock { $0.keys += text.map(Key.character) }
            wake.yield()
        }

        func resize(width: Int, height: Int) {
            screen.withLock {
                $0.size = TerminalSize(width: width, height: height)
                $0.keys.append(.resize)
            }
            wake.yield()
        }

        /// Closes the terminal, as a dropped ssh channel does.
        func hangUp() { wake.finish() }

        var frames: [CellGrid] { screen.withLock { $0.frames } }
        var lastFrame: CellGrid? { frames.last }
        var isStopped: Bool { screen.withLock { $0.stopped } }

        /// Waits (up to `seconds`) for a frame that satisfies `condition`, and returns it. A bound
        /// on the wait, not a timing assertion: beside browsers and tmux sessions in the same run
        /// a frame can take seconds.
        func frame(within seconds: Double = 30, where condition: (CellGrid) -> Bool) async -> CellGrid? {
            let clock = SystemClock()
            let deadline = clock.now.advanced(by: .milliseconds(Int(seconds * 1000)))
            var iterator = draws.makeAsyncIterator()
            while clock.now < deadline {
                if let frame = lastFrame, condition(frame) { return frame }
                let timeout = Task { try? await clock.sleep(until: deadline, tolerance: nil); drawn.yield() }
                _ = await iterator.next()
                timeout.cancel()
            }
            return lastFrame.flatMap { condition($0) ? $0 : nil }
        }

        fileprivate func recordFrame(_ grid: CellGrid) {
            screen.withLock { $0.frames.append(grid) }
            drawn.yield()
        }
    }

    let remote = Remote()
    var wakeups: AsyncStream<Void> { remote.wakeups }
    var size: TerminalSize { remote.screen.withLock { $0.size } }

    func start() {
        remote.screen.withLock { $0.started = true }
        remote.wake.yield()
    }

    func stop() { remote.screen.withLock { $0.stopped = true } }

    func draw(_ update: FrameUpdate) { remote.recordFrame(update.grid) }

    func bell() {}

    func readKeys() -> [Key] { remote.screen.withLock { screen in defer { screen.keys = [] }; return screen.keys } }
}

extension CellGrid {
    func contains(_ text: String) -> Bool { self.text.contains(text) }
}
