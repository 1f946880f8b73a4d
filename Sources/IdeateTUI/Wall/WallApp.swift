import IdeateCore
import IdeateRuntime

/// The wall as a ``FrontEnd``: the room's view of the session, drawn from the committed state
/// on every change and every second (the countdown), with no key that changes anything. It
/// runs wherever the projector's terminal is (over ssh: the same laptop's second window or
/// another machine) while the facilitator drives the workshop from the console.
public final class WallApp: FrontEnd {
    public typealias Event = Void

    private let engine: any WorkshopEngine
    private let clock: any SessionClock
    private let terminal: any Terminal
    private let context: ConsoleContext
    private let link: WallLink
    private var state: SessionState?
    private var showingHelp = false

    /// - Parameter context: how to join (the lobby shows it); nothing of the facilitator's.
    public init(engine: any WorkshopEngine, clock: any SessionClock, terminal: any Terminal, context: ConsoleContext, link: WallLink) {
        self.engine = engine
        self.clock = clock
        self.terminal = terminal
        var context = context
        context.isWall = true
        self.context = context
        self.link = link
    }

    /// Runs until the person at the wall leaves (q) or the calling task is cancelled.
    public func run(ticks: some AsyncSequence<Void, Never> & Sendable) async {
        let (changes, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let sessionChanges = engine.changes(), consoleChanges = link.changes()
        await withDiscardingTaskGroup { group in
            group.addTask { for await _ in sessionChanges { continuation.yield() } }
            group.addTask { for await _ in consoleChanges { continuation.yield() } }
            await FrontEndLoop.run(self, on: terminal, clock: clock, events: changes, ticks: ticks)
            group.cancelAll()
        }
    }

    public static func enqueue(_ event: Void, into queued: inout [Void]) {
        if queued.isEmpty { queued.append(event) }
    }

    public func update(keys: [Key], events: [Void], now: Instant) async -> Bool {
        for key in keys {
            switch key {
            case .interrupt: return false
            case .character("q"), .character("Q"), .escape:
                if showingHelp { showingHelp = false } else { return false }
            case .character("?"): showingHelp.toggle()
            case .enter: showingHelp = false
            default: break
            }
        }
        state = await engine.currentState()
        return true
    }

    public func frame(size: TerminalSize, now: Instant) -> CellGrid {
        guard let state else { return CellGrid(width: size.width, height: size.height) }
        return WallView.render(state: state, context: context, earlierPage: link.earlierPage, showingHelp: showingHelp, now: now,
                               width: size.width, height: size.height)
    }
}
