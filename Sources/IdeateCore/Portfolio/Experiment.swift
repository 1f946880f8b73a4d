/// An experiment the company runs to test one assumption, followed from the workshop that
/// agreed on it until someone writes down what was learned. It moves planned → running →
/// learned and never back: the rules in `ExperimentRules.swift` refuse anything else.
public struct Experiment: Codable, Equatable, Sendable, Identifiable {
    /// Where an experiment is on its way to a learning.
    public enum State: Codable, Equatable, Sendable {
        case planned
        case running
        case learned(LearningCard)

        public var stage: Stage {
            switch self {
            case .planned: .planned
            case .running: .running
            case .learned: .learned
            }
        }
    }

    /// The state without its learning card: what tables and filters need.
    public enum Stage: String, Codable, CaseIterable, Sendable {
        case planned, running, learned
    }

    public let id: ExperimentID
    /// The idea it tests, as the workshop wrote it.
    public var title: String
    public var card: TestCard
    public var state: State
    /// The workshop it came from (directly, from its backlog, or through an earlier experiment).
    public var workshop: RunIdentity?
    /// 1 for the workshop's first round.
    public var round: Int?
    /// The experiment whose "test again" opened this one.
    public var followsUp: ExperimentID?
    /// The backlog idea it was promoted from.
    public var promotedFrom: BacklogIdeaID?

    public init(
        id: ExperimentID, title: String, card: TestCard, state: State = .planned, workshop: RunIdentity? = nil,
        round: Int? = nil, followsUp: ExperimentID? = nil, promotedFrom: BacklogIdeaID? = nil
    ) {
        self.id = id
        self.title = title
        self.card = card
        self.state = state
        self.workshop = workshop
        self.round = round
        self.followsUp = followsUp
        self.promotedFrom = promotedFrom
    }

    public var learning: LearningCard? {
        if case let .learned(card) = state { return card }
        return nil
    }

    /// Not learned yet, and its review date reached or passed on `today`.
    public func isDue(on today: CalendarDate) -> Bool {
        guard state == .running || state == .planned, let review = card.reviewDate else { return false }
        return review <= today
    }
}
