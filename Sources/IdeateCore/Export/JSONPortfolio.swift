import Foundation

/// The version of the portfolio export's contract (the JSON document and the CSV's columns),
/// separate from the minutes' ``ExportFormatVersion``: the two change for different reasons.
public enum PortfolioFormatVersion {
    /// Raise it whenever a field or column is renamed, removed, retyped or changes meaning.
    public static let current = 1
}

/// The portfolio as JSON for tools: every workshop, experiment (with its test card, learning
/// card and history), action item and backlog idea. Every key is written (null when there is
/// no value); dates are `YYYY-MM-DD`; ids are `E…`, `A…`, `B…`.
public enum JSONPortfolio {
    public static func render(_ report: PortfolioReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(JSONPortfolioDocument(report)), as: UTF8.self) + "\n"
    }
}

/// The JSON export's shape, apart from the Core types so they may change without changing the
/// contract.
public struct JSONPortfolioDocument: Codable, Equatable, Sendable {
    public var formatVersion: Int
    public var today: String
    public var workshops: [Workshop]
    public var experiments: [Experiment]
    public var actionItems: [ActionItem]
    public var backlog: [BacklogIdea]
    public var intake: Intake

    /// Ideas in per month, and how fast box ideas were answered (days from the arrival week's
    /// Monday to the first decision or answer).
    public struct Intake: Codable, Equatable, Sendable {
        public struct Month: Codable, Equatable, Sendable {
            public var month: String
            public var fromBox: Int
            public var fromWorkshops: Int
        }

        public var months: [Month]
        public var boxIdeas: Int
        public var answered: Int
        @WrittenAsNull public var medianDaysToFirstAnswer: Double?
        public var dueForAnswer: Int
        public var answeredWithinRhythm: Int
        public var rhythmDays: Int
        public var becameExperiments: Int
        public var experimentsLearned: Int
    }

    /// A workshop added to the portfolio; `run` is the identity that makes adding it idempotent.
    public struct Workshop: Codable, Equatable, Sendable {
        public var run: String
        public var title: String
        public var goal: String
        @WrittenAsNull public var date: String?
        public var participantCount: Int
        public var ideaCount: Int
        public var voteCount: Int
        public var addedOn: String
    }

    /// An experiment with its cards and history.
    public struct Experiment: Codable, Equatable, Sendable {
        public var id: String
        public var title: String
        public var state: String
        public var due: Bool
        @WrittenAsNull public var workshop: String?
        @WrittenAsNull public var round: Int?
        @WrittenAsNull public var followsUp: String?
        @WrittenAsNull public var promotedFrom: String?
        public var card: Card
        @WrittenAsNull public var learning: Learning?
        public var history: [History]
    }

    /// The test card.
    public struct Card: Codable, Equatable, Sendable {
        public var assumption: String
        public var smallestTest: String
        public var metric: String
        public var successCriterion: String
        public var failureCriterion: String
        public var owner: String
        @WrittenAsNull public var startDate: String?
        @WrittenAsNull public var reviewDate: String?
    }

    /// The learning card.
    public struct Learning: Codable, Equatable, Sendable {
        public var outcome: String
        public var believed: String
        public var observed: String
        public var learned: String
        public var decision: String
        public var date: String
    }

    /// One change: its day, what happened, and the note.
    public struct History: Codable, Equatable, Sendable {
        public var date: String
        public var change: String
        public var note: String
    }

    /// An action item and where it stands.
    public struct ActionItem: Codable, Equatable, Sendable {
        public var id: String
        public var what: String
        public var owner: String
        @WrittenAsNull public var due: String?
        public var overdue: Bool
        public var status: String
        @WrittenAsNull public var statusDate: String?
        @WrittenAsNull public var workshop: String?
        @WrittenAsNull public var round: Int?
        @WrittenAsNull public var idea: String?
        public var history: [History]
    }

