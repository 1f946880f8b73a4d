import IdeateCore
import IdeateProtocol
import IdeateTestSupport
import Testing
@testable import IdeateTUI

/// The loops behind the ``Terminal`` seam, driven as a user would: keys typed into the test
/// double, frames read back as cells. Nothing here sleeps for a fixed time: every wait is for a
/// frame that shows what is expected.
@Suite("Front-end loops", .offThePool, .timeLimit(.minutes(2)))
struct FrontEndLoopTests {
    @Test("The console starts the workshop on n, draws a participant's idea without a key or a tick, and quits on q y")
    func consoleLoop() async throws {
        let engine = InMemoryEngine(plan: TestSession.plan(), seed: 7)
        let clock = TestClock()
        let terminal = ScriptedTerminal()
        let remote = terminal.remote
        let (ticks, _) = AsyncStream.makeStream(of: Void.self)
        let app = ConsoleApp(engine: engine, clock: clock, terminal: terminal, context: ConsoleContext(runPath: "test.sqlite")) { _ in nil }
        let loop = Task { await app.run(ticks: ticks) }

        #expect(await remote.frame { $0.contains("Lobby") } != nil)
        let tokens = (1...3).map { ParticipantToken("participant-\($0)-0123456789abcdef012345") }
        for token in tokens { try await engine.execute(.participant(token, .join), at: clock.now) }
        #expect(await remote.frame { $0.contains("3 joined") } != nil, "joins reach the screen through the engine's change stream")

        remote.type("n")
        #expect(await remote.frame { $0.contains("Ideation") && $0.contains("started") } != nil)

        try await engine.execute(.participant(tokens[0], .submitIdea(text: "Shorter stand-ups", extending: nil)), at: clock.now)
        let withIdea = await remote.frame { $0.contains("Shorter stand-ups") }
        #expect(withIdea != nil, "no key and no tick: the change stream alone woke the loop")

        remote.type("q")
        #expect(await remote.frame { $0.contains("Leave ideate?") } != nil)
        remote.type("y")
        await loop.value
        #expect(remote.isStopped, "the terminal is given back when the loop ends")
    }

    @Test("A resize redraws at the new size; a closed terminal ends the loop")
    func resizeAndHangUp() async throws {
        let engine = InMemoryEngine(plan: TestSession.plan(), seed: 7)
        let terminal = ScriptedTerminal()
        let remote = terminal.remote
        let (ticks, _) = AsyncStream.makeStream(of: Void.self)
        let app = ConsoleApp(engine: engine, clock: TestClock(), terminal: terminal, context: ConsoleContext(runPath: "t")) { _ in nil }
        let loop = Task { await app.run(ticks: ticks) }
        #expect(await remote.frame { $0.width == 80 } != nil)
        remote.resize(width: 120, height: 36)
        #expect(await remote.frame { $0.width == 120 && $0.height == 36 } != nil)
        remote.hangUp()
        await loop.value
        #expect(remote.isStopped)
    }

    @Test("The countdown moves on ticks from the injected clock, not the wall clock")
    func ticksMoveTheCountdown() async throws {
        let engine = InMemoryEngine(plan: TestSession.plan(), seed: 7)
        let clock = TestClock()
        try await engine.execute(.facilitator(.advance), at: clock.now)
        let terminal = ScriptedTerminal()
        let remote = terminal.remote
        let (ticks, tick) = AsyncStream.makeStream(of: Void.self)
        let app = ConsoleApp(engine: engine, clock: clock, terminal: terminal, context: ConsoleContext(runPath: "t")) { _ in nil }
        let loop = Task { await app.run(ticks: ticks) }
        let start = await remote.frame { !$0.text.isEmpty }
        clock.advance(seconds: 61)
        tick.yield()
        let later = await remote.frame { $0 != start }
        #expect(later != nil && later != start)
        #expect(remote.frames.count <= 4, "no frames beyond what changed: \(remote.frames.count)")
        remote.type(.interrupt)
        await loop.value
    }

