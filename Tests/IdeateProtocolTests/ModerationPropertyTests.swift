import IdeateCore
import IdeateProtocol
import IdeateTestSupport
import PropertyBased
import Testing

/// Moderation under random sequences of everything people and the facilitator do: an idea the
/// facilitator has not let through is never in what the wall shows, nor in any participant's
/// view (the wall in grouping and vote, the results, an idea to build on).
@Suite("Moderation properties", .offThePool, .timeLimit(.minutes(2)))
struct ModerationPropertyTests {
    struct Step: Sendable, CustomStringConvertible {
        var actor: Int
        var action: Int
        var target: Int
        var delaySeconds: Int
        var description: String { "p\(actor)/a\(action)/t\(target)/+\(delaySeconds)s" }
    }

    static let step = zip(Gen.int(in: 0...3), Gen.int(in: 0...13), Gen.int(in: 0...7), Gen.int(in: 0...40))
        .map { actor, action, target, delay in Step(actor: actor, action: action, target: target, delaySeconds: delay) }

    static func command(for step: Step, in state: SessionState, tokens: [ParticipantToken]) -> Command {
        let queue = state.held, heldBack = state.heldBack.sorted(), ideas = state.ideas.keys.sorted()
        func pick(_ ids: [IdeaID]) -> IdeaID { ids.isEmpty ? IdeaID("none") : ids[step.target % ids.count] }
        let token = tokens[step.actor]
        switch step.action {
        case 0: return .facilitator(.advance)
        case 1, 2: return .tick
        case 3: return .participant(token, .join)
        case 4, 5: return .participant(token, .submitIdea(text: "idea \(step.target)"))
        case 6: return .facilitator(.approve(pick(queue)))
        case 7: return .facilitator(.holdBack(pick(queue)))
        case 8: return .facilitator(.approveMerging(pick(queue), into: pick(state.wallIdeaIDs(round: state.displayRound))))
        case 9: return .facilitator(.requeue(pick(heldBack)))
        case 10: return .participant(token, .castVote(pick(ideas)))
        case 11: return .facilitator(.lockPhase)
        case 12: return .participant(token, .submitIdea(text: "yes and", extending: pick(ideas)))
        default: return .facilitator(.unhide(pick(ideas)))
        }
    }

    @Test("An idea not let through is in no wall and no participant's view; replay gives the same queue")
    func heldIdeasStayOff() async {
        await propertyCheck(count: 200, input: Self.step.array(of: 20...100)) { steps in
            var plan = TestSession.plan(reveal: steps.count % 2 == 0 ? .batch : .immediate)
            plan.moderation = true
            var session = TestSession(plan: plan)
            let tokens = (0..<4).map { ParticipantToken("mod-\($0)") }
            var approved: Set<IdeaID> = []
            for step in steps {
                session.wait(seconds: step.delaySeconds)
                let events = (try? session.run(Self.command(for: step, in: session.state, tokens: tokens))) ?? []
                for case let .ideaApproved(id) in events { approved.insert(id) }
                let participantIdeas = Set(session.state.ideas.values.filter { $0.source == .participant && !$0.isLate }.map(\.id))
                let neverLetThrough = participantIdeas.subtracting(approved)
                let state = session.state
                #expect(neverLetThrough.isDisjoint(with: state.wall), "on the wall: \(steps)")
                let shared = SharedViewParts(state: state)
                let now = session.now
                for token in tokens {
                    let builds = state.ideas.values.filter { $0.isOnWall && $0.owner != token.ownerTag(for: $0.id) }.first
                    let view = ParticipantView.of(state, for: token, buildOn: builds, shared: shared, now: now)
                    let seen = Set((view.wall ?? []).map(\.id) + (view.results ?? []).map(\.id) + [view.buildOn?.id].compactMap { $0 })
                    #expect(seen.isDisjoint(with: neverLetThrough.map(\.rawValue)), "\(token) sees a held idea: \(steps)")
                }
            }
            let replayed = SessionState(plan: plan, replaying: session.log)
            #expect(replayed.held == session.state.held && replayed.heldBack == session.state.heldBack)
        }
    }
}
