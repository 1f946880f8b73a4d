import IdeateCore
import IdeateProtocol

/// A token bucket: `burst` attempts at once, then `perSecond` more each second. The server
/// keeps one for wrong join codes and one for new participants, shared by every connection,
/// so guessing and join floods slow down for everyone who tries them and for nobody who holds
/// a valid token.
struct AttemptBudget: Sendable {
    let burst: Double
    let perSecond: Double
    private var available: Double
    private var updatedAt: Instant?

    init(burst: Int, perSecond: Double) {
        self.burst = Double(burst)
        self.perSecond = perSecond
        available = Double(burst)
    }

    /// Whether an attempt may go ahead at `now` (and counts it if so).
    mutating func take(at now: Instant) -> Bool {
        refill(at: now)
        guard available >= 1 else { return false }
        available -= 1
        return true
    }

    /// Whether an attempt would go ahead at `now`, without counting one.
    mutating func hasRoom(at now: Instant) -> Bool {
        refill(at: now)
        return available >= 1
    }

    /// Whole seconds until the next attempt may go ahead (at least 1).
    func secondsUntilNext(at now: Instant) -> Int {
        let missing = max(0, 1 - available)
        return max(1, Int((missing / perSecond).rounded(.up)))
    }

    private mutating func refill(at now: Instant) {
        if let updatedAt {
            let seconds = Double(max(0, now.milliseconds(since: updatedAt))) / 1000
            available = min(burst, available + seconds * perSecond)
        }
        updatedAt = now
    }
}

/// The latest refused requests of one participant, so a resent refused request gets the same
/// answer. Bounded (the oldest is forgotten first) and dropped when the participant's last
/// connection closes; accepted requests need no cache, as they are in the committed record.
struct RecentRefusals: Sendable {
    let limit: Int
    private var replies: [String: Reply] = [:]
    private var order: [String] = []

    init(limit: Int) { self.limit = limit }

    func reply(for id: String) -> Reply? { replies[id] }

    var count: Int { replies.count }

    mutating func remember(_ reply: Reply) {
        guard replies.updateValue(reply, forKey: reply.id) == nil else { return }
        order.append(reply.id)
        if order.count > limit { replies[order.removeFirst()] = nil }
    }
}
