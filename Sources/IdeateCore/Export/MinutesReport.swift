import Foundation

/// What the minutes say, computed once from the state and shared by the Markdown, CSV and
/// JSON writers. It holds counts and texts only: no token, pseudonym, owner tag or per-idea
/// time, so no export can tie an idea to a person. Rounds are numbered from 1 here, as people
/// count them, so no writer has to translate the session's 0-based indices.
public struct MinutesReport: Equatable, Sendable {
    /// One round of the plan as the minutes tell it.
    public struct RoundReport: Equatable, Sendable {
        /// 1 for the first round.
        public var number: Int
        public var prompt: String
        public var phases: [PhaseSummary]
        /// Nil when the round has no closed vote.
        public var votesCast: Int?
        public var ideas: [IdeaEntry]
        public var shortlist: [ShortlistEntry]
        public var lateCount: Int
        public var hiddenCount: Int
        /// Ideas held back under moderation (or never let through): kept, counted, never shown.
        public var heldCount: Int
        public var parkedCount: Int
        /// The shortlist's impact and effort once the round's `rate` phase closed (empty without one).
        public var ratings: [RatingEntry]
    }

    /// A rated idea: the room's medians and spreads, and whether it disagrees.
    public typealias RatingEntry = RatingSummary

    /// A planned phase with the time it was given and the time it took.
    public struct PhaseSummary: Equatable, Sendable {
        public var phase: PhaseKind
        public var plannedSeconds: Int?
        public var actualSeconds: Int?
    }

    /// One idea, whatever became of it (only withdrawn ideas are left out).
    public struct IdeaEntry: Equatable, Sendable {
        public var id: String
        public var text: String
        public var cluster: String?
        public var status: String
        public var late: Bool
        /// Dots after the vote closed (merged ideas' dots included); nil before.
        public var votes: Int?
        public var rank: Int?
        public var mergedInto: String?
        public var buildsOn: String?
        public var spokenAloud: Bool
        /// What its author's device follows it by into the portfolio; for the intake only,
        /// never written into the minutes.
        public var receipt: OwnershipProof?
        /// For an idea the round started with from the idea box: its number there (`B12`).
        public var fromBox: BacklogIdeaID?
    }

    /// A shortlisted idea with its review, in shortlist order.
    public struct ShortlistEntry: Equatable, Sendable {
        public var id: String
        public var text: String
        public var votes: Int
        public var review: IdeaReview?
    }

    public var title: String
    public var goal: String
    public var startedAt: Instant?
    public var finishedAt: Instant?
    public var plannedSeconds: Int
    public var votesPerPerson: Int
    public var maxVotesPerIdea: Int
    public var participants: Int
    public var ideaCount: Int
    public var voteCount: Int
    public var rounds: [RoundReport]
    public var actionItems: [ActionItemEntry]
    /// What the follow-up round showed, as the portfolio held it when the run started; nil
    /// without a follow-up round.
    public var earlierExperiments: [EarlierExperiment]?
    /// The action items the follow-up round showed as still open; nil without one.
    public var openActionItems: [OpenActionItem]?

    /// An agreed follow-up; ``round`` counts from 1 like ``RoundReport/number``.
    public struct ActionItemEntry: Equatable, Sendable {
        public var id: Int
        /// 1 for the first round.
        public var round: Int
        public var idea: String?
        public var what: String
        public var owner: String
        public var due: String
    }

    public init(state: SessionState) {
        title = state.plan.title
        goal = state.plan.goal
        startedAt = state.startedAt
        finishedAt = state.finishedAt
        plannedSeconds = state.plan.plannedSeconds
        votesPerPerson = state.plan.voting.votesPerPerson
        maxVotesPerIdea = state.plan.voting.maxVotesPerIdea
        participants = state.participants.count
        rounds = state.plan.rounds.indices.map { Self.roundReport($0, state: state) }
        ideaCount = rounds.reduce(0) { $0 + $1.ideas.count }
        voteCount = rounds.reduce(0) { $0 + ($1.votesCast ?? 0) }
        earlierExperiments = state.earlierExperiments
        openActionItems = state.openActionItems
        actionItems = state.actionItems.map {
            ActionItemEntry(id: $0.id, round: $0.round + 1, idea: $0.idea?.rawValue, what: $0.what, owner: $0.owner, due: $0.due)
        }
    }

    private static func roundReport(_ round: Int, state: SessionState) -> RoundReport {
        let results = state.results(round: round)
        let ranks = Dictionary(uniqueKeysWithValues: (results ?? []).enumerated().map { ($1.idea.id, (rank: $0 + 1, votes: $1.votes)) })
        let pendingAndRevealed = state.revealedIdeas(round: round) + state.pending.compactMap { state.ideas[$0] }
            .filter { $0.round == round && !$0.isWithdrawn } + state.ideasKeptOffTheWall(round: round)
        let heldBack = state.ideasHeldBack(round: round)
        let held = Set(heldBack.map(\.id))
        let ideas = (pendingAndRevealed + heldBack).map { idea in
            IdeaEntry(
                id: idea.id.rawValue, text: idea.text, cluster: idea.cluster, status: held.contains(idea.id) ? "held" : idea.status, late: idea.isLate,
                votes: results == nil ? nil : ranks[idea.id]?.votes ?? 0, rank: ranks[idea.id]?.rank,
                mergedInto: idea.mergedInto.map { state.mergeRoot(of: $0).rawValue },
                buildsOn: idea.extends?.rawValue, spokenAloud: idea.source == .facilitator, receipt: idea.receipt,
                fromBox: idea.fromBox)
        }
        let shortlist = state.shortlist(round: round).map {
            ShortlistEntry(id: $0.idea.id.rawValue, text: $0.idea.text, votes: $0.votes, review: state.reviews[$0.idea.id])
        }
        let phases = state.plan.rounds[round].phases.map { planned in
            let record = state.phaseHistory.first { $0.round == round && $0.phase == planned.kind }
            let actual = record.flatMap { record in
                record.endedAt.map { Int(($0.milliseconds(since: record.startedAt) + 500) / 1000) }
            }
            return PhaseSummary(phase: planned.kind, plannedSeconds: planned.seconds, actualSeconds: actual)
        }
        return RoundReport(
            number: round + 1, prompt: state.plan.rounds[round].prompt, phases: phases,
            votesCast: state.totalVotes(round: round), ideas: ideas, shortlist: shortlist,
            lateCount: ideas.filter(\.late).count, hiddenCount: ideas.filter { $0.status == "hidden" }.count,
            heldCount: held.count, parkedCount: ideas.filter { $0.status == "parked" }.count,
            ratings: (state.ratingResults(round: round) ?? []).map(RatingSummary.init))
    }
}
