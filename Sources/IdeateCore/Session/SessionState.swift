/// Everything the session knows, rebuilt from events alone.
///
/// Vote counts are kept `internal`: outside Core they can only be read through
/// ``results(round:)``, which answers nil until that round's vote has closed.
public struct SessionState: Equatable, Sendable {
    /// Where the session stands.
    public enum Stage: Equatable, Sendable {
        case lobby
        case running(round: Int, phase: PhaseKind)
        case finished
    }

    public let plan: Plan
    public internal(set) var stage: Stage = .lobby
    public internal(set) var timer: PhaseTimer?
    /// The current phase is over: its time ran out or the facilitator closed it.
    public internal(set) var isLocked = false
    public internal(set) var startedAt: Instant?
    public internal(set) var finishedAt: Instant?
    public internal(set) var participants: Set<Pseudonym> = []
    public internal(set) var ideas: [IdeaID: Idea] = [:]
    /// Revealed ideas in the order the wall shows them (shuffled within each batch).
    public internal(set) var wall: [IdeaID] = []
    /// Ideas waiting for the next batch.
    public internal(set) var pending: [IdeaID] = []
    /// With `moderation: true`: participants' ideas waiting for the facilitator, oldest first.
    /// Only the console reads it (``ModerationRules``); no wall or participant view does.
    public internal(set) var held: [IdeaID] = []
    /// Held ideas the facilitator kept off the wall.
    public internal(set) var heldBack: Set<IdeaID> = []
    public internal(set) var lastRevealAt: Instant?
    var ballots: [Pseudonym: [IdeaID: Int]] = [:]
    /// Who said "I'm done" in the phase running: kept internal, so outside Core only the count
    /// (``doneCount``) and each participant's own answer (``isDone(_:)``) can be read.
    var doneInPhase: Set<Pseudonym> = []
    /// Impact and effort per participant and idea; read outside Core only through
    /// ``ratingResults(round:)`` (nil until the round's `rate` phase closed) and each
    /// participant's own ratings.
    var ratings: [Pseudonym: [IdeaID: Rating]] = [:]
    public internal(set) var closedRateRounds: Set<Int> = []
    /// For each idea, the ideas merged into it, in the order they were merged.
    var mergedChildren: [IdeaID: [IdeaID]] = [:]
    /// Per round, the ideas on the wall in wall order, kept up to date by `apply`, so the
    /// console lists 10,000 ideas without scanning them every frame.
    var onWall: [Int: [IdeaID]] = [:]
    /// Each revealed idea's place in the wall order.
    var wallPosition: [IdeaID: Int] = [:]
    /// Ideas by the tag of the request that submitted them, for resends.
    var ideaByRequestTag: [OwnerTag: IdeaID] = [:]
    /// Tags of the other requests carried out (edits, withdrawals, votes), for resends.
    var completedRequests: Set<OwnerTag> = []
    /// Per round, how many ideas and how much text it holds (see ``RoundCapacity``).
    var roundLoad: [Int: RoundLoad] = [:]
    /// The facilitator closed joining: known participants reconnect, nobody new joins.
    public internal(set) var isRoomLocked = false
    public internal(set) var closedVoteRounds: Set<Int> = []
    public internal(set) var reviews: [IdeaID: IdeaReview] = [:]
    public internal(set) var actionItems: [ActionItem] = []
    /// What a follow-up round shows, as the portfolio held it when the run started; nil when
    /// the run has no follow-up round.
    public internal(set) var earlierExperiments: [EarlierExperiment]?
    /// Where participants follow their ideas after the workshop; nil when the company has no box.
    public internal(set) var ideaBox: IdeaBoxAddress?
    /// What a follow-up round shows after the experiments: action items still open when the run
    /// started; nil without a follow-up round (or from a run file older than this).
    public internal(set) var openActionItems: [OpenActionItem]?
    /// Each idea's number in the portfolio (by idea id), once the finished run was added.
    public internal(set) var portfolioNumbers: [String: String] = [:]
    public internal(set) var phaseHistory: [PhaseRecord] = []
    /// How many times idea texts were edited: lets views built from texts notice a change.
    public internal(set) var editCount = 0
    /// How many events made this state: equal revisions of one session mean equal states, so
    /// a view can tell "nothing changed" without comparing anything else.
    public internal(set) var revision = 0

    public init(plan: Plan) { self.plan = plan }

    /// The state after `events`, applied in order to a fresh session of `plan`.
    public init(plan: Plan, replaying events: some Sequence<Event>) {
        self.init(plan: plan)
        for event in events { apply(event) }
    }

    // MARK: - Derived views

    public var currentRound: Int? {
        if case let .running(round, _) = stage { return round }
        return nil
    }

    public var currentPhase: PhaseKind? {
        if case let .running(_, phase) = stage { return phase }
        return nil
    }

    /// The round the facilitator is looking at: the current one, the last one when finished.
    public var displayRound: Int {
        switch stage {
        case .lobby: 0
        case let .running(round, _): round
        case .finished: max(0, plan.rounds.count - 1)
        }
    }

