/// An idea as the session keeps it. It has no author: only an ``OwnerTag`` that the author's
/// own token can reproduce (for edit, withdraw, and not being handed one's own idea in `build`).
public struct Idea: Codable, Equatable, Sendable, Identifiable {
    public enum Source: String, Codable, Sendable {
        /// Typed by a participant on their own terminal.
        case participant
        /// Spoken aloud in the room and typed by the facilitator.
        case facilitator
        /// Sent to the idea box and taken to this workshop by its reviewer (``fromBox``).
        case box
    }

    public var id: IdeaID
    public var round: Int
    public var text: String
    public var source: Source
    public var owner: OwnerTag?
    /// The idea this one builds on ("yes, and …"), for ideas from the `build` phase.
    public var extends: IdeaID?
    /// Arrived after the phase's deadline: kept, and marked as such.
    public var isLate: Bool
    public var isRevealed = false
    public var isWithdrawn = false
    public var isHidden = false
    public var isParked = false
    /// Set when a facilitator merged this idea into a duplicate; its votes count there.
    public var mergedInto: IdeaID?
    public var cluster: String?
    /// Derived from the token and the client's request id, so a resent submission is
    /// recognised; like ``owner``, meaningless without the token.
    public var requestTag: OwnerTag?
    /// The proof its author's device keeps to follow the idea into the portfolio and the idea
    /// box (a fresh one per idea, so two ideas are never linked by it); never exported.
    public var receipt: OwnershipProof?
    /// For an idea the round started with from the idea box: its number there, so what the
    /// workshop decides about it goes back to that idea and its author.
    public var fromBox: BacklogIdeaID?

    public init(
        id: IdeaID, round: Int, text: String, source: Source, owner: OwnerTag?, extends: IdeaID?, isLate: Bool
    ) {
        self.id = id
        self.round = round
        self.text = text
        self.source = source
        self.owner = owner
        self.extends = extends
        self.isLate = isLate
    }

    /// On the wall and open to votes: revealed, and not withdrawn, hidden, parked or merged away.
    public var isOnWall: Bool { isRevealed && !isWithdrawn && !isHidden && !isParked && mergedInto == nil }

    /// The word the exports use for the idea's state.
    public var status: String {
        if isWithdrawn { return "withdrawn" }
        if isHidden { return "hidden" }
        if mergedInto != nil { return "merged" }
        if isParked { return "parked" }
        if !isRevealed { return isLate ? "late" : "pending" }
        return isLate ? "late" : "active"
    }
}

/// What the group agreed to try for a shortlisted idea: the assumption is written down before
/// the test starts, with a criterion that says whether it worked and one that says when to stop.
///
/// ``metric`` and ``failureCriterion`` came later: a run file written before them reads back
/// with both empty, and an empty one is left out when stored, so such a card is stored exactly
/// as before.
public struct ExperimentCard: Codable, Equatable, Sendable {
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
    public var owner: String
    /// As typed in the room (the portfolio reads it as a date when it is one).
    public var reviewDate: String

    public init(
        assumption: String, smallestTest: String, metric: String = "", successCriterion: String,
        failureCriterion: String = "", owner: String, reviewDate: String
    ) {
        self.assumption = assumption
        self.smallestTest = smallestTest
        self.metric = metric
        self.successCriterion = successCriterion
        self.failureCriterion = failureCriterion
        self.owner = owner
        self.reviewDate = reviewDate
    }

    private enum CodingKeys: String, CodingKey {
        case assumption, smallestTest, metric, successCriterion, failureCriterion, owner, reviewDate
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        assumption = try container.decode(String.self, forKey: .assumption)
        smallestTest = try container.decode(String.self, forKey: .smallestTest)
        metric = try container.decodeIfPresent(String.self, forKey: .metric) ?? ""
        successCriterion = try container.decode(String.self, forKey: .successCriterion)
        failureCriterion = try container.decodeIfPresent(String.self, forKey: .failureCriterion) ?? ""
        owner = try container.decode(String.self, forKey: .owner)
        reviewDate = try container.decode(String.self, forKey: .reviewDate)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(assumption, forKey: .assumption)
        try container.encode(smallestTest, forKey: .smallestTest)
        if !metric.isEmpty { try container.encode(metric, forKey: .metric) }
        try container.encode(successCriterion, forKey: .successCriterion)
        if !failureCriterion.isEmpty { try container.encode(failureCriterion, forKey: .failureCriterion) }
        try container.encode(owner, forKey: .owner)
        try container.encode(reviewDate, forKey: .reviewDate)
    }
}

/// The review of one shortlisted idea, filled in during `review`.
public struct IdeaReview: Codable, Equatable, Sendable {
    public var benefits: String = ""
    public var concerns: String = ""
    public var experiment: ExperimentCard?

    public init(benefits: String = "", concerns: String = "", experiment: ExperimentCard? = nil) {
        self.benefits = benefits
        self.concerns = concerns
        self.experiment = experiment
    }
}

/// A follow-up with a name and a date, so ideas do not stay symbolic.
public struct ActionItem: Codable, Equatable, Sendable, Identifiable {
    public var id: Int
    public var round: Int
    public var idea: IdeaID?
    public var what: String
    public var owner: String
    public var due: String

    public init(id: Int, round: Int, idea: IdeaID?, what: String, owner: String, due: String) {
        self.id = id
        self.round = round
        self.idea = idea
        self.what = what
        self.owner = owner
        self.due = due
    }
}
