/// What became of one earlier experiment, as a follow-up round shows it to the room and its
/// minutes record it: the question, where it came from, and — once learned — the outcome, what
/// was learned and the decision. Taken from the portfolio when the run starts and stored in the
/// run file (``Event/earlierExperimentsShown(_:)``), so the minutes say the same thing however
/// the portfolio changes afterwards.
public struct EarlierExperiment: Codable, Equatable, Sendable {
    /// The portfolio's id, e.g. `E3`.
    public var id: String
    public var title: String
    public var workshop: String?
    public var workshopDate: CalendarDate?
    public var stage: Experiment.Stage
    /// The learning card, when it was learned from.
    public var learning: LearningCard?
    /// While it still runs: when the group looks at the result.
    public var reviewDate: CalendarDate?

    public init(
        id: String, title: String, workshop: String? = nil, workshopDate: CalendarDate? = nil, stage: Experiment.Stage,
        learning: LearningCard? = nil, reviewDate: CalendarDate? = nil
    ) {
        self.id = id
        self.title = title
        self.workshop = workshop
        self.workshopDate = workshopDate
        self.stage = stage
        self.learning = learning
        self.reviewDate = reviewDate
    }

    /// At most this many learned experiments, newest learning first …
    public static let learnedShown = 20
    /// … then at most this many still running, soonest review first: a 30-minute round.
    public static let runningShown = 10

    /// What a follow-up round walks through from `portfolio`.
    public static func review(of portfolio: Portfolio) -> [EarlierExperiment] {
        let workshops = Dictionary(portfolio.workshops.map { ($0.run, $0) }, uniquingKeysWith: { first, _ in first })
        func shown(_ experiment: Experiment) -> EarlierExperiment {
            let workshop = experiment.workshop.flatMap { workshops[$0] }
            return EarlierExperiment(id: experiment.id.description, title: experiment.title, workshop: workshop?.title,
                                     workshopDate: workshop?.date, stage: experiment.state.stage, learning: experiment.learning,
                                     reviewDate: experiment.card.reviewDate)
        }
        let learned = portfolio.experiments.filter { $0.learning != nil }
            .sorted { ($0.learning!.date, $0.id) > ($1.learning!.date, $1.id) }
            .prefix(learnedShown)
        let running = portfolio.experiments.filter { $0.state == .running }
            .sorted { ($0.card.reviewDate?.daysSince1970 ?? .max, $0.id) < ($1.card.reviewDate?.daysSince1970 ?? .max, $1.id) }
            .prefix(runningShown)
        return (learned + running).map(shown)
    }
}
