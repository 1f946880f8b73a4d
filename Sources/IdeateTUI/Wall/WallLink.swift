import IdeateCore

/// What the facilitator's console and the walls share beyond the session itself: how many
/// walls are attached (the console says so, and a moderated workshop needs one), and which page
/// of the follow-up round the console is showing (the walls turn with it). Bounded: at most
/// ``maximumWalls`` walls at once.
public final class WallLink: Sendable {
    /// Walls attached at once: a projector or two, a screen in the next room; more is a mistake
    /// or an attack, and each wall redraws on every change.
    public static let maximumWalls = 4

    private struct Shared {
        var attached = 0
        var earlierPage: Int?
    }

    private let shared = Locked(Shared())
    private let signal = ChangeSignal()

    public init() {}

    /// Counts a wall in; false when ``maximumWalls`` are already attached.
    public func attach() -> Bool {
        shared.withLock { shared in
            guard shared.attached < Self.maximumWalls else { return false }
            shared.attached += 1
            return true
        }
    }

    public func detach() {
        shared.withLock { $0.attached = max(0, $0.attached - 1) }
    }

    public var attachedWalls: Int { shared.withLock { $0.attached } }

    /// The follow-up round's page the console shows in the lobby (nil: the lobby itself).
    public var earlierPage: Int? { shared.withLock { $0.earlierPage } }

    /// The console turned the follow-up round's page: the walls are woken to turn with it.
    func show(earlierPage page: Int?) {
        let changed = shared.withLock { shared in
            defer { shared.earlierPage = page }
            return shared.earlierPage != page
        }
        if changed { signal.signal() }
    }

    /// Wakes after each change of what the console shows (not of the session: that is the engine's).
    func changes() -> AsyncStream<Void> { signal.subscribe() }
}
