/// Ideas while they flow: who may add, edit and withdraw them, and what counts as late.
extension Decision {
    mutating func submitIdea(
        text: String, extending: IdeaID?, receipt: OwnershipProof?, requestTag: OwnerTag?, by token: ParticipantToken,
        random: inout some RandomNumberGenerator
    ) throws(Refusal) {
        let text = try IdeaText.validated(text)
        guard case let .running(round, phase) = state.stage else {
            throw Refusal(.notNow, .ideasNotOpen)
        }
        if let extending {
            let base = try existingIdea(extending)
            guard phase == .build, !state.isLocked else {
                throw Refusal(.notNow, .buildOnlyInBuild)
            }
            guard base.round == round, base.isOnWall else {
                throw Refusal(.unknownIdea, .notOnWall, ["idea": .text(extending.rawValue)])
            }
            guard base.owner != token.ownerTag(for: extending) else {
                throw Refusal(.notYours, .buildOnOwn)
            }
        }
        try requireRoom(in: round, for: text)
        let id = freshIdeaID(random: &random)
        let isLate = !phase.isIdeaFlow || state.isLocked
        let waiting = state.pending
        var idea = Idea(id: id, round: round, text: text, source: .participant, owner: token.ownerTag(for: id),
                        extends: extending, isLate: isLate)
        idea.requestTag = requestTag
        idea.receipt = receipt
        emit(.ideaSubmitted(idea))
        // Under moderation the idea waits in the queue; approving it makes it pending.
        if plan.anonymity.reveal == .immediate, phase.isIdeaFlow, !plan.moderation {
            emit(.ideasRevealed(Self.batchOrder(of: waiting + [id], random: &random), at: nil))
        }
    }

    /// The facilitator types an idea said aloud: everyone saw who said it, so it goes up at once.
    mutating func addSpokenIdea(text: String, random: inout some RandomNumberGenerator) throws(Refusal) {
        let text = try IdeaText.validated(text)
        let (round, phase) = try requirePhase([.ideate, .build])
        try requireRoom(in: round, for: text)
        let id = freshIdeaID(random: &random)
        emit(.ideaSubmitted(Idea(
            id: id, round: round, text: text, source: .facilitator, owner: nil, extends: nil,
            isLate: state.isLocked || !phase.isIdeaFlow)))
        emit(.ideasRevealed([id], at: now))
    }

    mutating func editIdea(_ id: IdeaID, text: String, by token: ParticipantToken) throws(Refusal) {
        let text = try IdeaText.validated(text)
        let idea = try requireOwnOpenIdea(id, by: token, notYours: .editOnlyOwn)
        try requireRoom(in: idea.round, for: text, replacing: idea.text)
        emit(.ideaEdited(id, text: text))
    }

    mutating func withdrawIdea(_ id: IdeaID, by token: ParticipantToken) throws(Refusal) {
        try requireOwnOpenIdea(id, by: token, notYours: .withdrawOnlyOwn)
        emit(.ideaWithdrawn(id))
    }

    @discardableResult
    private mutating func requireOwnOpenIdea(_ id: IdeaID, by token: ParticipantToken, notYours: RefusalPhrase) throws(Refusal) -> Idea {
        let idea = try existingIdea(id)
        guard idea.owner == token.ownerTag(for: id) else {
            throw Refusal(.notYours, notYours)
        }
        guard case let .running(round, phase) = state.stage, round == idea.round, phase.isIdeaFlow, !state.isLocked else {
            throw Refusal(.roundClosed, .roundClosed)
        }
        guard !idea.isHidden, idea.mergedInto == nil else {
            throw Refusal(.notNow, .setAside)
        }
        return idea
    }

    private mutating func freshIdeaID(random: inout some RandomNumberGenerator) -> IdeaID {
        while true {
            let id = IdeaID.random(using: &random)
            if state.ideas[id] == nil { return id }
        }
    }
}
