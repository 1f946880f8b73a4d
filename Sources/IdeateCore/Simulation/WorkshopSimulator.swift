import Foundation

/// Runs a whole plan with simulated participants and a simulated facilitator on a virtual
/// clock: people join, type ideas at random moments (a few late), build on each other's ideas,
/// the facilitator clusters, merges and parks, everyone votes, and the shortlist is reviewed.
///
/// Everything random comes from the seed, so the same seed gives the same run. The engine it
/// drives decides what is kept; pacing (`--speed`) is the engine's business too.
public struct WorkshopSimulator: Sendable {
    public var plan: Plan
    public var participantCount: Int
    public var seed: UInt64
    public var start: Instant
    /// Texts participants type, one idea each; when nil, the built-in idea bank.
    public var ideaTexts: [String]?

    public init(plan: Plan, participants: Int, seed: UInt64, start: Instant, ideaTexts: [String]? = nil) {
        self.plan = plan
        self.participantCount = participants
        self.seed = seed
        self.start = start
        self.ideaTexts = ideaTexts
    }

    /// A summary of what the simulation did, for the command line.
    public struct Summary: Sendable {
        public var commands = 0
        public var refusals = 0
        public var events = 0
    }

    private enum Action {
        case submit(participant: Int, idea: BankIdea)
        case build(participant: Int)
        case vote(participant: Int)
        case moveVote(participant: Int)
        case rate(participant: Int)
    }

    public func run(on engine: some WorkshopEngine) async throws -> Summary {
        var run = Run(simulator: self, engine: engine)
        try await run.play()
        return run.summary
    }

    private struct Run<Engine: WorkshopEngine> {
        let simulator: WorkshopSimulator
        let engine: Engine
        var random: SeededRandom
        var clock: Instant
        var summary = Summary()
        var tokens: [ParticipantToken]
        var owned: [Int: Set<IdeaID>] = [:]
        var bank: [BankIdea]
        var bankIndex = 0
        var clusterOf: [IdeaID: BankIdea] = [:]

        init(simulator: WorkshopSimulator, engine: Engine) {
            self.simulator = simulator
            self.engine = engine
            random = SeededRandom(seed: simulator.seed ^ 0x5EED_1DEA)
            clock = simulator.start
            tokens = (0..<simulator.participantCount).map { ParticipantToken("simulated-\(simulator.seed)-\($0)") }
            if let texts = simulator.ideaTexts {
                bank = texts.map { BankIdea(text: $0, cluster: nil, appeal: 1) }
            } else {
                bank = IdeaBank.ideas
            }
            bank = bank.stablyShuffled(using: &random)
        }

        mutating func play() async throws {
            for index in tokens.indices {
                try await send(.participant(tokens[index], .join))
                clock = clock.advanced(bySeconds: 2)
            }
            clock = clock.advanced(bySeconds: 20)
            for (roundIndex, round) in simulator.plan.rounds.enumerated() {
                for phase in round.phases {
                    try await send(.facilitator(.advance))
                    try await play(phase, round: roundIndex)
                }
            }
            try await send(.facilitator(.advance))
        }

        private mutating func play(_ phase: PhasePlan, round: Int) async throws {
            let seconds = phase.seconds ?? 300
            switch phase.kind {
            case .ideate: try await timed(seconds, actions: ideationActions(seconds: seconds, round: round))
            case .build: try await timed(seconds, actions: buildActions(seconds: seconds))
            case .group:
                try await group(round: round)
                try await timed(seconds, actions: [])
            case .vote: try await timed(seconds, actions: voteActions(seconds: seconds))
            case .rate:
                let actions = tokens.indices.map { (Int64(random.next() % (UInt64(seconds) * 800)) + 1000, Action.rate(participant: $0)) }
                try await timed(seconds, actions: actions)
            case .review:
                try await review(round: round)
                try await timed(seconds, actions: [])
            }
        }

