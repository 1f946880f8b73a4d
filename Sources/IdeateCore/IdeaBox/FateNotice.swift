/// What the author of one idea may learn about it: its fate, where it went, the experiment it
/// became and what that taught, and the reviewer's answer. Never its text (the author's device
/// has it) and never when it arrived.
public struct FateNotice: Codable, Equatable, Sendable {
    /// The fate as a word the page and the join client switch on.
    public enum Kind: String, Codable, Sendable {
        case new, kept, merged, experiment, workshop, declined
    }

    /// `B417`, or `E7` for an idea that became that experiment in its workshop.
    public var id: String
    public var fate: Kind
    /// For a merge: the idea or experiment it was followed into (the end of the chain).
    public var into: String?
    /// The experiment it became (or was merged into), as it stands.
    public var experiment: ExperimentNotice?
    /// For a merge into another idea: that idea's own fate (without its answer).
    public var then: Kind?
    public var answer: String?
    public var answered: CalendarDate?

    public init(id: BacklogIdeaID, fate: Kind, into: String? = nil, experiment: ExperimentNotice? = nil, then: Kind? = nil,
                answer: ReviewAnswer? = nil) {
        self.id = id.description
        self.fate = fate
        self.into = into
        self.experiment = experiment
        self.then = then
        self.answer = answer?.text
        answered = answer?.date
    }

    /// The fate of an idea that became `experiment` in its workshop.
    public init(experiment: ExperimentNotice) {
        id = experiment.id.description
        fate = .experiment
        self.experiment = experiment
    }
}

/// An experiment as an idea's author and the board see it: its number, title, where it stands,
/// and once learned the learning card's sentences — a failure told as plainly as a success.
public struct ExperimentNotice: Codable, Equatable, Sendable {
    public var id: ExperimentID
    public var title: String
    public var stage: Experiment.Stage
    public var outcome: LearningCard.Outcome?
    public var believed: String?
    public var observed: String?
    public var learned: String?
    public var decision: LearningCard.Decision?

    public init(_ experiment: Experiment) {
        id = experiment.id
        title = experiment.title
        stage = experiment.state.stage
        let card = experiment.learning
        outcome = card?.outcome
        believed = card?.believed
        observed = card?.observed
        learned = card?.learned
        decision = card?.decision
    }
}

extension FateNotice.Kind {
    /// The word for `fate`.
    public init(_ fate: IdeaFate) {
        switch fate {
        case .new: self = .new
        case .kept: self = .kept
        case .merged: self = .merged
        case .promoted: self = .experiment
        case .takenToWorkshop: self = .workshop
        case .declined: self = .declined
        }
    }
}

/// How fates are asked for without saying which ideas a device cares about: receipts fall into
/// buckets by their key (its first 32 bits mod ``count``), each holding about ``targetSize``
/// receipts, and a device asks for the buckets its receipts are in, so the server learns only
/// that its ideas are among a few hundred others per bucket (k-anonymity, as Have I Been
/// Pwned's range queries).
public struct FateBuckets: Equatable, Sendable, Codable {
    /// Receipts per bucket the count aims at: enough to hide in, small enough to send.
    public static let targetSize = 256
    /// The most buckets one request may name.
    public static let maximumPerRequest = 64

    public let count: Int

    /// The bucket count for a portfolio holding `receipts` receipts.
    public init(receipts: Int) { count = max(1, receipts / Self.targetSize) }

    public init?(count: Int) {
        guard count >= 1 else { return nil }
        self.count = count
    }

    public func bucket(of key: ReceiptKey) -> Int { key.bucketValue % count }
}

/// A fate with news as sent in a bucket, under its receipt's key: in the clear for an idea on
/// the board, sealed for its author alone (see ``FateSeal``) for an idea kept off the board.
/// An idea with no news yet (new in the box, or kept from its workshop, and unanswered) is not
/// sent at all: its author's device already knows that much.
public enum BucketEntry: Codable, Equatable, Sendable {
    case open(ReceiptKey, FateNotice)
    case sealed(ReceiptKey, box: String)

    private enum CodingKeys: String, CodingKey { case key, sealed }

    public var key: ReceiptKey {
        switch self {
        case let .open(key, _), let .sealed(key, _): key
        }
    }

    public init(from decoder: any Decoder) throws {
        let keyed = try decoder.container(keyedBy: CodingKeys.self)
        let key = try keyed.decode(ReceiptKey.self, forKey: .key)
        if let box = try keyed.decodeIfPresent(String.self, forKey: .sealed) {
            self = .sealed(key, box: box)
        } else {
            self = .open(key, try FateNotice(from: decoder))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var keyed = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case let .open(key, notice):
            try keyed.encode(key, forKey: .key)
            try notice.encode(to: encoder)
        case let .sealed(key, box):
            try keyed.encode(key, forKey: .key)
            try keyed.encode(box, forKey: .sealed)
        }
    }
}

/// The answer to a fates request: every idea in the named buckets.
public struct BucketFates: Codable, Equatable, Sendable {
    public var buckets: Int
    public var ideas: [BucketEntry]

    public init(buckets: Int, ideas: [BucketEntry]) {
        self.buckets = buckets
        self.ideas = ideas
    }
}
