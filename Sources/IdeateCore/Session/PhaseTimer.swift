/// The countdown of the current phase. It runs toward a deadline or is paused with the time
/// that was left, which is what makes a reopened run resume with the right remaining time.
public struct PhaseTimer: Equatable, Sendable {
    public enum Mode: Equatable, Sendable {
        case running(endsAt: Instant)
        case paused(remainingMilliseconds: Int64)
    }

    /// Planned length plus every extension, for the progress shown on screen.
    public var totalSeconds: Int
    public var mode: Mode

    public init(totalSeconds: Int, mode: Mode) {
        self.totalSeconds = totalSeconds
        self.mode = mode
    }

    public var isPaused: Bool {
        if case .paused = mode { return true }
        return false
    }

    public func remainingMilliseconds(at now: Instant) -> Int64 {
        switch mode {
        case let .running(endsAt): max(0, endsAt.milliseconds(since: now))
        case let .paused(remaining): max(0, remaining)
        }
    }

    /// The deadline if the timer is running.
    public var deadline: Instant? {
        if case let .running(endsAt) = mode { return endsAt }
        return nil
    }

    public func hasExpired(at now: Instant) -> Bool {
        guard let deadline else { return false }
        return now >= deadline
    }
}

/// When a phase ran, for planned-versus-actual figures in the minutes.
public struct PhaseRecord: Equatable, Sendable {
    public var round: Int
    public var phase: PhaseKind
    public var plannedSeconds: Int?
    public var startedAt: Instant
    public var endedAt: Instant?
}
