import IdeateCore

/// What one participant may see of the session: the question, the timer, their own dots, and
/// the wall only once ideas no longer flow. Tallies only after the vote has closed.
enum ViewBuilder {
    static func view(of state: SessionState, for token: ParticipantToken, buildOn: Idea?, now: Instant) -> ParticipantView {
        let round = state.displayRound
        var stage = "lobby"
        switch state.stage {
        case .lobby: stage = "lobby"
        case .finished: stage = "finished"
        case let .running(_, phase): stage = phase.rawValue
        }
        var view = ParticipantView(
            title: state.plan.title, stage: stage, round: round + 1, rounds: state.plan.rounds.count,
            prompt: state.plan.rounds[round].prompt,
            remainingMilliseconds: state.isLocked ? 0 : state.timer.map { $0.remainingMilliseconds(at: now) },
            paused: state.timer?.isPaused ?? false, locked: state.isLocked,
            votesPerPerson: state.plan.voting.votesPerPerson, maxVotesPerIdea: state.plan.voting.maxVotesPerIdea)
        switch state.currentPhase {
        case .build?:
            view.buildOn = buildOn.map { WireIdea(id: $0.id.rawValue, text: $0.text) }
        case .group?, .vote?:
            view.wall = state.wallIdeas(round: round).map { WireIdea(id: $0.id.rawValue, text: $0.text) }
            if state.currentPhase == .vote {
                view.myDots = Dictionary(uniqueKeysWithValues: state.ballot(of: token).map { ($0.key.rawValue, $0.value) })
                view.dotsLeft = state.dotsLeft(for: token)
            }
        default:
            break
        }
        if let results = state.results(round: round) {
            let shortlist = Set(state.shortlist(round: round).map(\.idea.id))
            view.results = results.map {
                WireResult(id: $0.idea.id.rawValue, text: $0.idea.text, votes: $0.votes, shortlisted: shortlist.contains($0.idea.id))
            }
        }
        return view
    }
}
