import Foundation
import Synchronization

/// The one stream a front end's loop waits on: keys, engine or server changes, timer ticks and
/// a closed terminal all arrive here, so the loop sleeps until something happened and never
/// polls. It holds at most one wake-up and a set of reasons, however fast its sources are.
public final class LoopInbox: Sendable {
    /// Why the loop woke up; several at once after a busy moment.
    public struct Reasons: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// Keys (or a size change) are waiting on the terminal.
        public static let keys = Reasons(rawValue: 1)
        /// The engine's state or the server's messages changed.
        public static let changed = Reasons(rawValue: 2)
        /// A timer fired: count down, move on.
        public static let tick = Reasons(rawValue: 4)
        /// The terminal is gone (the ssh channel closed).
        public static let hangup = Reasons(rawValue: 8)
    }

    private let pending = Mutex<Reasons>([])
    private let wakeups: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation

    public init() {
        (wakeups, wake) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Wakes the loop for `reasons`.
    public func post(_ reasons: Reasons) {
        pending.withLock { $0.formUnion(reasons) }
        wake.yield()
    }

    /// Waits for the next reasons; nil once the loop's task is cancelled.
    public func next() async -> Reasons? {
        var iterator = wakeups.makeAsyncIterator()
        while true {
            let reasons = pending.withLock { reasons in defer { reasons = [] }; return reasons }
            if !reasons.isEmpty { return reasons }
            guard await iterator.next() != nil, !Task.isCancelled else { return nil }
        }
    }

    /// Posts `reason` for every element of `sequence` (and `whenFinished` after its last one)
    /// until the returned task is cancelled.
    public func forward<Source: AsyncSequence & Sendable>(
        _ sequence: Source, as reason: Reasons, whenFinished: Reasons = []
    ) -> Task<Void, Never> where Source.Element: Sendable {
        Task { [self] in
            do {
                for try await _ in sequence { post(reason) }
                if !Task.isCancelled, !whenFinished.isEmpty { post(whenFinished) }
            } catch {
                post(whenFinished)
            }
        }
    }
}