    /// The idea `token` submitted with request id `key`, if it was kept.
    public func idea(submittedWith key: String, by token: ParticipantToken) -> Idea? {
        ideaByRequestTag[token.requestTag(for: key)].flatMap { ideas[$0] }
    }

    /// Whether `token`'s request `key` was carried out (any command, submissions included).
    public func hasCompleted(request key: String, by token: ParticipantToken) -> Bool {
        hasCompleted(requestTagged: token.requestTag(for: key))
    }

    /// Whether the request with this tag was carried out.
    func hasCompleted(requestTagged tag: OwnerTag) -> Bool {
        ideaByRequestTag[tag] != nil || completedRequests.contains(tag)
    }

    /// Ids of the ideas of `round` on the wall, in wall order (no scan: kept by `apply`).
    public func wallIdeaIDs(round: Int) -> [IdeaID] { onWall[round] ?? [] }

    /// Ideas of `round` on the wall, in wall order.
    public func wallIdeas(round: Int) -> [Idea] {
        wallIdeaIDs(round: round).compactMap { ideas[$0] }
    }

    /// Every idea of `round` that was revealed, in wall order (hidden, parked and merged too).
    public func revealedIdeas(round: Int) -> [Idea] {
        wall.compactMap { ideas[$0] }.filter { $0.round == round && !$0.isWithdrawn }
    }

    /// Late ideas of `round` that arrived once ideas no longer flowed: kept for the minutes,
    /// never on the wall. Sorted by id, which tells nothing of when they came.
    public func ideasKeptOffTheWall(round: Int) -> [Idea] {
        ideas.values.filter { $0.round == round && $0.isLate && !$0.isRevealed && !$0.isWithdrawn && !pending.contains($0.id) }
            .sorted { $0.id < $1.id }
    }

    /// The idea `id` ends up in after merges.
    public func mergeRoot(of id: IdeaID) -> IdeaID {
        var current = id
        var seen: Set<IdeaID> = [id]
        while let next = ideas[current]?.mergedInto, seen.insert(next).inserted { current = next }
        return current
    }

    /// How many participants have placed at least one dot in `round` (not whom they chose).
    public func voterCount(round: Int) -> Int {
        ballots.values.filter { ballot in ballot.contains { ideas[$0.key]?.round == round && $0.value > 0 } }.count
    }

    /// This participant's own dots in the current round: what their client may show them.
    public func ballot(of token: ParticipantToken) -> [IdeaID: Int] {
        guard let round = currentRound else { return [:] }
        return (ballots[token.pseudonym] ?? [:]).filter { ideas[$0.key]?.round == round && $0.value > 0 }
    }

    public func dotsLeft(for token: ParticipantToken) -> Int {
        plan.voting.votesPerPerson - ballot(of: token).values.reduce(0, +)
    }

    /// Ideas of `round` ranked by votes, or nil while the vote is still open (no bandwagon).
    public func results(round: Int) -> [RankedIdea]? {
        guard closedVoteRounds.contains(round) else { return nil }
        var totals: [IdeaID: Int] = [:]
        for ballot in ballots.values {
            for (id, count) in ballot where ideas[id]?.round == round {
                totals[mergeRoot(of: id), default: 0] += count
            }
        }
        let position = Dictionary(uniqueKeysWithValues: wall.enumerated().map { ($1, $0) })
        return wallIdeas(round: round)
            .map { RankedIdea(idea: $0, votes: totals[$0.id] ?? 0) }
            .sorted { lhs, rhs in
                lhs.votes != rhs.votes ? lhs.votes > rhs.votes : (position[lhs.idea.id] ?? 0) < (position[rhs.idea.id] ?? 0)
            }
    }

    /// The top ideas with at least one vote, as many as the plan's `shortlist`.
    public func shortlist(round: Int) -> [RankedIdea] {
        (results(round: round) ?? []).filter { $0.votes > 0 }.prefix(plan.voting.shortlist).map { $0 }
    }

    /// Total dots placed in `round`, once its vote has closed.
    public func totalVotes(round: Int) -> Int? {
        results(round: round)?.reduce(0) { $0 + $1.votes }
    }

    /// The ideas merged into `id`, for showing their texts beside it.
    public func ideasMerged(into id: IdeaID) -> [Idea] {
        (mergedChildren[id] ?? []).compactMap { ideas[$0] }.filter { !$0.isWithdrawn }
    }

    /// Cluster names used in `round`, in the order they first appear on the wall.
    public func clusters(round: Int) -> [String] {
        var seen: [String] = []
        for idea in wallIdeas(round: round) {
            if let cluster = idea.cluster, !seen.contains(cluster) { seen.append(cluster) }
        }
        return seen
    }

    /// Fewer people than the plan's `min_participants` have joined. One person alone is never
    /// anonymous, so a plan that asks for one has nothing to warn about.
    public var anonymityIsWeak: Bool {
        plan.anonymity.minParticipants > 1 && participants.count < plan.anonymity.minParticipants
    }
}

/// An idea with its vote total after the vote closed.
public struct RankedIdea: Equatable, Sendable {
    public var idea: Idea
    public var votes: Int
}
