import Foundation
import IdeateCore
import IdeateTestSupport
import Testing

@Suite("Reveal batches and anonymity", .offThePool, .timeLimit(.minutes(2)))
struct RevealAndAnonymityTests {
    @Test("Batch reveal waits for min_batch and batch_seconds, then shows a shuffled batch")
    func batches() throws {
        var session = TestSession(plan: TestSession.plan(reveal: .batch))
        let tokens = try session.join(4)
        try session.facilitator(.advance)
        let first = try session.submit("A", by: tokens[0])
        let second = try session.submit("B", by: tokens[1])
        session.wait(seconds: 30)
        try session.run(.tick)
        #expect(session.state.wall.isEmpty, "two ideas are no cover; the batch waits for three")
        let third = try session.submit("C", by: tokens[2])
        try session.run(.tick)
        #expect(Set(session.state.wall) == [first, second, third])
        let fourth = try session.submit("D", by: tokens[3])
        let fifth = try session.submit("E", by: tokens[0])
        let sixth = try session.submit("F", by: tokens[1])
        session.wait(seconds: 5)
        try session.run(.tick)
        #expect(session.state.pending == [fourth, fifth, sixth], "too soon after the last batch")
        session.wait(seconds: 20)
        try session.run(.tick)
        #expect(session.state.pending.isEmpty)
    }

    @Test("Batches of three or more never come out in submission order", arguments: 0..<40)
    func shuffled(seed: UInt64) throws {
        var session = TestSession(plan: TestSession.plan(reveal: .batch))
        session.random = SeededRandom(seed: seed)
        let tokens = try session.join(3)
        try session.facilitator(.advance)
        let submitted = try (0..<3).map { try session.submit("Idea \($0)", by: tokens[$0]) }
        session.wait(seconds: 20)
        try session.run(.tick)
        #expect(session.state.wall.count == 3)
        #expect(session.state.wall != submitted)
    }

    @Test("Whatever is pending goes up when the phase ends, however few")
    func releaseAtEnd() throws {
        var session = TestSession(plan: TestSession.plan(reveal: .batch))
        let token = try session.join(1)[0]
        try session.facilitator(.advance)
        let lone = try session.submit("Alone", by: token)
        try session.run(.tick)
        #expect(session.state.wall.isEmpty)
        session.wait(seconds: 300)
        try session.run(.tick)
        #expect(session.state.wall == [lone])
    }

    @Test("Immediate reveal shows an idea at once; a spoken idea is always shown at once")
    func immediate() throws {
        var session = TestSession(plan: TestSession.plan(reveal: .immediate))
        let token = try session.join(1)[0]
        try session.facilitator(.advance)
        let id = try session.submit("Now", by: token)
        #expect(session.state.wall == [id])
        var batched = TestSession(plan: TestSession.plan(reveal: .batch))
        try batched.facilitator(.advance)
        try batched.facilitator(.addIdea(text: "Said aloud"))
        #expect(batched.state.wallIdeas(round: 0).map(\.text) == ["Said aloud"])
    }

