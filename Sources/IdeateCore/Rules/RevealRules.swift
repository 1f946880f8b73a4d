/// When new ideas reach the shared screen. With `reveal: batch`, an idea that appeared the
/// instant someone pressed Enter would name its author, so ideas wait for a batch of at least
/// `min_batch`, at most every `batch_seconds`, and each batch is shuffled.
extension Decision {
    mutating func revealDueBatch(random: inout some RandomNumberGenerator) {
        let settings = plan.anonymity
        guard !state.pending.isEmpty else { return }
        if settings.reveal == .immediate {
            reveal(state.pending, random: &random)
            return
        }
        let since = state.lastRevealAt.map { now.milliseconds(since: $0) } ?? Int64.max
        guard state.pending.count >= settings.minBatch, since >= Int64(settings.batchSeconds) * 1000 else { return }
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