        /// Runs `actions` at their offsets with a tick every second until the phase's end.
        private mutating func timed(_ seconds: Int, actions: [(offset: Int64, action: Action)]) async throws {
            let phaseStart = clock
            var queue = actions.sorted { $0.offset < $1.offset }[...]
            for second in 0...Int64(seconds) {
                while let next = queue.first, next.offset < (second + 1) * 1000 {
                    queue.removeFirst()
                    clock = phaseStart.advanced(byMilliseconds: next.offset)
                    try await perform(next.action)
                }
                clock = phaseStart.advanced(byMilliseconds: min((second + 1) * 1000, Int64(seconds) * 1000))
                try await send(.tick)
            }
            for late in queue {
                clock = phaseStart.advanced(byMilliseconds: late.offset)
                try await perform(late.action)
            }
        }

        private mutating func ideationActions(seconds: Int, round: Int) -> [(offset: Int64, action: Action)] {
            var actions: [(Int64, Action)] = []
            let window = UInt64(seconds) * 900
            for participant in tokens.indices {
                let count = 2 + Int(random.next() % 3)
                for _ in 0..<count {
                    actions.append((Int64(random.next() % window) + 1000, .submit(participant: participant, idea: nextIdea())))
                }
            }
            if !tokens.isEmpty {
                let latecomer = Int(random.next() % UInt64(tokens.count))
                actions.append((Int64(seconds) * 1000 + 4000, .submit(participant: latecomer, idea: nextIdea())))
            }
            return actions
        }

        private mutating func buildActions(seconds: Int) -> [(offset: Int64, action: Action)] {
            tokens.indices.map { (Int64(random.next() % (UInt64(seconds) * 800)) + 1000, .build(participant: $0)) }
        }

        private mutating func voteActions(seconds: Int) -> [(offset: Int64, action: Action)] {
            var actions: [(Int64, Action)] = []
            for participant in tokens.indices {
                for _ in 0..<simulator.plan.voting.votesPerPerson {
                    actions.append((Int64(random.next() % (UInt64(seconds) * 800)) + 1000, .vote(participant: participant)))
                }
            }
            if !tokens.isEmpty { actions.append((Int64(seconds) * 900, .moveVote(participant: 0))) }
            return actions
        }

        private mutating func nextIdea() -> BankIdea {
            defer { bankIndex += 1 }
            return bank[bankIndex % bank.count]
        }

        private mutating func perform(_ action: Action) async throws {
            switch action {
            case let .submit(participant, idea):
                let events = try await send(.participant(tokens[participant], .submitIdea(text: idea.text)))
                for case let .ideaSubmitted(submitted) in events {
                    owned[participant, default: []].insert(submitted.id)
                    clusterOf[submitted.id] = idea
                }
            case let .build(participant):
                let state = await engine.currentState()
                let candidates = state.wallIdeas(round: state.displayRound)
                    .filter { !(owned[participant] ?? []).contains($0.id) && $0.extends == nil }
                guard !candidates.isEmpty else { return }
                let base = candidates[Int(random.next() % UInt64(candidates.count))]
                let text = "Yes, and let's start with a one-week trial of “\(base.text.prefix(60))”"
                let events = try await send(.participant(tokens[participant], .submitIdea(text: text, extending: base.id)))
                for case let .ideaSubmitted(submitted) in events {
                    owned[participant, default: []].insert(submitted.id)
                    if let baseIdea = clusterOf[base.id] { clusterOf[submitted.id] = baseIdea }
                }
            case let .vote(participant):
                let state = await engine.currentState()
                let ballot = state.wallIdeas(round: state.displayRound)
                guard let choice = weightedChoice(ballot) else { return }
                try await send(.participant(tokens[participant], .castVote(choice.id)))
            case let .rate(participant):
                // Each simulated person rates the whole shortlist: impact follows the idea's appeal
                // give or take one, effort is a guess.
                let state = await engine.currentState()
                for ranked in state.shortlist(round: state.displayRound) {
                    let appeal = clusterOf[ranked.idea.id]?.appeal ?? 2
                    let impact = min(5, max(1, appeal + Int(random.next() % 3) - 1))
                    let effort = 1 + Int(random.next() % 5)
                    try await send(.participant(tokens[participant], .rate(ranked.idea.id, impact: impact, effort: effort)))
                }
            case let .moveVote(participant):
                let state = await engine.currentState()
                let ballot = state.ballot(of: tokens[participant])
                guard let from = ballot.keys.sorted().first,
                      let to = weightedChoice(state.wallIdeas(round: state.displayRound).filter { $0.id != from })
                else { return }
                try await send(.participant(tokens[participant], .moveVote(from: from, to: to.id)))
            }
        }

