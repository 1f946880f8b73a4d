/// Moderation before the wall (`moderation: true`): a participant's idea is held in a queue
/// that only the facilitator's console shows, until the facilitator lets it through (with the
/// next shuffled batch while ideas flow, so approving tells the room nothing of who wrote it),
/// lets it through as a duplicate of an idea on the wall, or holds it back. Nothing is dropped:
/// held-back ideas and ideas never decided on are kept and counted in the minutes. Held ideas
/// are never in a wall or participant view (``SessionState/participantsSeeTheWall`` shows
/// revealed ideas only, and a held idea is not revealed until approved).
extension Decision {
    mutating func approve(_ id: IdeaID) throws(Refusal) {
        try requireHeld(id)
        try requireWallOpen()
        emit(.ideaApproved(id))
        revealAtOnceUnlessIdeasFlow(id)
    }

    mutating func approve(_ id: IdeaID, mergingInto target: IdeaID) throws(Refusal) {
        let idea = try requireHeld(id)
        try requireWallOpen()
        guard let survivor = state.ideas[target], survivor.isOnWall, survivor.round == idea.round else {
            throw Refusal(.notNow, .mergeOffWall)
        }
        emit(.ideaApproved(id))
        emit(.ideasMerged(id, into: target))
        if let cluster = survivor.cluster { emit(.ideaClustered(id, cluster: cluster)) }
        revealAtOnceUnlessIdeasFlow(id)
    }

    mutating func holdBack(_ id: IdeaID) throws(Refusal) {
        try requireHeld(id)
        emit(.ideaHeldBack(id))
    }

    mutating func requeue(_ id: IdeaID) throws(Refusal) {
        guard state.heldBack.contains(id) else { throw Refusal(.notNow, .notHeldBack, ["idea": .text(id.rawValue)]) }
        emit(.ideaRequeued(id))
    }

    @discardableResult
    private mutating func requireHeld(_ id: IdeaID) throws(Refusal) -> Idea {
        let idea = try existingIdea(id)
        guard state.held.contains(id) else { throw Refusal(.notNow, .notHeld, ["idea": .text(id.rawValue)]) }
        return idea
    }

    /// Ideas join the wall until the vote starts: its ballot is fixed (and every phase after it
    /// works on that ballot's shortlist).
    private mutating func requireWallOpen() throws(Refusal) {
        let (_, phase) = try requirePhase(Set(PhaseKind.allCases))
        guard phase < .vote else { throw Refusal(.notNow, .approveBeforeVote) }
    }

    /// While ideas flow an approved idea waits for the next batch; once they no longer flow
    /// (the phase closed, grouping) no batch would come, and the timing tells nothing.
    private mutating func revealAtOnceUnlessIdeasFlow(_ id: IdeaID) {
        guard state.currentPhase?.isIdeaFlow != true || state.isLocked else { return }
        emit(.ideasRevealed([id], at: nil))
    }
}

extension Plan {
    /// Whether `idea` waits for the facilitator when it arrives: under `moderation: true`, a
    /// participant's idea that is not late (a late one never reaches the wall anyway). The
    /// facilitator's own and the box's ideas were never anonymous submissions to screen.
    public func holds(_ idea: Idea) -> Bool { moderation && idea.source == .participant && !idea.isLate }
}

extension SessionState {
    /// The ideas of `round` waiting for the facilitator, oldest first: for the console only.
    public func heldIdeas(round: Int) -> [Idea] {
        held.compactMap { ideas[$0] }.filter { $0.round == round && !$0.isWithdrawn }
    }

    /// The ideas of `round` that never reached the wall under moderation: held back, or never
    /// decided on. Kept, and counted in the minutes.
    public func ideasHeldBack(round: Int) -> [Idea] {
        (heldBack.compactMap { ideas[$0] } + heldIdeas(round: round)).filter { $0.round == round && !$0.isWithdrawn }
            .sorted { $0.id < $1.id }
    }
}
