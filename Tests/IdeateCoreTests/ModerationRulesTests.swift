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

@Suite("Moderation in the minutes", .offThePool, .timeLimit(.minutes(2)))
struct ModerationMinutesTests {
    /// A finished moderated workshop: three ideas let through (one as the same as another), one
    /// held back, one never decided on, with votes.
    static func finished() throws -> SessionState {
        var session = ModerationRulesTests.moderated(reveal: .immediate)
        session.state = SessionState(plan: {
            var plan = session.state.plan
            plan.title = "Moderated quick start"
            plan.rounds[0].prompt = "What slows us down?"
            return plan
        }())
        let tokens = try session.join(4)
        try session.facilitator(.advance)
        let inbox = try session.submit("Shared inbox for orders", by: tokens[0])
        let twin = try session.submit("One inbox for all orders", by: tokens[1])
        let rude = try session.submit("Kim is the problem", by: tokens[2])
        let printer = try session.submit("Fix the hall printer", by: tokens[3])
        _ = try session.submit("Undecided idea", by: tokens[0])
        try session.facilitator(.approve(inbox))
        try session.run(.tick)
        try session.facilitator(.approveMerging(twin, into: inbox))
        try session.facilitator(.holdBack(rude))
        try session.facilitator(.approve(printer))
        try session.run(.tick)
        try session.advance(to: .vote)
        try session.participant(tokens[0], .castVote(inbox))
        try session.participant(tokens[1], .castVote(printer))
        try session.participant(tokens[2], .castVote(inbox))
        try session.facilitator(.lockPhase)
        try session.advance(to: .review)
        try session.facilitator(.advance)
        return session.state
    }

    @Test("The minutes count what was held back, never show it, and match the golden file (English and German)")
    func golden() throws {
        let report = MinutesReport(state: try Self.finished())
        #expect(report.rounds[0].heldCount == 2)
        #expect(report.rounds[0].ideas.filter { $0.status == "held" }.map(\.text).sorted() == ["Kim is the problem", "Undecided idea"])
        let english = MarkdownMinutes(timeZone: ExportGoldenTests.zone).render(report)
        #expect(english.contains("2 ideas were held back by the facilitator and never shown."))
        #expect(!english.contains("Kim is the problem") && !english.contains("Undecided idea"))
        try ExportGoldenTests.expectGolden(english, named: "moderated-minutes.md")
        let german = MarkdownMinutes(timeZone: ExportGoldenTests.zone, localizer: Localizer(Language(code: "de"))).render(report)
        #expect(german.contains("2 Ideen wurden von der Moderation zurückgehalten und nie gezeigt."))
        try ExportGoldenTests.expectGolden(german, named: "moderated-minutes-de.md")
        let intake = try WorkshopIntake(report: report, run: RunIdentity("r"), today: CalendarDate(iso: "2026-03-12")!, timeZone: ExportGoldenTests.zone)
        #expect(!intake.backlog.map(\.text).contains("Kim is the problem"), "held-back ideas do not go into the portfolio")
    }
}
