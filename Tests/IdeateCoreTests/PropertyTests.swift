import IdeateCore
import IdeateTestSupport
import PropertyBased
import Testing

/// Random command sequences against the real rules: whatever people and the facilitator do,
/// in whatever order and at whatever time, the invariants hold.
@Suite("Properties", .offThePool, .timeLimit(.minutes(2)))
struct PropertyTests {
    /// A random step: who acts, what they do, and how long after the previous step.
    struct Step: Sendable, CustomStringConvertible {
        var actor: Int
        var action: Int
        var target: Int
        var delaySeconds: Int
        var description: String { "p\(actor)/a\(action)/t\(target)/+\(delaySeconds)s" }
    }

    static let step = zip(Gen.int(in: 0...4), Gen.int(in: 0...15), Gen.int(in: 0...7), Gen.int(in: 0...40))
        .map { actor, action, target, delay in Step(actor: actor, action: action, target: target, delaySeconds: delay) }

    /// Turns a step into a command against the current state.
    static func command(for step: Step, in state: SessionState, tokens: [ParticipantToken]) -> Command {
        let ideas = state.ideas.keys.sorted()
        let idea = ideas.isEmpty ? IdeaID("none") : ideas[step.target % ideas.count]
        let other = ideas.isEmpty ? IdeaID("none") : ideas[(step.target + 1) % ideas.count]
        let token = tokens[step.actor]
        switch step.action {
        case 0: return .facilitator(.advance)
        case 1: return .tick
        case 2: return .participant(token, .join)
        case 3, 4: return .participant(token, .submitIdea(text: "idea \(step.target)"))
        case 5: return .participant(token, .castVote(idea))
        case 6: return .participant(token, .castVote(other))
        case 7: return .participant(token, .retractVote(idea))
        case 8: return .participant(token, .moveVote(from: idea, to: other))
        case 9: return .facilitator(.merge(idea, into: other))
        case 10: return .facilitator(.pauseTimer)
        case 11: return .facilitator(.resumeTimer)
        case 12: return .facilitator(.lockPhase)
        case 13: return .participant(token, .withdrawIdea(idea))
        case 14: return .facilitator(.park(idea))
        default: return .participant(token, .submitIdea(text: "yes and", extending: idea))
        }
    }

    @Test("No budget is overspent, no tally shows before the vote closes, replay gives the state")
    func invariants() async {
        let votesCast = Locked(0)
        await propertyCheck(count: 300, input: Self.step.array(of: 20...120)) { steps in
            var session = TestSession(plan: TestSession.plan(reveal: .batch, votes: 3, perIdea: 2))
            let tokens = (0..<5).map { ParticipantToken("prop-\($0)") }
            for step in steps {
                session.wait(seconds: step.delaySeconds)
                let events = (try? session.run(Self.command(for: step, in: session.state, tokens: tokens))) ?? []
                votesCast.withLock { $0 += events.filter { if case .voteCast = $0 { true } else { false } }.count }
                for token in tokens {
                    let ballot = session.state.ballot(of: token)
                    #expect(ballot.values.reduce(0, +) <= 3)
                    let withinPerIdeaCap = ballot.values.allSatisfy { $0 <= 2 }
                    #expect(withinPerIdeaCap)
                }
                if session.state.currentPhase == .vote, !session.state.isLocked {
                    #expect(session.state.results(round: 0) == nil)
                }
                if case .running(_, let phase) = session.state.stage, phase < .vote {
                    #expect(session.state.results(round: 0) == nil)
                }
            }
            #expect(SessionState(plan: session.state.plan, replaying: session.log) == session.state)
        }
        #expect(votesCast.withLock { $0 } > 0, "the generated sequences must reach the vote to mean anything")
    }
}