    /// A backlog idea; `cameBack` counts the workshops that wrote the same idea.
    public struct BacklogIdea: Codable, Equatable, Sendable {
        public var id: String
        public var text: String
        public var kind: String
        @WrittenAsNull public var workshop: String?
        @WrittenAsNull public var round: Int?
        @WrittenAsNull public var promotedTo: String?
        public var cameBack: Int
        /// new, kept, merged, experiment, workshop or declined.
        public var fate: String
        @WrittenAsNull public var mergedInto: String?
        @WrittenAsNull public var answer: String?
        @WrittenAsNull public var answeredOn: String?
        /// For a box idea: the Monday of the week it arrived, and its question.
        @WrittenAsNull public var arrivalWeek: String?
        @WrittenAsNull public var question: String?
        public var onBoard: Bool
    }
}

// MARK: - From the report

extension JSONPortfolioDocument {
    public init(_ report: PortfolioReport) {
        formatVersion = PortfolioFormatVersion.current
        today = report.today.description
        workshops = report.workshops.map(\.workshop).map {
            Workshop(run: $0.run.rawValue, title: $0.title, goal: $0.goal, date: $0.date?.description, participantCount: $0.participants,
                     ideaCount: $0.ideaCount, voteCount: $0.voteCount, addedOn: $0.addedOn.description)
        }
        let history = { (subject: PortfolioSubject) in
            (report.history[subject] ?? []).map { History(date: $0.date.description, change: $0.change.description, note: $0.note) }
        }
        experiments = report.experiments.map { experiment in
            let card = experiment.card
            return Experiment(
                id: experiment.id.description, title: experiment.title, state: experiment.state.stage.rawValue,
                due: experiment.isDue(on: report.today), workshop: experiment.workshop?.rawValue, round: experiment.round,
                followsUp: experiment.followsUp?.description, promotedFrom: experiment.promotedFrom?.description,
                card: Card(assumption: card.assumption, smallestTest: card.smallestTest, metric: card.metric,
                           successCriterion: card.successCriterion, failureCriterion: card.failureCriterion, owner: card.owner,
                           startDate: card.startDate?.description, reviewDate: card.reviewDate?.description),
                learning: experiment.learning.map {
                    Learning(outcome: $0.outcome.rawValue, believed: $0.believed, observed: $0.observed, learned: $0.learned,
                             decision: $0.decision.rawValue, date: $0.date.description)
                },
                history: history(.experiment(experiment.id)))
        }
        actionItems = (report.openActionItems + report.closedActionItems).sorted { $0.id < $1.id }.map { item in
            ActionItem(id: item.id.description, what: item.what, owner: item.owner, due: item.due?.description,
                       overdue: item.isOverdue(on: report.today), status: item.status.rawValue, statusDate: item.statusDate?.description,
                       workshop: item.workshop?.rawValue, round: item.round, idea: item.idea, history: history(.actionItem(item.id)))
        }
        backlog = report.backlog.flatMap { group in
            group.ideas.map { idea in
                BacklogIdea(id: idea.id.description, text: idea.text, kind: idea.kind.rawValue, workshop: idea.workshop?.rawValue,
                            round: idea.round, promotedTo: idea.promotedTo?.description, cameBack: group.workshopCount,
                            fate: FateNotice.Kind(idea.fate).rawValue, mergedInto: idea.fate.mergeTarget?.description, answer: idea.answer?.text,
                            answeredOn: idea.answer?.date.description, arrivalWeek: idea.arrivalWeek?.monday.description,
                            question: idea.question, onBoard: idea.onBoard)
            }
        }
        let report = report.intake
        intake = Intake(
            months: report.months.map { Intake.Month(month: $0.month, fromBox: $0.fromBox, fromWorkshops: $0.fromWorkshops) },
            boxIdeas: report.boxIdeas, answered: report.answered, medianDaysToFirstAnswer: report.medianDaysToFirstAnswer,
            dueForAnswer: report.dueForAnswer, answeredWithinRhythm: report.answeredWithinRhythm, rhythmDays: report.rhythm.days,
            becameExperiments: report.becameExperiments, experimentsLearned: report.experimentsLearned)
    }
}
