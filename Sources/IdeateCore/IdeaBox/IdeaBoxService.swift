/// What the idea box's front ends need from the portfolio, as a seam: the network layer serves
/// it and the store implements it, neither knowing the other.
public protocol IdeaBoxService: Sendable {
    /// Keeps `submission` as a new idea of this week and returns its number, only after the
    /// commit; a resend of the same idea (the same proof) returns the number it already has.
    func submit(_ submission: BoxSubmission) async throws -> BacklogIdeaID
    /// Every idea in `buckets` (of `count` buckets), or a refusal when the count is out of date.
    func fates(in buckets: [Int], of count: Int) async throws -> BucketFates
    /// What everyone may see: the title, the open questions, "You said, we did", and the
    /// bucket count to ask fates with.
    func board() async throws -> BoxBoard
    /// Withdraws the still-new idea whose proof `secret` hashes to, returning its number.
    func withdraw(secret: String) async throws -> BacklogIdeaID
    /// Called once an answer has gone out: work that must follow a change but need not delay
    /// its acknowledgement (truncating the log that still tells the order of arrival).
    func tidy() async
}

/// Why the box refused a request, in a sentence for the person and a code for the page.
public enum BoxRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    /// The bucket count changed since the page read it: read the board again.
    case bucketsChanged(current: Int)
    case tooManyBuckets(Int)
    case noSuchIdea
    case alreadyReviewed(BacklogIdeaID)
    /// The box refused a request over the network, saying why (a client's view of a 4xx).
    case refused(String)

    /// What went wrong, for the person (what only a program meets stays in English).
    public var sentence: Sentence {
        switch self {
        case let .bucketsChanged(current): Sentence(literal: "The box has grown; ask again with \(current) buckets.")
        case let .tooManyBuckets(count): Sentence(literal: "At most \(FateBuckets.maximumPerRequest) buckets at once, not \(count).")
        case .noSuchIdea: Sentence(BoxPhrase.errorNoSuchIdea)
        case let .alreadyReviewed(id): Sentence(BoxPhrase.errorAlreadyReviewed, ["id": .text(id.description)])
        case let .refused(reason): Sentence(literal: reason)
        }
    }

    public var description: String { sentence.description }
}

/// The box page's public part: what everyone sees, and what a device needs to ask for fates.
public struct BoxBoard: Codable, Equatable, Sendable {
    public var title: String
    public var questions: [BoxQuestion]
    public var buckets: Int
    /// "You said, we did": recent decisions with their answers, experiments started, learning
    /// cards; newest first.
    public var recent: [BoardItem]

    public init(title: String, questions: [BoxQuestion], buckets: Int, recent: [BoardItem]) {
        self.title = title
        self.questions = questions
        self.buckets = buckets
        self.recent = recent
    }
}

/// One line of "You said, we did": an idea and what was decided, or an experiment and where it
/// stands (with its learning card once learned).
public struct BoardItem: Codable, Equatable, Sendable {
    public var date: CalendarDate
    /// `B417` or `E7`.
    public var id: String
    public var text: String
    public var fate: FateNotice?
    public var experiment: ExperimentNotice?

    public init(date: CalendarDate, id: String, text: String, fate: FateNotice? = nil, experiment: ExperimentNotice? = nil) {
        self.date = date
        self.id = id
        self.text = text
        self.fate = fate
        self.experiment = experiment
    }
}
