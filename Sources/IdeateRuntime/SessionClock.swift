import Foundation
import IdeateCore

/// The one source of time for everything that runs: what time it is (for the engine's
/// decisions) and how to wait until a later instant (for the runtime's deadlines, the servers'
/// delays, the screens' countdowns). It is Swift's `Clock` over Core's ``Instant``, so the
/// executable passes ``SystemClock`` and tests pass a clock they advance by hand; nothing in
/// the product sleeps on any other clock.
public protocol SessionClock: Clock, Sendable where Instant == IdeateCore.Instant, Duration == Swift.Duration {}

/// The wall clock, for the executable: instants are the system's time of day (stored in run
/// files and shown on screens), and a sleep lasts the difference on the continuous clock, so a
/// clock set back or forward moves no deadline already being waited for by more than the jump.
public struct SystemClock: SessionClock {
    public init() {}

    public var now: IdeateCore.Instant {
        Instant(millisecondsSince1970: Int64((Date().timeIntervalSince1970 * 1000).rounded()))
    }

    public var minimumResolution: Duration { .milliseconds(1) }

    public func sleep(until deadline: IdeateCore.Instant, tolerance: Duration?) async throws {
        let remaining = deadline.milliseconds(since: now)
        guard remaining > 0 else { return try Task.checkCancellation() }
        try await ContinuousClock().sleep(for: .milliseconds(remaining), tolerance: tolerance)
    }
}
