import IdeateCore

/// The parts of a participant's view that are the same for everyone: the wall and the
/// results. Computed once per change, not once per participant.
public struct SharedViewParts: Sendable {
    public var wall: [SharedIdea]?
    public var results: [RankedResult]?
    /// In `rate` while open: the shortlist; once it closed: the room's figures.
    public var toRate: [SharedIdea]?
    public var ratings: [RatingResult]?
    /// What the parts were computed from; equal keys mean equal parts.
    public let key: Key

    /// The inputs the shared parts depend on.
    public struct Key: Equatable, Sendable {
        var round: Int
        var phase: PhaseKind?
        var wall: [IdeaID]
        var votesClosed: Bool
        var ratingsClosed: Bool
        var locked: Bool
        var editsSeen: Int
    }

    public static func key(for state: SessionState) -> Key {
        let round = state.displayRound
        return Key(round: round, phase: state.currentPhase, wall: state.wallIdeaIDs(round: round),
                   votesClosed: state.closedVoteRounds.contains(round), ratingsClosed: state.closedRateRounds.contains(round),
                   locked: state.isLocked, editsSeen: state.editCount)
    }

    public init(state: SessionState) {
        key = Self.key(for: state)
        let round = state.displayRound
        if state.participantsSeeTheWall {
            wall = state.wallIdeas(round: round).map(SharedIdea.init)
        }
        if state.currentPhase == .rate, !state.isLocked { toRate = state.shortlist(round: round).map { SharedIdea($0.idea) } }
        ratings = state.ratingResults(round: round)?.map(RatingResult.init)
        if let ranked = state.results(round: round) {
            let shortlist = Set(state.shortlist(round: round).map(\.idea.id))
            results = ranked.map {
                RankedResult(id: $0.idea.id.rawValue, text: $0.idea.text, votes: $0.votes, shortlisted: shortlist.contains($0.idea.id))
            }
        }
    }
}
