import IdeateCore
import Synchronization

/// A clock that moves only when a test says so, for loops that read the time themselves.
public final class ManualClock: SessionClock {
    private let instant: Mutex<Instant>

    public init(_ start: Instant = Instant(secondsSince1970: 1_773_324_000)) { instant = Mutex(start) }

    public func now() -> Instant { instant.withLock { $0 } }

    public func advance(seconds: Int) { instant.withLock { $0 = $0.advanced(bySeconds: seconds) } }
}
