import IdeateCore
import IdeateTestSupport
import IdeateTUI
import Testing

/// Keys turn into console changes and facilitator commands; executing them is the app's job,
/// done here by hand with the real rules.
@Suite("Console keys", .offThePool, .timeLimit(.minutes(2)))
struct KeyHandlingTests {
    /// Executes the actions as the app would, keeping undo groups.
    static func execute(_ actions: [ConsoleAction], in session: inout TestSession, model: inout ConsoleModel) throws {
        for action in actions {
            switch action {
            case let .perform(steps, _, _):
                var inverses: [FacilitatorCommand] = []
                for step in steps {
                    try session.facilitator(step.command)
                    if let inverse = step.inverse { inverses.append(inverse) }
                }
                if !inverses.isEmpty { model.undoStack.append(inverses) }
            case let .undo(commands):
                for command in commands { try session.facilitator(command) }
            case .quit:
                break
            }
        }
    }

    static func press(_ keys: [Key], _ session: inout TestSession, _ model: inout ConsoleModel) throws -> [ConsoleAction] {
        var all: [ConsoleAction] = []
        for key in keys {
            let actions = model.handle(key, state: session.state, now: session.now)
            try execute(actions, in: &session, model: &model)
            all += actions
        }
        return all
    }

    @Test("Group: mark two ideas, merge them into the cursor's idea, undo brings them back")
    func mergeAndUndo() throws {
        var (session, ids) = try ScreenFixtures.grouping()
        var model = ConsoleModel()
        let list = ConsoleLists.ideas(for: session.state, model: model)
        let first = list[0], second = list[1], third = list[2]
        _ = try Self.press([.down, .character(" "), .character(" "), .home, .character("m")], &session, &model)
        #expect(session.state.ideas[second]?.mergedInto == first)
        #expect(session.state.ideas[third]?.mergedInto == first)
        _ = try Self.press([.character("u")], &session, &model)
        #expect(session.state.ideas[second]?.mergedInto == nil)
        #expect(session.state.ideas[third]?.mergedInto == nil)
        #expect(ids.contains(first))
    }

    @Test("Group: naming a cluster by typing, and undoing it restores the old name")
    func clusterByTyping() throws {
        var (session, ids) = try ScreenFixtures.grouping()
        var model = ConsoleModel()
        _ = try Self.press([.character("c")] + Array("Sign-offs").map { Key.character($0) }, &session, &model)
        #expect(model.overlay == .input(.clusterName([ids[0]]), text: "ApprovalsSign-offs"))
        _ = try Self.press(Array(repeating: .backspace, count: 18) + Array("Sign-offs").map { .character($0) } + [.enter], &session, &model)
        #expect(session.state.ideas[ids[0]]?.cluster == "Sign-offs")
        _ = try Self.press([.character("u")], &session, &model)
        #expect(session.state.ideas[ids[0]]?.cluster == "Approvals")
    }

    @Test("Ideation: the facilitator types an idea said aloud; it shows at once")
    func spokenIdea() throws {
        var (session, _) = try ScreenFixtures.ideation()
        var model = ConsoleModel()
        _ = try Self.press([.character("a")] + Array("Kanban board").map { .character($0) } + [.enter], &session, &model)
        #expect(session.state.wallIdeas(round: 0).contains { $0.text == "Kanban board" && $0.source == .facilitator })
    }

    @Test("Ideation: the cursor stays hidden until the facilitator moves it; h then hides")
    func hideNeedsVisibleCursor() throws {
        var (session, _) = try ScreenFixtures.ideation()
        var model = ConsoleModel()
        _ = try Self.press([.character("h")], &session, &model)
        #expect(session.state.wallIdeas(round: 0).count == ScreenFixtures.ideas.count, "first h only shows the cursor")
        _ = try Self.press([.down, .character("h")], &session, &model)
        #expect(session.state.wallIdeas(round: 0).count == ScreenFixtures.ideas.count - 1)
    }

    @Test("n asks before cutting a running timer short; q asks before quitting; Ctrl-C quits at once")
    func confirmations() throws {
        var (session, _) = try ScreenFixtures.ideation()
        var model = ConsoleModel()
        _ = try Self.press([.character("n")], &session, &model)
        #expect(model.overlay == .confirmAdvance("End “Ideation” now, with 03:12 left?"))
        _ = try Self.press([.character("n")], &session, &model)
        #expect(session.state.currentPhase == .ideate)
        _ = try Self.press([.character("n"), .character("y")], &session, &model)
        #expect(session.state.currentPhase == .group)
        #expect(try Self.press([.character("q")], &session, &model).isEmpty)
        #expect(model.overlay == .confirmQuit)
        #expect(try Self.press([.escape], &session, &model).isEmpty)
        #expect(try Self.press([.interrupt], &session, &model) == [.quit])
    }

