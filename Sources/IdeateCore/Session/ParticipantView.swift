/// An idea as participants may see it: id and text, nothing else.
public struct SharedIdea: Codable, Equatable, Sendable {
    public var id: String
    public var text: String

    public init(id: String, text: String) {
        self.id = id
        self.text = text
    }
}

/// A ranked idea after the vote closed.
public struct RankedResult: Codable, Equatable, Sendable {
    public var id: String
    public var text: String
    public var votes: Int
    public var shortlisted: Bool

    public init(id: String, text: String, votes: Int, shortlisted: Bool) {
        self.id = id
        self.text = text
        self.votes = votes
        self.shortlisted = shortlisted
    }
}

/// What a participant's screen shows: the question, the timer, their own dots, and the wall only
/// once ideas no longer flow; tallies only after the vote has closed. The server sends it over
/// the wire whenever it changes.
public struct ParticipantView: Codable, Equatable, Sendable {
    public var title: String
    /// `lobby`, a phase name, or `finished`.
    public var stage: String
    public var round: Int
    public var rounds: Int
    public var prompt: String
    public var remainingMilliseconds: Int64?
    public var paused: Bool
    public var locked: Bool
    /// In `build`: somebody else's idea to extend.
    public var buildOn: SharedIdea?
    /// In `group` and `vote`: the ideas on the wall.
    public var wall: [SharedIdea]?
    /// In `vote`: this participant's own dots.
    public var myDots: [String: Int]?
    public var dotsLeft: Int?
    public var votesPerPerson: Int
    public var maxVotesPerIdea: Int
    /// After the vote closed.
    public var results: [RankedResult]?
    /// Set instead of `wall` when the wall is the one this client already has.
    public var wallUnchanged: Bool?

    public init(title: String, stage: String, round: Int, rounds: Int, prompt: String, remainingMilliseconds: Int64?,
                paused: Bool, locked: Bool, votesPerPerson: Int, maxVotesPerIdea: Int) {
        self.title = title
        self.stage = stage
        self.round = round
        self.rounds = rounds
        self.prompt = prompt
        self.remainingMilliseconds = remainingMilliseconds
        self.paused = paused
        self.locked = locked
        self.votesPerPerson = votesPerPerson
        self.maxVotesPerIdea = maxVotesPerIdea
    }
}

extension ParticipantView {
    /// What `token` may see of `state` at `now`; `buildOn` is their idea to extend in `build`.
    /// `shared` holds what is the same for everyone (computed once for all participants).
    public static func of(
        _ state: SessionState, for token: ParticipantToken, buildOn: Idea?, shared: SharedViewParts, now: Instant
    ) -> ParticipantView {
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
            view.buildOn = buildOn.map { SharedIdea(id: $0.id.rawValue, text: $0.text) }
        case .group?, .vote?:
            view.wall = shared.wall
            if state.currentPhase == .vote {
                view.myDots = Dictionary(uniqueKeysWithValues: state.ballot(of: token).map { ($0.key.rawValue, $0.value) })
                view.dotsLeft = state.dotsLeft(for: token)
            }
        default:
            break
        }
        view.results = shared.results
        return view
    }
}

/// The parts of a participant's view that are the same for everyone: the wall and the
/// results. Computed once per change, not once per participant.
public struct SharedViewParts: Sendable {
    public var wall: [SharedIdea]?
    public var results: [RankedResult]?
    /// What the parts were computed from; equal keys mean equal parts.
    public let key: Key

    /// The inputs the shared parts depend on.
    public struct Key: Equatable, Sendable {
        var round: Int
        var phase: PhaseKind?
        var wall: [IdeaID]
        var votesClosed: Bool
        var editsSeen: Int
    }

    public static func key(for state: SessionState) -> Key {
        let round = state.displayRound
        return Key(round: round, phase: state.currentPhase, wall: state.wallIdeaIDs(round: round),
                   votesClosed: state.closedVoteRounds.contains(round), editsSeen: state.editCount)
    }

    public init(state: SessionState) {
        key = Self.key(for: state)
        let round = state.displayRound
        if state.currentPhase == .group || state.currentPhase == .vote {
            wall = state.wallIdeas(round: round).map { SharedIdea(id: $0.id.rawValue, text: $0.text) }
        }
        if let ranked = state.results(round: round) {
            let shortlist = Set(state.shortlist(round: round).map(\.idea.id))
            results = ranked.map {
                RankedResult(id: $0.idea.id.rawValue, text: $0.idea.text, votes: $0.votes, shortlisted: shortlist.contains($0.idea.id))
            }
        }
    }
}