    @Test("On the results, the review form saves an action item with the review; a refused one brings the form back with everything typed")
    func reviewFormKeepsWhatWasTyped() async throws {
        let engine = InMemoryEngine(plan: TestSession.plan(), seed: 7)
        let clock = TestClock()
        let tokens = (1...3).map { ParticipantToken("participant-\($0)-0123456789abcdef012345") }
        for token in tokens { try await engine.execute(.participant(token, .join), at: clock.now) }
        try await engine.execute(.facilitator(.advance), at: clock.now)
        for (token, text) in zip(tokens, ["Shorter stand-ups", "Shared inbox", "No meeting Fridays"]) {
            try await engine.execute(.participant(token, .submitIdea(text: text, extending: nil)), at: clock.now)
        }
        while await engine.currentState().currentPhase != .vote { try await engine.execute(.facilitator(.advance), at: clock.now) }
        let first = try #require(await engine.currentState().ideas.values.first { $0.text == "Shorter stand-ups" })
        for token in tokens { try await engine.execute(.participant(token, .castVote(first.id)), at: clock.now) }
        try await engine.execute(.facilitator(.lockPhase), at: clock.now)

        let terminal = ScriptedTerminal()
        let remote = terminal.remote
        let (ticks, _) = AsyncStream.makeStream(of: Void.self)
        let app = ConsoleApp(engine: engine, clock: clock, terminal: terminal, context: ConsoleContext(runPath: "t")) { _ in nil }
        let loop = Task { await app.run(ticks: ticks) }
        #expect(await remote.frame { $0.contains("Results") } != nil)
        remote.type(.enter)
        #expect(await remote.frame { $0.contains("Benefits") } != nil)
        remote.type("Faster")
        for _ in 0..<9 { remote.type(.enter) }
        remote.type("Write the rule")
        remote.type(.enter)
        remote.type(String(repeating: "o", count: 90))
        remote.type(.enter)
        remote.type("2026-12-01")
        remote.type(.enter)
        let refused = await remote.frame { $0.contains("Owner: at most 80 characters") && $0.contains("Write the rule") && $0.contains("2026-12-01") }
        #expect(refused != nil, "the refusal is shown over the form, which still holds what was typed")

        remote.type(.up)
        for _ in 0..<90 { remote.type(.backspace) }
        remote.type("Finance")
        remote.type(.save)
        #expect(await remote.frame { $0.contains("Review and action item saved.") } != nil)
        let state = await engine.currentState()
        #expect(state.actionItems.map { [$0.what, $0.owner, $0.due] } == [["Write the rule", "Finance", "2026-12-01"]])
        #expect(state.reviews[first.id]?.benefits == "Faster")
        remote.type(.interrupt)
        await loop.value
    }

    @Test("The follow-up screen reads the agenda a window at a time: End, PgUp and a change deep in a 2,000-idea backlog show the right rows")
    func followupWindows() async throws {
        var portfolio = try FollowupFixtures.portfolio()
        for number in 1...2_000 { portfolio.backlog.append(BacklogIdea(id: BacklogIdeaID(1_000 + number), text: "Backlog idea \(number)", kind: .idea)) }
        let engine = InMemoryPortfolio(portfolio)
        let terminal = ScriptedTerminal()
        let remote = terminal.remote
        let first = FollowupAgenda(window: try engine.agendaWindow(today: FollowupFixtures.today, range: FollowupApp.firstWindow), today: FollowupFixtures.today)
        #expect(first.window.entries.count == FollowupApp.firstWindow.count && first.entries.count > 2_000, "the first frame reads a window, counts all")
        let app = FollowupApp(engine: engine, agenda: first, today: FollowupFixtures.today, terminal: terminal, portfolioPath: "p.sqlite")
        let loop = Task { await app.run() }
        #expect(await remote.frame { $0.contains("Due or overdue (3)") } != nil)
        remote.type(.end)
        #expect(await remote.frame { $0.contains("▸ ") && $0.contains("Closed action items") } != nil, "the end of the agenda")
        for _ in 0..<30 { remote.type(.pageUp) }
        let deep = await remote.frame { $0.contains("▸ B") && $0.contains("Backlog idea") }
        let chosen = try #require(deep?.text.split(separator: "\n").first { $0.contains("▸ B") }.map(String.init))
        let number = try #require(chosen.split(separator: " ").first { $0.hasPrefix("B") }.map(String.init))
        remote.type("x")
        #expect(await remote.frame { $0.contains("\(number): declined") } != nil)
        remote.type(.save)
        #expect(await remote.frame { $0.contains("▸ \(number)") && $0.contains("\(number) declined.") } != nil, "the cursor stays on the idea it decided")
        #expect(engine.portfolio().backlog.first { $0.id.description == number }?.fate == .declined)
        remote.type("q")
        await loop.value
    }

