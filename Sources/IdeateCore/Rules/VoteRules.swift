/// Dot voting: a budget per person, a cap per idea, only while the vote is open.
extension Decision {
    mutating func castVote(on id: IdeaID, by token: ParticipantToken) throws(Refusal) {
        let round = try requireOpenVote()
        let idea = try existingIdea(id)
        guard idea.round == round, idea.isOnWall else {
            throw Refusal(.unknownIdea, .notOnBallot, ["idea": .text(id.rawValue)])
        }
        let ballot = state.ballot(of: token)
        let used = ballot.values.reduce(0, +)
        guard used < plan.voting.votesPerPerson else {
            throw Refusal(.budget, .dotsUsed, ["count": .number(plan.voting.votesPerPerson)])
        }
        guard (ballot[id] ?? 0) < plan.voting.maxVotesPerIdea else {
            throw Refusal(.budget, .dotsPerIdea, ["count": .number(plan.voting.maxVotesPerIdea)])
        }
        emit(.voteCast(token.pseudonym, id))
    }

    mutating func retractVote(from id: IdeaID, by token: ParticipantToken) throws(Refusal) {
        _ = try requireOpenVote()
        guard (state.ballot(of: token)[id] ?? 0) > 0 else {
            throw Refusal(.unknownIdea, .noDotOnIdea, ["idea": .text(id.rawValue)])
        }
        emit(.voteRetracted(token.pseudonym, id))
    }

    private mutating func requireOpenVote() throws(Refusal) -> Int {
        let (round, _) = try requirePhase([.vote])
        guard !state.isLocked else { throw Refusal(.roundClosed, .voteClosed) }
        return round
    }
}
