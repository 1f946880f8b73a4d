/// A workshop as the facilitator prepared it: what is asked, in which phases, for how long, and
/// with which voting and anonymity settings. Parsed from `sessions/*.yaml` by ``PlanParser``.
public struct Plan: Codable, Equatable, Sendable {
    public var title: String
    public var goal: String
    public var anonymity: AnonymitySettings
    public var voting: VotingSettings
    public var rounds: [RoundPlan]
    /// How many participants may join the run: budgets are per participant, so this (with the
    /// facilitator's room lock) is what keeps a script from joining a thousand times.
    public var maxParticipants: Int
    /// The workshop opens with a follow-up round: before the first round the shared screen
    /// walks through what became of earlier experiments in the portfolio.
    public var followup: Bool
    /// The room's language (`language:`): the projector, the minutes and the default for
    /// participants. Nil when the plan does not say: then the facilitator's locale decides.
    public var language: Language?
    /// `moderation: true`: participants' ideas wait in a queue only the facilitator's console
    /// shows until approved (``ModerationRules``); the run needs a wall, so the projector never
    /// shows the queue.
    public var moderation: Bool

    /// Generous for any room; small enough that a flood of joins stops.
    public static let defaultMaxParticipants = 2_000
    /// The largest `max_participants` a plan may ask for.
    public static let maxParticipantsLimit = 10_000

    public init(
        title: String, goal: String, anonymity: AnonymitySettings = AnonymitySettings(),
        voting: VotingSettings = VotingSettings(), rounds: [RoundPlan], maxParticipants: Int = Plan.defaultMaxParticipants,
        followup: Bool = false, language: Language? = nil, moderation: Bool = false
    ) {
        self.moderation = moderation
        self.title = title
        self.goal = goal
        self.anonymity = anonymity
        self.voting = voting
        self.rounds = rounds
        self.maxParticipants = maxParticipants
        self.followup = followup
        self.language = language
    }

    private enum CodingKeys: String, CodingKey {
        case title, goal, anonymity, voting, rounds, maxParticipants, followup, language, moderation
    }

    /// Reads plans stored by any version: run files written before `maxParticipants` or
    /// `followup` existed get the defaults.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        title = try container.decode(String.self, forKey: .title)
        goal = try container.decode(String.self, forKey: .goal)
        anonymity = try container.decode(AnonymitySettings.self, forKey: .anonymity)
        voting = try container.decode(VotingSettings.self, forKey: .voting)
        rounds = try container.decode([RoundPlan].self, forKey: .rounds)
        maxParticipants = try container.decodeIfPresent(Int.self, forKey: .maxParticipants) ?? Self.defaultMaxParticipants
        followup = try container.decodeIfPresent(Bool.self, forKey: .followup) ?? false
        language = try container.decodeIfPresent(String.self, forKey: .language).map(Language.init(code:))
        moderation = try container.decodeIfPresent(Bool.self, forKey: .moderation) ?? false
    }

    /// Stores `followup`, `language` and `moderation` only when set, so a plan without them is stored exactly as before.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(title, forKey: .title)
        try container.encode(goal, forKey: .goal)
        try container.encode(anonymity, forKey: .anonymity)
        try container.encode(voting, forKey: .voting)
        try container.encode(rounds, forKey: .rounds)
        try container.encode(maxParticipants, forKey: .maxParticipants)
        if followup { try container.encode(followup, forKey: .followup) }
        try container.encodeIfPresent(language?.code, forKey: .language)
        if moderation { try container.encode(moderation, forKey: .moderation) }
    }

    /// The sum of all timed phases, in seconds.
    public var plannedSeconds: Int {
        rounds.reduce(0) { total, round in total + round.phases.reduce(0) { $0 + ($1.seconds ?? 0) } }
    }
}

/// How ideas reach the shared screen, and when anonymity is too thin to trust.
public struct AnonymitySettings: Codable, Equatable, Sendable {
    public enum Reveal: String, Codable, Sendable, CaseIterable {
        /// Released in shuffled batches, so nobody is seen as the author by their timing.
        case batch
        /// Shown at once: for remote groups where nobody watches anybody type.
        case immediate
    }

    public var reveal: Reveal
    public var batchSeconds: Int
    /// A batch waits until it holds this many ideas (the phase's end releases the rest).
    public var minBatch: Int
    public var minParticipants: Int

    public init(reveal: Reveal = .batch, batchSeconds: Int = 20, minBatch: Int = 3, minParticipants: Int = 3) {
        self.reveal = reveal
        self.batchSeconds = batchSeconds
        self.minBatch = minBatch
        self.minParticipants = minParticipants
    }
}

/// Dot voting: each participant's budget, the cap per idea, and how many ideas go on.
public struct VotingSettings: Codable, Equatable, Sendable {
    public var votesPerPerson: Int
    public var maxVotesPerIdea: Int
    public var shortlist: Int

    public init(votesPerPerson: Int = 3, maxVotesPerIdea: Int = 2, shortlist: Int = 2) {
        self.votesPerPerson = votesPerPerson
        self.maxVotesPerIdea = maxVotesPerIdea
        self.shortlist = shortlist
    }
}

/// One question and the phases the group walks through to answer it.
public struct RoundPlan: Codable, Equatable, Sendable {
    public var prompt: String
    public var phases: [PhasePlan]
    /// The round starts with the idea box's ideas the reviewer took to the next workshop on
    /// its wall (``SeededIdea``), anonymous like every other.
    public var fromBox: Bool

    public init(prompt: String, phases: [PhasePlan], fromBox: Bool = false) {
        self.prompt = prompt
        self.phases = phases
        self.fromBox = fromBox
    }

    private enum CodingKeys: String, CodingKey { case prompt, phases, fromBox }

    /// Reads rounds stored before `fromBox` existed.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        prompt = try container.decode(String.self, forKey: .prompt)
        phases = try container.decode([PhasePlan].self, forKey: .phases)
        fromBox = try container.decodeIfPresent(Bool.self, forKey: .fromBox) ?? false
    }

    /// Stores `fromBox` only when it is set, so a round without it is stored exactly as before.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(prompt, forKey: .prompt)
        try container.encode(phases, forKey: .phases)
        if fromBox { try container.encode(fromBox, forKey: .fromBox) }
    }

    public func phase(_ kind: PhaseKind) -> PhasePlan? { phases.first { $0.kind == kind } }
}

/// A phase of a round with its time box; `seconds == nil` means open-ended.
public struct PhasePlan: Codable, Equatable, Sendable {
    public var kind: PhaseKind
    public var seconds: Int?

    public init(kind: PhaseKind, seconds: Int?) {
        self.kind = kind
        self.seconds = seconds
    }
}

/// The phases of DESIGN.md's table, in the order a round walks through them.
public enum PhaseKind: String, Codable, Sendable, CaseIterable, Comparable {
    case ideate, build, group, vote, rate, review

    public static func < (lhs: PhaseKind, rhs: PhaseKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The phase's name in English (the facilitator's log); people read ``Localizer/name(of:)-(PhaseKind)``.
    public var title: String { Localizer.english.name(of: self) }

    /// Phases in which ideas flow; nothing judgemental exists while they run.
    public var isIdeaFlow: Bool { self == .ideate || self == .build }
}
