/// Impact and effort (an optional `rate` phase after the vote): each participant rates each
/// shortlisted idea on both, 1 to 5, anonymously, and may change their rating while the phase
/// is open. Like dots, ratings are kept by pseudonym and hidden until the phase closes (no
/// bandwagon): ``SessionState/ratingResults(round:)`` answers nil before. Afterwards each idea
/// has a median and a spread on both axes, and the ideas the room disagrees on are flagged:
/// that is where an assumption belongs on the experiment card.
extension Decision {
    mutating func rate(_ id: IdeaID, impact: Int, effort: Int, by token: ParticipantToken) throws(Refusal) {
        let (round, _) = try requirePhase([.rate])
        guard !state.isLocked else { throw Refusal(.roundClosed, .ratingClosed) }
        guard Rating.scale.contains(impact), Rating.scale.contains(effort) else {
            throw Refusal(.budget, .ratingScale, ["min": .number(Rating.scale.lowerBound), "max": .number(Rating.scale.upperBound)])
        }
        guard state.shortlist(round: round).contains(where: { $0.idea.id == id }) else {
            throw Refusal(.unknownIdea, .notOnShortlist, ["idea": .text(id.rawValue)])
        }
        let rating = Rating(impact: impact, effort: effort)
        guard state.ratings[token.pseudonym]?[id] != rating else { return }
        emit(.ideaRated(token.pseudonym, id, impact: impact, effort: effort))
    }
}

/// One participant's impact and effort for one idea (their own view carries theirs).
public struct Rating: Codable, Equatable, Sendable {
    public var impact: Int
    public var effort: Int

    public init(impact: Int, effort: Int) {
        self.impact = impact
        self.effort = effort
    }

    /// Both axes run from 1 (low) to 5 (high).
    public static let scale = 1...5
}

/// A rated idea once the `rate` phase closed: the room's figures, never who gave which.
public struct RatedIdea: Equatable, Sendable {
    public var idea: Idea
    public var raters: Int
    public var impact: RatingFigure
    public var effort: RatingFigure

    /// The room disagrees when, on either axis, some rated it low and others high.
    public var isDisputed: Bool { impact.isDisputed || effort.isDisputed }
}

/// One axis of a rated idea: the median and how far the ratings spread (highest − lowest).
public struct RatingFigure: Equatable, Sendable {
    public var median: Double
    public var spread: Int

    /// A spread of 3 or more on the 1–5 scale: someone said 1 or 2 where another said 4 or 5.
    public static let disputedSpread = 3

    public var isDisputed: Bool { spread >= Self.disputedSpread }

    init(_ values: [Int]) {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        median = sorted.isEmpty ? 0 : sorted.count % 2 == 1 ? Double(sorted[middle]) : Double(sorted[middle - 1] + sorted[middle]) / 2
        spread = (sorted.last ?? 0) - (sorted.first ?? 0)
    }
}

/// A rated idea as the room may read it once the phase closed, on the wire and in the minutes:
/// medians (1–5, halves possible), spreads, how many rated it, and whether the room disagrees.
public struct RatingSummary: Codable, Equatable, Sendable {
    public var id: String
    public var text: String
    public var raters: Int
    public var impact: Double
    public var effort: Double
    public var impactSpread: Int
    public var effortSpread: Int
    public var disputed: Bool

    public init(id: String, text: String, raters: Int, impact: Double, effort: Double, impactSpread: Int, effortSpread: Int, disputed: Bool) {
        self.id = id
        self.text = text
        self.raters = raters
        self.impact = impact
        self.effort = effort
        self.impactSpread = impactSpread
        self.effortSpread = effortSpread
        self.disputed = disputed
    }

    public init(_ rated: RatedIdea) {
        self.init(id: rated.idea.id.rawValue, text: rated.idea.text, raters: rated.raters, impact: rated.impact.median,
                  effort: rated.effort.median, impactSpread: rated.impact.spread, effortSpread: rated.effort.spread,
                  disputed: rated.isDisputed)
    }
}

extension SessionState {
    /// The shortlist of `round` with the room's ratings, in shortlist order, once its `rate`
    /// phase has closed; nil before (the figures stay hidden while people rate). Ideas nobody
    /// rated are left out.
    public func ratingResults(round: Int) -> [RatedIdea]? {
        guard closedRateRounds.contains(round) else { return nil }
        return shortlist(round: round).compactMap { ranked -> RatedIdea? in
            let given = ratings.values.compactMap { $0[ranked.idea.id] }
            guard !given.isEmpty else { return nil }
            return RatedIdea(idea: ranked.idea, raters: given.count, impact: RatingFigure(given.map(\.impact)),
                             effort: RatingFigure(given.map(\.effort)))
        }
    }

    /// How many participants have rated at least one idea of `round` (not what they gave).
    public func raterCount(round: Int) -> Int {
        ratings.values.count { ratings in ratings.keys.contains { ideas[$0]?.round == round } }
    }

    /// This participant's own ratings in the current round: what their client may show them.
    public func ratings(of token: ParticipantToken) -> [IdeaID: Rating] {
        guard let round = currentRound else { return [:] }
        return (ratings[token.pseudonym] ?? [:]).filter { ideas[$0.key]?.round == round }
    }
}