    @Test("The follow-up screen records a learning card with keys (a refusal keeps what was typed), shows it once kept, undoes it as a new change, and quits on q")
    func followupLoop() async throws {
        let engine = InMemoryPortfolio(try FollowupFixtures.portfolio())
        let terminal = ScriptedTerminal()
        let remote = terminal.remote
        let app = FollowupApp(engine: engine, agenda: FollowupAgenda(try engine.items(), today: FollowupFixtures.today), today: FollowupFixtures.today,
                              terminal: terminal,
                              portfolioPath: "p.sqlite")
        let loop = Task { await app.run() }
        #expect(await remote.frame { $0.contains("Due or overdue (3)") } != nil)
        remote.type(.down, .down, .down)
        #expect(await remote.frame { $0.contains("▸ E3") } != nil)
        remote.type("l")
        #expect(await remote.frame { $0.contains("Learning card · E3") } != nil)
        remote.type(.right, .right, .down, .down)
        remote.type("Nobody booked")
        remote.type(.save)
        let refused = await remote.frame { $0.contains("missing: what was learned") }
        #expect(refused?.contains("Nobody booked") == true, "the form comes back with what was typed")
        #expect(refused?.contains("◀ unclear ▶") == true)
        remote.type(.down)
        remote.type("A calendar alone changes nothing")
        remote.type(.down, .right, .right, .save)
        #expect(await remote.frame { $0.contains("E3 learned on 2026-04-20: unclear; therefore we will stop.") } != nil)
        let learned = try #require(engine.portfolio().experiments.first { $0.id == ExperimentID(3) }?.learning)
        #expect(learned == LearningCard(outcome: .unclear, believed: "Rooms stand empty because nobody knows they are free",
                                        observed: "Nobody booked", learned: "A calendar alone changes nothing", decision: .stop,
                                        date: FollowupFixtures.today))
        #expect(await remote.frame { $0.contains("Learned (2)") && $0.contains("▸ E3") } != nil, "the cursor follows the item to its new section")
        remote.type(.enter)
        #expect(await remote.frame { $0.contains("Learning card") && $0.contains("▼ PgDn") } != nil)
        remote.type(.pageDown)
        #expect(await remote.frame { $0.contains("History") && $0.contains("learned: unclear; therefore we will stop") } != nil,
                "an opened item shows its history, read when it is opened; PgDn scrolls to it at 80×24")
        remote.type(.escape)

        remote.type("u")
        #expect(await remote.frame { $0.contains("Undone: E3 running again.") } != nil)
        let history = engine.portfolio().history.filter { $0.subject == .experiment(ExperimentID(3)) }.map(\.change)
        #expect(history.suffix(2) == [.learned(.unclear, .stop), .undone(.learned(.unclear, .stop))], "the undo is a change of its own")
        remote.type("u")
        #expect(await remote.frame { $0.contains("Nothing to undo.") } != nil)
        remote.resize(width: 120, height: 36)
        #expect(await remote.frame { $0.width == 120 } != nil)
        remote.type("q")
        await loop.value
        #expect(remote.isStopped)
    }

    @Test("ideate join sends a fresh receipt with each idea and, once the workshop ends with an idea box, carries its saved ideas there")
    func followsIdeasToTheBox() async throws {
        let link = FakeLink()
        let terminal = ScriptedTerminal()
        let remote = terminal.remote
        let (ticks, _) = AsyncStream.makeStream(of: Void.self)
        let drawn = Locked(0)
        let carried = Locked<[(IdeaBoxAddress, [OwnershipProof], [String])]>([])
        let follows = ParticipantApp.FollowsIdeas(
            newReceipt: { OwnershipProof(hex: String(repeating: String(drawn.withLock { $0 += 1; return $0 }), count: 64))! },
            carry: { address, ideas in carried.withLock { $0.append((address, ideas.map(\.receipt), ideas.map(\.text))) } })
        let app = ParticipantApp(terminal: terminal, clock: TestClock(), link: link, follows: follows)
        let loop = Task { await app.run(ticks: ticks) }
        link.say(.connected(language: nil))
        link.say(.view(ParticipantScreenTests.view(stage: .phase(.ideate))))
        #expect(await remote.frame { $0.contains("Your idea:") } != nil)
        for text in ["Label the shelves", "Tape guns"] {
            remote.type(text)
            remote.type(.enter)
        }
        #expect(await remote.frame { $0.contains("Tape guns") && $0.contains("sending") } != nil)
        let sent = link.sent
        let receipts = sent.compactMap { if case let .submit(_, _, receipt) = $0.request { receipt } else { nil } }
        #expect(receipts == [OwnershipProof(hex: String(repeating: "1", count: 64))!, OwnershipProof(hex: String(repeating: "2", count: 64))!],
                "a fresh receipt with each idea")
        link.say(.reply(Reply(id: sent[0].id, outcome: .saved(idea: "a1", late: false))))
        var finished = ParticipantScreenTests.view(stage: .finished, remaining: nil)
        finished.ideaBox = "http://ideas.example.lan:7423/"
        link.say(.view(finished))
        #expect(await remote.frame { $0.contains("ideate join http://ideas.example.lan:7423/") } != nil)
        let once = carried.withLock { $0 }
        #expect(once.count == 1 && once.first?.0 == IdeaBoxAddress("http://ideas.example.lan:7423/"))
        #expect(once.first?.1 == [receipts[0]] && once.first?.2 == ["Label the shelves"], "only the saved idea, with its own receipt")
        loop.cancel()
        await loop.value
    }

    @Test("The participant screen asks for the code, keeps what was typed after a wrong one, and joins with the right one")
    func participantCodePrompt() async throws {
        let link = FakeLink()
        let terminal = ScriptedTerminal()
        let remote = terminal.remote
        let (ticks, _) = AsyncStream.makeStream(of: Void.self)
        let app = ParticipantApp(terminal: terminal, clock: TestClock(), link: link, askForCode: .some(nil))
        let loop = Task { await app.run(ticks: ticks) }

        #expect(await remote.frame { $0.contains("Join code") } != nil)
        remote.type("ab1")
        remote.type(.enter)
        #expect(await remote.frame { $0.contains("4 to 12 letters or digits") } != nil, "too short: said at once, nothing sent")
        #expect(link.joins.isEmpty)

        remote.type("x")
        remote.type(.enter)
        #expect(await link.waitForJoin() == "AB1X")
        link.say(.problem(WireError(.wrongCode, "wrong code — check the shared screen")))
        let wrong = await remote.frame { $0.contains("Wrong code") }
        #expect(wrong?.contains("AB1X") == true, "what was typed stays, to be corrected")
        #expect(wrong.map { Self.role(of: "Wrong code", in: $0) } == .warning)

        remote.type(.backspace)
        remote.type("2")
        remote.type(.enter)
        #expect(await link.waitForJoin() == "AB12")
        link.say(.connected(language: nil))
        #expect(await remote.frame { $0.contains("joining") && !$0.contains("Join code") } != nil)
        remote.type(.interrupt)
        await loop.value
    }

    @Test("Events waiting for a slow screen are bounded; queued views merge and keep the wall a newer one left out")
    func eventInboxBounds() {
        let inbox = FrontEndLoop.Inbox<ClientEvent> { ParticipantApp.enqueue($0, into: &$1) }
        for number in 0..<(FrontEndLoop.eventLimit * 3) {
            inbox.post(.reply(Reply(id: "r\(number)", outcome: .saved(idea: nil, late: false))))
        }
        let answers = inbox.takeEvents()
        #expect(answers.count == FrontEndLoop.eventLimit)
        #expect(answers.last == .reply(Reply(id: "r\(FrontEndLoop.eventLimit * 3 - 1)", outcome: .saved(idea: nil, late: false))))

        var withWall = ParticipantView(title: "T", stage: .phase(.vote), round: 1, rounds: 1, prompt: "?", remainingMilliseconds: 9_000,
                                       paused: false, locked: false, votesPerPerson: 3, maxVotesPerIdea: 2)
        withWall.wall = [SharedIdea(id: "i1", text: "Shorter stand-ups")]
        var newer = withWall
        newer.wall = nil
        newer.wallUnchanged = true
        newer.remainingMilliseconds = 8_000
        for _ in 0..<5_000 { inbox.post(.view(withWall)) }
        inbox.post(.view(newer))
        let views = inbox.takeEvents()
        #expect(views.count == 1)
        guard case let .view(merged) = views.first else { Issue.record("no view"); return }
        #expect(merged.remainingMilliseconds == 8_000)
        #expect(merged.wall == withWall.wall, "the newer view said the wall was unchanged: the queued one's wall stays")
    }

    @Test("An engine's change stream wakes each subscriber once for many changes and forgets those that stop listening")
    func changeSignalCoalescesAndForgets() async {
        let signal = ChangeSignal()
        var listener: AsyncStream<Void>? = signal.subscribe()
        #expect(signal.subscriberCount == 1)
        for _ in 0..<1_000 { signal.signal() }
        var iterator = listener!.makeAsyncIterator()
        #expect(await iterator.next() != nil)
        let counter = Task { () -> Int in
            var count = 0
            for await _ in signal.subscribe() { count += 1 }
            return count
        }
        while signal.subscriberCount < 2 { await Task.yield() }
        counter.cancel()
        _ = await counter.value
        listener = nil
        _ = iterator
        #expect(signal.subscriberCount == 1, "the cancelled listener is dropped, the other kept")
    }

    /// The role of the first cell of `text` in `grid`.
    static func role(of text: String, in grid: CellGrid) -> StyleRole? {
        for y in 0..<grid.height {
            let line = (0..<grid.width).map { grid[$0, y].text }.joined()
            if let range = line.range(of: text) {
                return grid[line.distance(from: line.startIndex, to: range.lowerBound), y].role
            }
        }
        return nil
    }
}

/// A link that records the codes the screen joins with and says what the test tells it to.
final class FakeLink: ParticipantLink {
    let events: AsyncStream<ClientEvent>
    let canConnectAgain = true
    private let continuation: AsyncStream<ClientEvent>.Continuation
    private let recordedJoins = Locked<[String]>([])
    private let recordedRequests = Locked<[(request: ParticipantRequest, id: String)]>([])
    private let joined: AsyncStream<String>
    private let joinContinuation: AsyncStream<String>.Continuation

    init() {
        (events, continuation) = AsyncStream.makeStream()
        (joined, joinContinuation) = AsyncStream.makeStream()
    }

    var joins: [String] { recordedJoins.withLock { $0 } }

    func send(_ request: ParticipantRequest, id: String) async { recordedRequests.withLock { $0.append((request, id)) } }

    var sent: [(request: ParticipantRequest, id: String)] { recordedRequests.withLock { $0 } }

    func join(code: String) async {
        recordedJoins.withLock { $0.append(code) }
        joinContinuation.yield(code)
    }

    func say(_ event: ClientEvent) { continuation.yield(event) }

    func waitForJoin() async -> String? {
        var iterator = joined.makeAsyncIterator()
        return await iterator.next()
    }
}
