import IdeateCore

/// Ticks at a steady interval on a session clock, for countdowns and heartbeats: each `next()`
/// sleeps on the clock until the next tick (nothing runs between two), and tests advance their
/// clock instead of waiting. The sequence ends when the iterating task is cancelled.
public struct Ticks: AsyncSequence, Sendable {
    public typealias Element = Void
    public typealias Failure = Never

    private let clock: any SessionClock
    private let interval: Duration
    private let alignment: Int64

    /// A tick every `interval`, from now.
    public init(every interval: Duration, on clock: any SessionClock) {
        self.clock = clock
        self.interval = interval
        alignment = 0
    }

    /// A tick just after each whole second of the clock: a countdown shown in seconds changes
    /// exactly then, so a screen needs no more wake-ups than that.
    public static func onWholeSeconds(of clock: any SessionClock) -> Ticks {
        Ticks(clock: clock, interval: .seconds(1), alignment: 2)
    }

    private init(clock: any SessionClock, interval: Duration, alignment: Int64) {
        self.clock = clock
        self.interval = interval
        self.alignment = alignment
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(clock: clock, interval: interval.wholeMilliseconds, alignment: alignment)
    }

    public struct Iterator: AsyncIteratorProtocol {
        let clock: any SessionClock
        let interval: Int64
        let alignment: Int64
        private var previous: Instant?

        init(clock: any SessionClock, interval: Int64, alignment: Int64) {
            self.clock = clock
            self.interval = interval
            self.alignment = alignment
        }

        public mutating func next() async -> Void? {
            let now = clock.now
            let due: Instant
            if alignment > 0 {
                let whole = now.millisecondsSince1970 - now.millisecondsSince1970 % interval
                due = Instant(millisecondsSince1970: whole + interval + alignment)
            } else {
                due = (previous ?? now).advanced(byMilliseconds: interval)
            }
            do {
                try await clock.sleep(until: due, tolerance: nil)
            } catch {
                return nil
            }
            previous = due
            return ()
        }
    }
}
