import IdeateCore
import IdeateTestSupport
import IdeateTUI
import Testing

/// Moderation and likely duplicates on the facilitator's console: the queue above the wall,
/// one key per idea, and none of it on the wall.
@Suite("Moderation on the console", .offThePool, .timeLimit(.minutes(2)))
struct ModerationConsoleTests {
    /// Ideation under moderation with three ideas let through and `queued` waiting.
    static func moderated(queued: [String], in language: Language? = nil) throws -> (TestSession, [IdeaID]) {
        var plan = ScreenFixtures.plan(in: language)
        plan.moderation = true
        var session = TestSession(plan: plan)
        let tokens = try session.join(5)
        try session.facilitator(.advance)
        for (index, text) in ["One shared inbox for order changes", "Fix the printer in the hall", "Shorter meetings"].enumerated() {
            let id = try session.submit(text, by: tokens[index])
            try session.facilitator(.approve(id))
        }
        try session.run(.tick)
        let ids = try queued.enumerated().map { try session.submit($1, by: tokens[$0 % tokens.count]) }
        session.wait(seconds: 30)
        return (session, ids)
    }

    /// Presses `keys` as the app does: each key, its actions executed, the model settled.
    @discardableResult
    static func press(_ keys: [Key], _ session: inout TestSession, _ model: inout ConsoleModel) throws -> [ConsoleAction] {
        var actions: [ConsoleAction] = []
        for key in keys {
            model.settle(for: session.state)
            actions += try KeyHandlingTests.press([key], &session, &model)
        }
        model.settle(for: session.state)
        return actions
    }

    @Test("The queue above the wall on the console: count, keys, the head marked, the wall idea it is like; not on the wall")
    func queueOnConsoleOnly() throws {
        let (session, _) = try Self.moderated(queued: ["Something hurtful about Kim", "A shared inbox for all orders", "Printer"])
        var model = ConsoleModel()
        model.settle(for: session.state)
        let grid = ScreenFixtures.render(session, model: model, width: 120, height: 36)
        try Snapshot.assert(grid, named: "moderation-ideate-120x36")
        let text = grid.text
        #expect(text.contains("3 ideas waiting for you   y let through · b hold back · = same as “One shared inbox for order changes”")
                || text.contains("3 ideas waiting for you"), "\(text)")
        #expect(text.contains("▶ Something hurtful about Kim"))
        try Snapshot.assert(ScreenFixtures.render(session, model: model, width: 80, height: 24), named: "moderation-ideate-80x24")
        let wall = WallView.render(state: session.state, context: ScreenFixtures.everyWayIn, earlierPage: nil, showingHelp: false,
                                   now: session.now, width: 120, height: 36).text
        #expect(!wall.contains("hurtful") && !wall.contains("waiting for you") && !wall.contains("A shared inbox"), "\(wall)")
    }

    @Test("Thirty ideas a minute: one key each, in order, no confirmation; b holds back and u puts it back in the queue")
    func oneKeyPerIdea() throws {
        var (session, ids) = try Self.moderated(queued: (1...30).map { "Queued idea \($0)" })
        var model = ConsoleModel()
        try Self.press(Array(repeating: .character("y"), count: 29), &session, &model)
        #expect(session.state.heldIdeas(round: 0).map(\.id) == [ids[29]])
        #expect(session.state.pending.count == 29)
        let held = try Self.press([.character("b")], &session, &model)
        #expect(session.state.ideasHeldBack(round: 0).map(\.id) == [ids[29]])
        #expect(held == [.perform([.init(.holdBack(ids[29]), inverse: .requeue(ids[29]))], done: "Held back (u undoes): “Queued idea 30”")])
        try Self.press([.character("u")], &session, &model)
        #expect(session.state.heldIdeas(round: 0).map(\.id) == [ids[29]])
        try Self.press([.character("y"), .character("y")], &session, &model)
        #expect(model.status?.text == "No idea is waiting for you.")
    }

    @Test("= lets the head through as the same as the wall idea it is most like; without one it says so")
    func sameAs() throws {
        var (session, ids) = try Self.moderated(queued: ["A shared inbox for all orders", "Free fruit on Fridays"])
        var model = ConsoleModel()
        try Self.press([.character("=")], &session, &model)
        let inbox = try #require(session.state.wallIdeas(round: 0).first { $0.text.hasPrefix("One shared inbox") })
        #expect(session.state.ideas[ids[0]]?.mergedInto == inbox.id)
        try Self.press([.character("=")], &session, &model)
        #expect(model.status?.isProblem == true)
        #expect(session.state.heldIdeas(round: 0).map(\.id) == [ids[1]], "nothing happens without a likely twin")
    }

    @Test("Grouping suggests the likely duplicates: M merges them (u splits them), D passes to the next pair")
    func duplicatesWhileGrouping() throws {
        var (session, ideas) = try TestSession.withLikelyDuplicates(plan: ScreenFixtures.plan())
        let (inbox, printer, inbox2, printer2) = (ideas.inbox, ideas.printer, ideas.inbox2, ideas.printer2)
        try session.advance(to: .group)
        var model = ConsoleModel()
        model.settle(for: session.state)
        let grid = ScreenFixtures.render(session, model: model, width: 120, height: 36)
        #expect(grid.text.contains("Likely the same: “One shared inbox for order changes” and “Shared inbox for all orders” (inbox, order, shared)"),
                "\(grid.text)")
        try Snapshot.assert(grid, named: "duplicates-group-120x36")
        try Self.press([.character("D")], &session, &model)
        #expect(model.suggestions.duplicate.map { Set([$0.kept, $0.duplicate]) } == [printer, printer2])
        try Self.press([.character("M")], &session, &model)
        #expect(session.state.ideas[printer2]?.mergedInto == printer)
        try Self.press([.character("u")], &session, &model)
        #expect(session.state.ideas[printer2]?.mergedInto == nil)
        #expect(session.state.ideas[inbox2]?.mergedInto == nil && session.state.ideas[inbox] != nil)
    }
}
