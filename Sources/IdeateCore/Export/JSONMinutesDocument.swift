/// The JSON export's shape, field by field, apart from the report it is made from: the report
/// may grow for the Markdown minutes without changing the contract, and a stored type (an
/// action item, a review) may be renamed without changing it either. Every key is always
/// written; a value that does not exist yet is `null`. Rounds count from 1; times are strings
/// from ``ExportTimestamp``; durations are whole seconds in fields named `…Seconds`.
public struct JSONMinutesDocument: Codable, Equatable, Sendable {
    public var formatVersion: Int
    public var title: String
    public var goal: String
    @WrittenAsNull public var startedAt: String?
    @WrittenAsNull public var finishedAt: String?
    public var plannedSeconds: Int
    public var votesPerPerson: Int
    public var maxVotesPerIdea: Int
    public var participantCount: Int
    public var ideaCount: Int
    public var voteCount: Int
    public var rounds: [Round]
    public var actionItems: [ActionItem]

    /// One round of the plan.
    public struct Round: Codable, Equatable, Sendable {
        public var number: Int
        public var prompt: String
        public var phases: [Phase]
        @WrittenAsNull public var votesCast: Int?
        public var lateCount: Int
        public var hiddenCount: Int
        public var heldCount: Int
        public var parkedCount: Int
        /// The shortlist's impact and effort once the round's `rate` phase closed.
        public var ratings: [Rating]
        public var ideas: [Idea]
        public var shortlist: [ShortlistEntry]
    }

    /// A rated idea: medians (1–5), spreads (highest − lowest), raters, whether the room disagrees.
    public typealias Rating = RatingSummary

    /// A planned phase: its time box and how long it ran.
    public struct Phase: Codable, Equatable, Sendable {
        public var phase: String
        @WrittenAsNull public var plannedSeconds: Int?
        @WrittenAsNull public var actualSeconds: Int?
    }

    /// One idea and what became of it.
    public struct Idea: Codable, Equatable, Sendable {
        public var id: String
        public var text: String
        @WrittenAsNull public var cluster: String?
        public var status: String
        public var late: Bool
        @WrittenAsNull public var votes: Int?
        @WrittenAsNull public var rank: Int?
        @WrittenAsNull public var mergedInto: String?
        @WrittenAsNull public var buildsOn: String?
        public var spokenAloud: Bool
    }

    /// A shortlisted idea and its review.
    public struct ShortlistEntry: Codable, Equatable, Sendable {
        public var id: String
        public var text: String
        public var votes: Int
        @WrittenAsNull public var review: Review?
    }

    /// What the group said about a shortlisted idea.
    public struct Review: Codable, Equatable, Sendable {
        public var benefits: String
        public var concerns: String
        @WrittenAsNull public var experiment: Experiment?
    }

    /// The experiment card agreed for a shortlisted idea.
    public struct Experiment: Codable, Equatable, Sendable {
        public var assumption: String
        public var smallestTest: String
        /// Empty for a card recorded before the metric was asked for.
        public var metric: String
        public var successCriterion: String
        /// Empty for a card recorded before the failure criterion was asked for.
        public var failureCriterion: String
        public var owner: String
        public var reviewDate: String
    }

    /// A follow-up with an owner and a due date.
    public struct ActionItem: Codable, Equatable, Sendable {
        public var id: Int
        public var round: Int
        @WrittenAsNull public var idea: String?
        public var what: String
        public var owner: String
        public var due: String
    }
}

// MARK: - From the report

extension JSONMinutesDocument {
    public init(_ report: MinutesReport, timestamp: ExportTimestamp) {
        formatVersion = ExportFormatVersion.current
        title = report.title
        goal = report.goal
        startedAt = report.startedAt.map(timestamp.string(for:))
        finishedAt = report.finishedAt.map(timestamp.string(for:))
        plannedSeconds = report.plannedSeconds
        votesPerPerson = report.votesPerPerson
        maxVotesPerIdea = report.maxVotesPerIdea
        participantCount = report.participants
        ideaCount = report.ideaCount
        voteCount = report.voteCount
        rounds = report.rounds.map(Round.init)
        actionItems = report.actionItems.map {
            ActionItem(id: $0.id, round: $0.round, idea: $0.idea, what: $0.what, owner: $0.owner, due: $0.due)
        }
    }
}

extension JSONMinutesDocument.Round {
    init(_ round: MinutesReport.RoundReport) {
        number = round.number
        prompt = round.prompt
        phases = round.phases.map {
            JSONMinutesDocument.Phase(phase: $0.phase.rawValue, plannedSeconds: $0.plannedSeconds, actualSeconds: $0.actualSeconds)
        }
        votesCast = round.votesCast
        lateCount = round.lateCount
        hiddenCount = round.hiddenCount
        heldCount = round.heldCount
        ratings = round.ratings
        parkedCount = round.parkedCount
        ideas = round.ideas.map {
            JSONMinutesDocument.Idea(
                id: $0.id, text: $0.text, cluster: $0.cluster, status: $0.status, late: $0.late, votes: $0.votes,
                rank: $0.rank, mergedInto: $0.mergedInto, buildsOn: $0.buildsOn, spokenAloud: $0.spokenAloud)
        }
        shortlist = round.shortlist.map { entry in
            let review = entry.review.map { review in
                JSONMinutesDocument.Review(
                    benefits: review.benefits, concerns: review.concerns,
                    experiment: review.experiment.map {
                        JSONMinutesDocument.Experiment(
                            assumption: $0.assumption, smallestTest: $0.smallestTest, metric: $0.metric,
                            successCriterion: $0.successCriterion, failureCriterion: $0.failureCriterion,
                            owner: $0.owner, reviewDate: $0.reviewDate)
                    })
            }
            return JSONMinutesDocument.ShortlistEntry(id: entry.id, text: entry.text, votes: entry.votes, review: review)
        }
    }
}
