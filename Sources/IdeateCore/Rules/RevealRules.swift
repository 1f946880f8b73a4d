/// When new ideas reach the shared screen. With `reveal: batch`, an idea that appeared the
/// instant someone pressed Enter would name its author, so ideas wait for a batch of at least
/// `min_batch`, at most every `batch_seconds`, and each batch is shuffled.
extension Decision {
    mutating func revealDueBatch(random: inout some RandomNumberGenerator) {
        guard let due = state.nextRevealDue, now >= due else { return }
        reveal(state.pending, random: &random)
    }

    /// At a phase's end whatever is pending goes up, however few.
    mutating func revealAllPending(random: inout some RandomNumberGenerator) {
        guard !state.pending.isEmpty else { return }
        reveal(state.pending, random: &random)
    }

    /// Batches keep their time (it paces the next); immediate reveals keep none, as each
    /// would date one idea's arrival.
    private mutating func reveal(_ ids: [IdeaID], random: inout some RandomNumberGenerator) {
        emit(.ideasRevealed(Self.batchOrder(of: ids, random: &random), at: plan.anonymity.reveal == .batch ? now : nil))
    }

    /// A shuffle of `ids` that, for three or more, is never the order they arrived in.
    static func batchOrder(of ids: [IdeaID], random: inout some RandomNumberGenerator) -> [IdeaID] {
        var order = ids.stablyShuffled(using: &random)
        if order.count >= 3, order == ids {
            order.append(order.removeFirst())
        }
        return order
    }
}

extension SessionState {
    /// When the pending ideas are due on the wall: at once in `immediate` mode; in `batch` mode
    /// once at least `min_batch` wait, `batch_seconds` after the last batch. Nil while nothing
    /// would be revealed however long one waited (too few ideas; the phase's end releases them).
    public var nextRevealDue: Instant? {
        guard !pending.isEmpty else { return nil }
        let settings = plan.anonymity
        if settings.reveal == .immediate { return .distantPast }
        guard pending.count >= settings.minBatch else { return nil }
        return lastRevealAt?.advanced(bySeconds: settings.batchSeconds) ?? .distantPast
    }
}
