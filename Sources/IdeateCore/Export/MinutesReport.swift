import Foundation

/// What the minutes say, computed once from the state and shared by the Markdown, CSV and
/// JSON writers. It holds counts and texts only: no token, pseudonym, owner tag or per-idea
/// time, so no export can tie an idea to a person.
public struct MinutesReport: Codable, Equatable, Sendable {
    public struct RoundReport: Codable, Equatable, Sendable {
        public var number: Int
        public var prompt: String
        public var phases: [PhaseSummary]
        /// Nil when the round has no closed vote.
        public var votesCast: Int?
        public var ideas: [IdeaEntry]
        public var shortlist: [ShortlistEntry]
        public var lateCount: Int
        public var hiddenCount: Int
        public var parkedCount: Int
    }

    public struct PhaseSummary: Codable, Equatable, Sendable {
        public var phase: PhaseKind
        public var plannedSeconds: Int?
        public var actualSeconds: Int?
    }

    public struct IdeaEntry: Codable, Equatable, Sendable {
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
    }

    public struct ShortlistEntry: Codable, Equatable, Sendable {
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
    public var actionItems: [ActionItem]

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
        actionItems = state.actionItems
    }

    private static func roundReport(_ round: Int, state: SessionState) -> RoundReport {
        let results = state.results(round: round)
        let ranks = Dictionary(uniqueKeysWithValues: (results ?? []).enumerated().map { ($1.idea.id, (rank: $0 + 1, votes: $1.votes)) })
        let pendingAndRevealed = state.revealedIdeas(round: round) + state.pending.compactMap { state.ideas[$0] }
            .filter { $0.round == round && !$0.isWithdrawn } + state.ideasKeptOffTheWall(round: round)
        let ideas = pendingAndRevealed.map { idea in
            IdeaEntry(
                id: idea.id.rawValue, text: idea.text, cluster: idea.cluster, status: idea.status, late: idea.isLate,
                votes: results == nil ? nil : ranks[idea.id]?.votes ?? 0, rank: ranks[idea.id]?.rank,
                mergedInto: idea.mergedInto.map { state.mergeRoot(of: $0).rawValue },
                buildsOn: idea.extends?.rawValue, spokenAloud: idea.source == .facilitator)
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
            parkedCount: ideas.filter { $0.status == "parked" }.count)
    }
}
