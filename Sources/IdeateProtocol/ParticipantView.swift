import IdeateCore

/// What a participant's screen shows: the question, the timer, their own dots, the wall while
/// it is grouped and voted on, and the tallies once the vote has closed. The server sends it
/// over the wire whenever it changes; every front end draws from it.
public struct ParticipantView: Codable, Equatable, Sendable {
    /// Where the workshop stands, as participants see it. On the wire `lobby`, the phase's
    /// name (`ideate`, `build`, `group`, `vote`, `review`) or `finished`.
    public enum Stage: Hashable, Sendable {
        case lobby
        case phase(PhaseKind)
        case finished

        /// The running phase; nil in the lobby and once the workshop has ended.
        public var phase: PhaseKind? {
            if case let .phase(phase) = self { return phase }
            return nil
        }
    }

    public var title: String
    public var stage: Stage
    public var round: Int
    public var rounds: Int
    public var prompt: String
    public var remainingMilliseconds: Int64?
    public var paused: Bool
    public var locked: Bool
    /// While ideas flow (ideate, build) and the phase is open: whether this participant said
    /// "I'm done" (they may take it back). Nobody sees who else did.
    public var done: Bool?
    /// In `build`: somebody else's idea to extend.
    public var buildOn: SharedIdea?
    /// In `group` and `vote`: the ideas on the wall.
    public var wall: [SharedIdea]?
    /// In `vote`: this participant's own dots.
    public var myDots: [String: Int]?
    public var dotsLeft: Int?
    public var votesPerPerson: Int
    public var maxVotesPerIdea: Int
    /// After the vote closed.
    public var results: [RankedResult]?
    /// In `rate` while it is open: the shortlist to rate, and this participant's own ratings
    /// by idea id (nobody else's).
    public var toRate: [SharedIdea]?
    public var myRatings: [String: SharedRating]?
    /// Once the round's `rate` phase closed: the room's figures for each rated idea.
    public var ratings: [RatingResult]?
    /// Set instead of `wall` when the wall is the one this client already has.
    public var wallUnchanged: Bool?
    /// Once the workshop has ended: the company's idea box, where the participant follows what
    /// becomes of their ideas (their device carries its receipts there).
    public var ideaBox: String?
    /// In the lobby of a workshop with a follow-up round: what became of earlier experiments
    /// and the action items still open, for participants to read on their own screens.
    public var followupRound: FollowupRound?
    /// Once the workshop has ended and is in the portfolio: the numbers this participant's own
    /// ideas have there, to note and find on the idea box's board (an ssh participant, whose
    /// screen the server draws, keeps no receipts).
    public var myNumbers: [String]?

    public init(title: String, stage: Stage, round: Int, rounds: Int, prompt: String, remainingMilliseconds: Int64?,
                paused: Bool, locked: Bool, votesPerPerson: Int, maxVotesPerIdea: Int) {
        self.title = title
        self.stage = stage
        self.round = round
        self.rounds = rounds
        self.prompt = prompt
        self.remainingMilliseconds = remainingMilliseconds
        self.paused = paused
        self.locked = locked
        self.votesPerPerson = votesPerPerson
        self.maxVotesPerIdea = maxVotesPerIdea
    }
}

extension ParticipantView.Stage: Codable {
    public init(from decoder: any Decoder) throws {
        let name = try decoder.singleValueContainer().decode(String.self)
        switch name {
        case "lobby": self = .lobby
        case "finished": self = .finished
        default:
            guard let phase = PhaseKind(rawValue: name) else {
                throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: decoder.codingPath,
                                                                        debugDescription: "`\(name.quotedPrefix)` is not a stage"))
            }
            self = .phase(phase)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var name = encoder.singleValueContainer()
        switch self {
        case .lobby: try name.encode("lobby")
        case let .phase(phase): try name.encode(phase.rawValue)
        case .finished: try name.encode("finished")
        }
    }
}

/// An idea as participants may see it: id and text, nothing else (no author, no time).
public struct SharedIdea: Codable, Equatable, Sendable {
    public var id: String
    public var text: String

    public init(id: String, text: String) {
        self.id = id
        self.text = text
    }
}

/// One participant's impact and effort for an idea (1–5 each), as their view carries it (Core's
/// ``Rating``).
public typealias SharedRating = Rating

/// A rated idea once the `rate` phase closed, as the view carries it (Core's ``RatingSummary``).
public typealias RatingResult = RatingSummary

/// A ranked idea in a view once the vote has closed.
public struct RankedResult: Codable, Equatable, Sendable {
    public var id: String
    public var text: String
    public var votes: Int
    public var shortlisted: Bool

    public init(id: String, text: String, votes: Int, shortlisted: Bool) {
        self.id = id
        self.text = text
        self.votes = votes
        self.shortlisted = shortlisted
    }
}

/// The follow-up round as participants read it on their own screens: the same experiments and
/// action items the shared screen walks through.
public struct FollowupRound: Codable, Equatable, Sendable {
    public var experiments: [EarlierExperiment]
    public var actionItems: [OpenActionItem]

    public init(experiments: [EarlierExperiment], actionItems: [OpenActionItem]) {
        self.experiments = experiments
        self.actionItems = actionItems
    }
}
