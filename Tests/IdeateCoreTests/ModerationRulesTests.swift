import Foundation
import IdeateCore
import IdeateTestSupport
import Testing

@Suite("Moderation before the wall", .offThePool, .timeLimit(.minutes(2)))
struct ModerationRulesTests {
    static func moderated(reveal: AnonymitySettings.Reveal = .batch) -> TestSession {
        var plan = TestSession.plan(reveal: reveal)
        plan.moderation = true
        return TestSession(plan: plan)
    }

    @Test("A participant's idea waits in the queue, off the wall, until approved; then it goes up with the next batch")
    func heldUntilApproved() throws {
        var session = Self.moderated()
        let tokens = try session.join(3)
        try session.facilitator(.advance)
        let ids = try (0..<3).map { try session.submit("Idea \($0)", by: tokens[$0]) }
        #expect(session.state.heldIdeas(round: 0).map(\.id) == ids, "oldest first")
        #expect(session.state.pending.isEmpty)
        session.wait(seconds: 60)
        try session.run(.tick)
        #expect(session.state.wallIdeaIDs(round: 0).isEmpty, "no batch of held ideas")
        for id in ids { try session.facilitator(.approve(id)) }
        #expect(session.state.pending.count == 3 && session.state.heldIdeas(round: 0).isEmpty)
        try session.run(.tick)
        #expect(Set(session.state.wallIdeaIDs(round: 0)) == Set(ids), "released as one shuffled batch")
    }

    @Test("Held back: kept off the wall, counted; requeued by undo; ideas never decided on count too")
    func heldBack() throws {
        var session = Self.moderated(reveal: .immediate)
        let tokens = try session.join(3)
        try session.facilitator(.advance)
        let rude = try session.submit("Something hurtful", by: tokens[0])
        let fine = try session.submit("Shared inbox", by: tokens[1])
        let undecided = try session.submit("Undecided", by: tokens[2])
        try session.facilitator(.holdBack(rude))
        try session.facilitator(.approve(fine))
        try session.run(.tick)
        #expect(session.state.wallIdeaIDs(round: 0) == [fine])
        #expect(Set(session.state.ideasHeldBack(round: 0).map(\.id)) == [rude, undecided])
        try session.facilitator(.requeue(rude))
        #expect(session.state.heldIdeas(round: 0).map(\.id) == [undecided, rude])
        #expect(session.refusal { try $0.facilitator(.requeue(rude)) }?.message == "Idea \(rude.rawValue) was not held back.")
        #expect(session.refusal { try $0.facilitator(.approve(fine)) }?.message == "Idea \(fine.rawValue) is not waiting for the facilitator.")
    }

    @Test("After ideation an approved idea goes up at once; merged into a wall idea it joins that one; not once the vote started")
    func approvingLater() throws {
        var session = Self.moderated(reveal: .immediate)
        let tokens = try session.join(3)
        try session.facilitator(.advance)
        let first = try session.submit("Shared inbox for orders", by: tokens[0])
        let twin = try session.submit("One inbox for all orders", by: tokens[1])
        let late = try session.submit("Printer in the hall", by: tokens[2])
        try session.facilitator(.approve(first))
        try session.run(.tick)
        try session.advance(to: .group)
        try session.facilitator(.approveMerging(twin, into: first))
        #expect(session.state.ideasMerged(into: first).map(\.id) == [twin])
        #expect(session.state.wallIdeaIDs(round: 0) == [first])
        try session.facilitator(.approve(late))
        #expect(session.state.wallIdeaIDs(round: 0) == [first, late], "revealed at once: no batch comes in grouping")
        let again = try session.submit("Kept as late", by: tokens[0])
        #expect(!session.state.held.contains(again), "a late idea is never queued: it never reaches the wall")
        try session.advance(to: .vote)
        var voting = Self.moderated()
        let people = try voting.join(3)
        try voting.facilitator(.advance)
        let held = try voting.submit("Waits", by: people[0])
        try voting.advance(to: .vote)
        #expect(voting.refusal { try $0.facilitator(.approve(held)) }?.reason == .notNow)
        #expect(voting.state.ideasHeldBack(round: 0).map(\.id) == [held])
    }

    @Test("Without moderation nothing is held; the facilitator's own ideas are never held")
    func onlyParticipantsUnderModeration() throws {
        var plain = TestSession()
        let tokens = try plain.join(3)
        try plain.facilitator(.advance)
        _ = try plain.submit("Idea", by: tokens[0])
        #expect(plain.state.held.isEmpty)
        var moderated = Self.moderated()
        _ = try moderated.join(3)
        try moderated.facilitator(.advance)
        try moderated.facilitator(.addIdea(text: "Said aloud"))
        #expect(moderated.state.held.isEmpty && moderated.state.wallIdeaIDs(round: 0).count == 1, "said aloud: up at once")
    }

    @Test("Replay gives the same queue, and the plan keeps moderation: true")
    func replay() throws {
        var session = Self.moderated()
        let tokens = try session.join(3)
        try session.facilitator(.advance)
        let a = try session.submit("A", by: tokens[0])
        _ = try session.submit("B", by: tokens[1])
        try session.facilitator(.holdBack(a))
        let replayed = SessionState(plan: session.state.plan, replaying: session.log)
        #expect(replayed.held == session.state.held && replayed.heldBack == session.state.heldBack)
        let stored = try JSONDecoder().decode(Plan.self, from: JSONEncoder().encode(session.state.plan))
        #expect(stored.moderation)
    }
}
