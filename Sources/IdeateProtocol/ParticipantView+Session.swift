import IdeateCore

extension ParticipantView {
    /// What `token` may see of `state` at `now`, by Core's rules (`participantsSeeTheWall`,
    /// `participantsSeeTheirDots`, `results(round:)`); `buildOn` is their idea to extend in
    /// `build`. `shared` holds what is the same for everyone (computed once for all).
    public static func of(
        _ state: SessionState, for token: ParticipantToken, buildOn: Idea?, shared: SharedViewParts, now: Instant
    ) -> ParticipantView {
        let round = state.displayRound
        let stage: Stage = switch state.stage {
        case .lobby: .lobby
        case let .running(_, phase): .phase(phase)
        case .finished: .finished
        }
        var view = ParticipantView(
            title: state.plan.title, stage: stage, round: round + 1, rounds: state.plan.rounds.count,
            prompt: state.plan.rounds[round].prompt,
            remainingMilliseconds: state.isLocked ? 0 : state.timer.map { $0.remainingMilliseconds(at: now) },
            paused: state.timer?.isPaused ?? false, locked: state.isLocked,
            votesPerPerson: state.plan.voting.votesPerPerson, maxVotesPerIdea: state.plan.voting.maxVotesPerIdea)
        if state.currentPhase?.isIdeaFlow == true, !state.isLocked { view.done = state.isDone(token) }
        if state.currentPhase == .build { view.buildOn = buildOn.map(SharedIdea.init) }
        if state.participantsSeeTheWall { view.wall = shared.wall }
        if state.participantsSeeTheirDots {
            view.myDots = Dictionary(uniqueKeysWithValues: state.ballot(of: token).map { ($0.key.rawValue, $0.value) })
            view.dotsLeft = state.dotsLeft(for: token)
        }
        view.results = shared.results
        view.toRate = shared.toRate
        view.ratings = shared.ratings
        if shared.toRate != nil {
            view.myRatings = Dictionary(uniqueKeysWithValues: state.ratings(of: token).map { ($0.key.rawValue, $0.value) })
        }
        if case .finished = stage {
            view.ideaBox = state.ideaBox?.text
            let mine = state.ideas.values.filter { $0.owner != nil && $0.owner == token.ownerTag(for: $0.id) }
            let numbers = Set(mine.compactMap { state.portfolioNumbers[$0.id.rawValue] })
            if !numbers.isEmpty {
                view.myNumbers = numbers.sorted { ($0.first ?? " ", Int($0.dropFirst()) ?? 0) < ($1.first ?? " ", Int($1.dropFirst()) ?? 0) }
            }
        }
        if case .lobby = stage, let experiments = state.earlierExperiments {
            view.followupRound = FollowupRound(experiments: experiments, actionItems: state.openActionItems ?? [])
        }
        return view
    }
}

extension SharedIdea {
    /// `idea` as participants may see it: its id and text.
    init(_ idea: Idea) {
        self.init(id: idea.id.rawValue, text: idea.text)
    }
}
