import Synchronization

/// Tells every front end that an engine's state changed, so loops wait on a stream instead of
/// polling. Each subscriber holds at most one pending signal: ten commits while a screen is
/// drawing wake it once, and a slow subscriber never makes the engine buffer anything.
public final class ChangeSignal: Sendable {
    private let subscribers = Locked<[Int: AsyncStream<Void>.Continuation]>([:])
    private let nextID = Atomic<Int>(0)

    public init() {}

    /// A stream that yields after each change from now on; it ends when the caller stops
    /// iterating.
    public func subscribe() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let id = nextID.add(1, ordering: .relaxed).newValue
        subscribers.withLock { $0[id] = continuation }
        continuation.onTermination = { [weak self] _ in
            _ = self?.subscribers.withLock { $0.removeValue(forKey: id) }
        }
        return stream
    }

    /// Wakes every subscriber.
    public func signal() {
        for continuation in subscribers.withLock({ Array($0.values) }) { continuation.yield() }
    }

    /// How many are listening (for the bounds tests).
    public var subscriberCount: Int { subscribers.withLock { $0.count } }
}