        private mutating func weightedChoice(_ ideas: [Idea]) -> Idea? {
            let weights = ideas.map { clusterOf[$0.id]?.appeal ?? 2 }
            let total = weights.reduce(0, +)
            guard total > 0 else { return nil }
            var pick = Int(random.next() % UInt64(total))
            for (idea, weight) in zip(ideas, weights) {
                if pick < weight { return idea }
                pick -= weight
            }
            return ideas.last
        }

        /// The facilitator's grouping: merge duplicates, park off-topic ideas, name clusters.
        private mutating func group(round: Int) async throws {
            let state = await engine.currentState()
            var firstByKey: [String: IdeaID] = [:]
            for idea in state.wallIdeas(round: round) {
                clock = clock.advanced(bySeconds: 2)
                let bankIdea = clusterOf[idea.id]
                if let key = bankIdea?.duplicateKey {
                    if let survivor = firstByKey[key] {
                        try await send(.facilitator(.merge(idea.id, into: survivor)))
                        continue
                    }
                    firstByKey[key] = idea.id
                }
                if bankIdea?.offTopic == true {
                    try await send(.facilitator(.park(idea.id)))
                } else if let cluster = bankIdea?.cluster {
                    try await send(.facilitator(.cluster(idea.id, name: cluster)))
                }
            }
        }

        /// The facilitator records benefits, concerns and an experiment for each shortlisted idea.
        private mutating func review(round: Int) async throws {
            let state = await engine.currentState()
            let reviewDate = isoDate(simulator.start.advanced(bySeconds: 14 * 86_400))
            let dueDate = isoDate(simulator.start.advanced(bySeconds: 4 * 86_400))
            for entry in state.shortlist(round: round) {
                clock = clock.advanced(bySeconds: 20)
                let text = String(entry.idea.text.prefix(80))
                let card = ExperimentCard(
                    assumption: "Doing “\(text)” removes a delay most of us run into every week.",
                    smallestTest: "One team tries it for two weeks; everyone else works as before.",
                    successCriterion: "The trial team wants to keep it and nothing measurable got slower.",
                    owner: "Volunteer from the trial team", reviewDate: reviewDate)
                let review = IdeaReview(
                    benefits: "\(entry.votes) dots; cheap to try and easy to undo.",
                    concerns: "Needs a clear owner once the trial ends.", experiment: card)
                try await send(.facilitator(.recordReview(entry.idea.id, review)))
                try await send(.facilitator(.addActionItem(
                    idea: entry.idea.id, what: "Pick the trial team for “\(text)” and start", owner: "Facilitator", due: dueDate)))
            }
        }

        private func isoDate(_ instant: Instant) -> String {
            instant.formatted("yyyy-MM-dd", in: TimeZone(identifier: "UTC")!)
        }

        @discardableResult
        private mutating func send(_ command: Command) async throws -> [Event] {
            summary.commands += 1
            do {
                let events = try await engine.execute(command, at: clock)
                summary.events += events.count
                return events
            } catch is Refusal {
                summary.refusals += 1
                return []
            }
        }
    }
}