    @Test("No event carries a participant token, and idea events carry no time")
    func eventsHoldNoToken() throws {
        var session = TestSession()
        let tokens = try session.join(3)
        try session.facilitator(.advance)
        let ideas = try tokens.map { try session.submit("Idea of \($0.rawValue.count)", by: $0) }
        try session.advance(to: .vote)
        try session.participant(tokens[0], .castVote(ideas[1]))
        let encoded = String(decoding: try JSONEncoder().encode(session.log), as: UTF8.self)
        for token in tokens { #expect(!encoded.contains(token.rawValue)) }
        for case let .ideaSubmitted(idea) in session.log {
            let json = String(decoding: try JSONEncoder().encode(idea), as: UTF8.self)
            #expect(!json.contains("1773"), "an idea must not carry a timestamp: \(json)")
        }
        #expect(session.state.anonymityIsWeak == false)
    }

    @Test("The lobby warns below min_participants; a plan that asks for one participant has nothing to warn about")
    func weakAnonymity() throws {
        var session = TestSession()
        _ = try session.join(2)
        #expect(session.state.anonymityIsWeak)
        var plan = TestSession.plan()
        plan.anonymity.minParticipants = 1
        #expect(TestSession(plan: plan).state.anonymityIsWeak == false, "no “anonymity is weak below 1” in an empty lobby")
    }

    @Test("Participants see the wall only while it is grouped and voted on, their own dots only in the vote, tallies only once it closed")
    func whatParticipantsSee() throws {
        var session = TestSession()
        let tokens = try session.join(3)
        #expect(!session.state.participantsSeeTheWall && !session.state.participantsSeeTheirDots, "lobby")
        var seen: [PhaseKind: (wall: Bool, dots: Bool, tallies: Bool)] = [:]
        try session.facilitator(.advance)
        _ = try session.submit("Idea", by: tokens[0])
        for phase in session.state.plan.rounds[0].phases.map(\.kind) {
            try session.advance(to: phase)
            let state = session.state
            seen[phase] = (state.participantsSeeTheWall, state.participantsSeeTheirDots, state.results(round: 0) != nil)
        }
        #expect(seen.mapValues(\.wall) == [.ideate: false, .build: false, .group: true, .vote: true, .review: false])
        #expect(seen.mapValues(\.dots) == [.ideate: false, .build: false, .group: false, .vote: true, .review: false])
        #expect(seen.mapValues(\.tallies) == [.ideate: false, .build: false, .group: false, .vote: false, .review: true])
    }
}

@Suite("Grouping and review", .offThePool, .timeLimit(.minutes(2)))
struct GroupAndReviewTests {
    @Test("Clusters are named and renamed; every grouping action has an undo")
    func groupingUndo() throws {
        var session = TestSession()
        let tokens = try session.join(3)
        try session.facilitator(.advance)
        let a = try session.submit("A", by: tokens[0])
        let b = try session.submit("B", by: tokens[1])
        try session.advance(to: .group)
        try session.facilitator(.cluster(a, name: "Approvals"))
        try session.facilitator(.cluster(b, name: "Approvals"))
        try session.facilitator(.renameCluster(from: "Approvals", to: "Sign-offs"))
        #expect(session.state.clusters(round: 0) == ["Sign-offs"])
        try session.facilitator(.merge(b, into: a))
        try session.facilitator(.unmerge(b))
        try session.facilitator(.park(a))
        try session.facilitator(.unpark(a))
        try session.facilitator(.hide(b))
        try session.facilitator(.unhide(b))
        #expect(session.state.wallIdeas(round: 0).count == 2)
        #expect(session.refusal { try $0.facilitator(.merge(a, into: a)) }?.reason == .notNow)
    }

    @Test("Hiding is moderation: allowed while ideas flow, and the idea is kept")
    func hideWhileFlowing() throws {
        var session = TestSession()
        let token = try session.join(1)[0]
        try session.facilitator(.advance)
        let id = try session.submit("Rude remark", by: token)
        try session.facilitator(.hide(id))
        #expect(session.state.ideas[id]?.isHidden == true)
        #expect(session.state.wallIdeas(round: 0).isEmpty)
    }

    @Test("Review records benefits, concerns, an experiment card and action items")
    func review() throws {
        var session = TestSession()
        let tokens = try session.join(3)
        try session.facilitator(.advance)
        let id = try session.submit("Try it", by: tokens[0])
        try session.advance(to: .vote)
        try session.participant(tokens[1], .castVote(id))
        try session.advance(to: .review)
        let card = ExperimentCard(assumption: "A", smallestTest: "T", successCriterion: "S", owner: "O", reviewDate: "2026-04-10")
        try session.facilitator(.recordReview(id, IdeaReview(benefits: "B", concerns: "C", experiment: card)))
        try session.facilitator(.addActionItem(idea: id, what: "Start", owner: "IT", due: "2026-03-20"))
        #expect(session.state.reviews[id]?.experiment == card)
        #expect(session.state.actionItems.map(\.what) == ["Start"])
        try session.facilitator(.removeActionItem(1))
        #expect(session.state.actionItems.isEmpty)
    }
}
