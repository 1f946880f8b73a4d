/// An experiment written down before it starts, as a test card: what we believe, the smallest
/// test, what we measure, when we are right and when we stop. Writing the criteria first is
/// what lets a company learn from the result instead of explaining it away afterwards.
public struct TestCard: Codable, Equatable, Sendable {
    /// "We believe …"
    public var assumption: String
    /// "To verify, we will …"
    public var smallestTest: String
    /// "… and measure …"
    public var metric: String
    /// "We are right if …"
    public var successCriterion: String
    /// "We stop or change course if …": the decision point.
    public var failureCriterion: String
    /// Whoever the group named; not a participant's identity.
    public var owner: String
    /// When it starts: planned until it runs, then the day it started.
    public var startDate: CalendarDate?
    /// When the group looks at the result.
    public var reviewDate: CalendarDate?

    public init(
        assumption: String, smallestTest: String = "", metric: String = "", successCriterion: String = "",
        failureCriterion: String = "", owner: String = "", startDate: CalendarDate? = nil, reviewDate: CalendarDate? = nil
    ) {
        self.assumption = assumption
        self.smallestTest = smallestTest
        self.metric = metric
        self.successCriterion = successCriterion
        self.failureCriterion = failureCriterion
        self.owner = owner
        self.startDate = startDate
        self.reviewDate = reviewDate
    }
}

/// What an experiment taught, written when it ends: we believed, we observed, we learned,
/// therefore we will. A failed assumption is recorded exactly like a confirmed one — it is an
/// answer, not a blame.
public struct LearningCard: Codable, Equatable, Sendable {
    /// What an experiment showed about its assumption.
    public enum Outcome: String, Codable, CaseIterable, Sendable {
        case validated, invalidated, unclear
    }

    /// What the company does after an experiment: "therefore we will …".
    public enum Decision: String, Codable, CaseIterable, Sendable {
        case persevere, pivot, stop
        /// Run another experiment on the same question; it may open a linked follow-up.
        case testAgain = "test-again"

        /// The words after "therefore we will".
        public var phrase: String {
            switch self {
            case .persevere: "persevere"
            case .pivot: "pivot"
            case .stop: "stop"
            case .testAgain: "test again"
            }
        }
    }

    public var outcome: Outcome
    /// "We believed …": the assumption as it stood (the test card's, unless rephrased).
    public var believed: String
    /// "We observed …"
    public var observed: String
    /// "We learned …"
    public var learned: String
    /// "Therefore we will …"
    public var decision: Decision
    /// The day it was recorded.
    public var date: CalendarDate

    public init(outcome: Outcome, believed: String = "", observed: String, learned: String, decision: Decision, date: CalendarDate) {
        self.outcome = outcome
        self.believed = believed
        self.observed = observed
        self.learned = learned
        self.decision = decision
        self.date = date
    }
}
