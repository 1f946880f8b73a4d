import IdeateCore

/// A session driven by hand in tests: a fake clock that only moves when told, a fixed seed,
/// and helpers that read as the workshop does.
public struct TestSession {
    public var state: SessionState
    public var now = Instant(secondsSince1970: 1_773_324_000)
    public var random = SeededRandom(seed: 42)
    public var log: [Event] = []

    public init(plan: Plan = TestSession.plan()) { state = SessionState(plan: plan) }

    public static func plan(
        reveal: AnonymitySettings.Reveal = .immediate, phases: [PhasePlan]? = nil,
        votes: Int = 3, perIdea: Int = 2, shortlist: Int = 2
    ) -> Plan {
        Plan(
            title: "Test", goal: "Testing",
            anonymity: AnonymitySettings(reveal: reveal, batchSeconds: 20, minBatch: 3, minParticipants: 3),
            voting: VotingSettings(votesPerPerson: votes, maxVotesPerIdea: perIdea, shortlist: shortlist),
            rounds: [RoundPlan(prompt: "What slows us down?", phases: phases ?? [
                PhasePlan(kind: .ideate, seconds: 300), PhasePlan(kind: .build, seconds: 120),
                PhasePlan(kind: .group, seconds: 120), PhasePlan(kind: .vote, seconds: 120),
                PhasePlan(kind: .review, seconds: nil),
            ])])
    }

    @discardableResult
    public mutating func run(_ command: Command) throws(Refusal) -> [Event] {
        let events = try state.decide(command, at: now, random: &random)
        for event in events { state.apply(event) }
        log += events
        return events
    }

    @discardableResult
    public mutating func facilitator(_ command: FacilitatorCommand) throws(Refusal) -> [Event] {
        try run(.facilitator(command))
    }

    @discardableResult
    public mutating func participant(
        _ token: ParticipantToken, _ command: ParticipantCommand, request: String? = nil
    ) throws(Refusal) -> [Event] {
        try run(.participant(token, command, request: request))
    }

    /// Submits `text` as `token` and returns the new idea's id.
    public mutating func submit(_ text: String, by token: ParticipantToken, extending: IdeaID? = nil) throws(Refusal) -> IdeaID {
        for case let .ideaSubmitted(idea) in try participant(token, .submitIdea(text: text, extending: extending)) {
            return idea.id
        }
        fatalError("no idea was submitted")
    }

    public mutating func wait(seconds: Int) { now = now.advanced(bySeconds: seconds) }

    /// Joins `count` participants and returns their tokens.
    public mutating func join(_ count: Int) throws(Refusal) -> [ParticipantToken] {
        let tokens = (0..<count).map { ParticipantToken("token-\($0)") }
        for token in tokens { try participant(token, .join) }
        return tokens
    }

    /// A session in `vote` with three participants and three ideas ("One", "Two", "Three",
    /// one each) on the wall; returns it with the tokens and the ideas' ids.
    public static func voting() throws -> (TestSession, [ParticipantToken], [IdeaID]) {
        var session = TestSession()
        let tokens = try session.join(3)
        try session.facilitator(.advance)
        let ideas = try ["One", "Two", "Three"].enumerated().map { try session.submit($1, by: tokens[$0]) }
        try session.advance(to: .vote)
        return (session, tokens, ideas)
    }

    /// Advances until `phase` is current.
    public mutating func advance(to phase: PhaseKind) throws(Refusal) {
        while state.currentPhase != phase { try facilitator(.advance) }
    }

    /// The refusal `body` throws, or nil if it was accepted.
    public mutating func refusal(_ body: (inout TestSession) throws -> Void) -> Refusal? {
        do {
            try body(&self)
            return nil
        } catch {
            return error as? Refusal ?? Refusal(.notNow, Sentence(literal: "unexpected error: \(error)"))
        }
    }
}
