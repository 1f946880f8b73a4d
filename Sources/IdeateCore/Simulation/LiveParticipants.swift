/// Simulated colleagues for `ideate demo`: in real time they join, type ideas while ideas flow,
/// build on each other's, and spend their dots in the vote, reacting to the live state. The
/// facilitator drives everything else from the console.
public struct LiveParticipants: Sendable {
    private struct Bot: Sendable {
        var token: ParticipantToken
        var nextActionAt: Instant
        var builtInRound: Set<Int> = []
    }

    private var bots: [Bot]
    private var random: SeededRandom
    private var bank: [BankIdea]
    private var nextIdea = 0
    /// Real seconds between a bot's actions are divided by this.
    private let speed: Double

    public init(count: Int, seed: UInt64, start: Instant, speed: Double = 1) {
        random = SeededRandom(seed: seed)
        self.speed = max(0.1, speed)
        bank = IdeaBank.ideas.stablyShuffled(using: &random)
        bots = (0..<count).map { index in
            Bot(token: ParticipantToken("demo-\(seed)-\(index)"),
                nextActionAt: start.advanced(byMilliseconds: Int64(Double(800 * (index + 1)) / max(0.1, speed))))
        }
    }

    /// The commands the bots send at `now`, given what they see.
    public mutating func commands(for state: SessionState, at now: Instant) -> [Command] {
        var commands: [Command] = []
        for index in bots.indices where bots[index].nextActionAt <= now {
            if let command = action(for: index, state: state) { commands.append(.participant(bots[index].token, command)) }
            bots[index].nextActionAt = now.advanced(byMilliseconds: delay(for: state))
        }
        return commands
    }

    private mutating func delay(for state: SessionState) -> Int64 {
        let seconds: UInt64 = switch state.currentPhase {
        case .ideate?: 20 + random.next() % 40
        case .vote?: 2 + random.next() % 6
        default: 3 + random.next() % 8
        }
        return Int64(Double(seconds * 1000) / speed)
    }

    private mutating func action(for index: Int, state: SessionState) -> ParticipantCommand? {
        let token = bots[index].token
        guard state.participants.contains(token.pseudonym) else { return .join }
        guard case let .running(round, phase) = state.stage, !state.isLocked else { return nil }
        switch phase {
        case .ideate:
            guard nextIdea < bank.count else { return nil }
            defer { nextIdea += 1 }
            return .submitIdea(text: bank[nextIdea].text)
        case .build:
            guard !bots[index].builtInRound.contains(round) else { return nil }
            let candidates = state.wallIdeas(round: round).filter { $0.extends == nil && $0.owner != token.ownerTag(for: $0.id) }
            guard !candidates.isEmpty else { return nil }
            bots[index].builtInRound.insert(round)
            let base = candidates[Int(random.next() % UInt64(candidates.count))]
            return .submitIdea(text: "Yes, and we could try “\(base.text.prefix(50))” with one team first", extending: base.id)
        case .vote:
            guard state.dotsLeft(for: token) > 0 else { return nil }
            let ballot = state.ballot(of: token)
            let choices = state.wallIdeas(round: round).filter { (ballot[$0.id] ?? 0) < state.plan.voting.maxVotesPerIdea }
            let weights = choices.map { idea in bank.first { $0.text == idea.text }?.appeal ?? 2 }
            var pick = Int(random.next() % UInt64(max(1, weights.reduce(0, +))))
            for (idea, weight) in zip(choices, weights) {
                if pick < weight { return .castVote(idea.id) }
                pick -= weight
            }
            return nil
        case .rate:
            let mine = state.ratings(of: token)
            guard let idea = state.shortlist(round: round).map(\.idea).first(where: { mine[$0.id] == nil }) else { return nil }
            let appeal = bank.first { $0.text == idea.text }?.appeal ?? 2
            return .rate(idea.id, impact: min(5, max(1, appeal + Int(random.next() % 3) - 1)), effort: 1 + Int(random.next() % 5))
        case .group, .review:
            return nil
        }
    }
}