    @Test("/ filters the list; Esc clears the search")
    func search() throws {
        let (session, _) = try ScreenFixtures.ideation()
        var mutable = session
        var model = ConsoleModel()
        _ = try Self.press([.character("/")] + Array("inbox").map { .character($0) } + [.enter], &mutable, &model)
        #expect(ConsoleLists.ideas(for: mutable.state, model: model).count == 1)
        _ = try Self.press([.escape], &mutable, &model)
        #expect(model.searchQuery.isEmpty)
        #expect(model.overlay == nil)
    }

    @Test("Review form: typing fills fields (the metric and failure criterion included), Ctrl-S records the review and the action item")
    func reviewForm() throws {
        var (session, ids) = try ScreenFixtures.results()
        try session.advance(to: .review)
        var model = ConsoleModel()
        var keys: [Key] = [.enter]
        keys += Array("Quicker").map { .character($0) } + [.tab]
        keys += Array(repeating: .tab, count: 3) + Array("Days to approval").map { .character($0) } + [.tab, .tab]
        keys += Array("Slower than before").map { .character($0) } + Array(repeating: .tab, count: 3)
        keys += Array("Write the rule").map { .character($0) } + [.tab]
        keys += Array("Finance").map { .character($0) } + [.tab] + Array("Friday").map { .character($0) } + [.save]
        _ = try Self.press(keys, &session, &model)
        #expect(session.state.reviews[ids[0]]?.benefits.hasPrefix("Faster") == false)
        #expect(session.state.reviews[ids[0]]?.benefits == "Quicker")
        #expect(session.state.reviews[ids[0]]?.experiment?.metric == "Days to approval")
        #expect(session.state.reviews[ids[0]]?.experiment?.failureCriterion == "Slower than before")
        #expect(session.state.actionItems.map(\.what) == ["Write the rule"])
        #expect(session.state.actionItems.first?.owner == "Finance")
    }
}

@Suite("Room lock on the console", .offThePool, .timeLimit(.minutes(2)))
struct RoomLockKeyTests {
    @Test("L locks the room from the lobby, the shared screen says so, L opens it again")
    func lockAndOpen() throws {
        var session = try ScreenFixtures.lobby()
        var model = ConsoleModel()
        let lock = try KeyHandlingTests.press([.character("L")], &session, &model)
        #expect(session.state.isRoomLocked)
        let joined = session.state.participants.count
        guard case let .perform(_, done, _)? = lock.first else { Issue.record("no action"); return }
        #expect(done.hasPrefix("Room locked · \(joined) joined"))
        let grid = ScreenFixtures.render(session, model: model, width: 80, height: 24)
        let lines = grid.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0].hasSuffix("Lobby · Room locked · \(joined) joined"))
        #expect(lines.contains { $0.contains("\(joined) joined    room locked (L opens it)") })
        #expect(lines.last?.contains("L open room") == true)
        let open = try KeyHandlingTests.press([.character("L")], &session, &model)
        #expect(!session.state.isRoomLocked)
        #expect(open == [.perform([ConsoleAction.Step(.unlockRoom)], done: "Room open: new participants can join.")])
    }
}

@Suite("Console list scrolling", .offThePool, .timeLimit(.minutes(2)))
struct ConsoleScrollingTests {
    @Test("The view changes nothing: the same model gives the same frame; the list stays where it was drawn while the cursor moves inside it")
    func listStaysPut() throws {
        var session = TestSession(plan: TestSession.plan())
        let tokens = try session.join(40)
        try session.facilitator(.advance)
        for (number, token) in tokens.enumerated() { _ = try session.submit("Idea number \(number)", by: token) }
        try session.advance(to: .group)
        var model = ConsoleModel()
        model.settle(for: session.state)
        model.cursor = 30
        func render() -> ConsoleFrame {
            ConsoleView.render(state: session.state, model: model, context: ScreenFixtures.context, now: session.now, width: 80, height: 24)
        }
        let first = render()
        #expect(first.scroll > 0, "the cursor's row is below the first screenful")
        #expect(render().grid == first.grid)
        model.scroll = first.scroll
        model.cursor = 29
        #expect(render().scroll == first.scroll, "moving up inside the list does not scroll it")
        model.cursor = first.scroll - 1
        #expect(render().scroll == first.scroll - 1, "leaving it at the top scrolls one row")
    }
}
