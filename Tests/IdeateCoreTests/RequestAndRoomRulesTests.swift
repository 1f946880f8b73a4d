import IdeateCore
import IdeateTestSupport
import Testing

@Suite("Requests, the room and round capacity", .offThePool, .timeLimit(.minutes(2)))
struct RequestAndRoomRulesTests {
    @Test("A vote, unvote or move sent again with its request id is done once, and answered as done")
    func resentVotesCountOnce() throws {
        var (session, tokens, ideas) = try TestSession.voting()
        let alice = tokens[0]
        #expect(try session.participant(alice, .castVote(ideas[0]), request: "v1").count == 2)
        #expect(try session.participant(alice, .castVote(ideas[0]), request: "v1").isEmpty)
        #expect(session.state.ballot(of: alice) == [ideas[0]: 1])
        try session.participant(alice, .moveVote(from: ideas[0], to: ideas[1]), request: "m1")
        // The move succeeded; sent again it is not refused ("You have no dot…"), nor done twice.
        #expect(try session.participant(alice, .moveVote(from: ideas[0], to: ideas[1]), request: "m1").isEmpty)
        #expect(session.state.ballot(of: alice) == [ideas[1]: 1])
        try session.participant(alice, .retractVote(ideas[1]), request: "u1")
        #expect(try session.participant(alice, .retractVote(ideas[1]), request: "u1").isEmpty)
        #expect(session.state.hasCompleted(request: "u1", by: alice))
        // Another participant's identical request id is theirs alone.
        #expect(!session.state.hasCompleted(request: "v1", by: tokens[1]))
        try session.participant(tokens[1], .castVote(ideas[0]), request: "v1")
        // The record survives replay: a resend after a restart is still recognised.
        let replayed = SessionState(plan: session.state.plan, replaying: session.log)
        #expect(replayed.hasCompleted(request: "m1", by: alice))
        #expect(replayed == session.state)
    }

    @Test("A resent request is answered as done even after the workshop ended")
    func resentAfterTheEnd() throws {
        var (session, tokens, ideas) = try TestSession.voting()
        try session.participant(tokens[0], .castVote(ideas[0]), request: "v1")
        while session.state.stage != .finished { try session.facilitator(.advance) }
        #expect(try session.participant(tokens[0], .castVote(ideas[0]), request: "v1").isEmpty)
        #expect(session.refusal { try $0.participant(tokens[0], .castVote(ideas[0]), request: "v2") }?.reason == .finished)
    }

    @Test("Edits and withdrawals sent again are done once")
    func resentEdits() throws {
        var session = TestSession()
        let tokens = try session.join(3)
        try session.facilitator(.advance)
        let id = try session.submit("First draft", by: tokens[0])
        #expect(try session.participant(tokens[0], .editIdea(id, text: "Second"), request: "e1").count == 2)
        try session.participant(tokens[0], .editIdea(id, text: "Third"), request: "e2")
        #expect(try session.participant(tokens[0], .editIdea(id, text: "Second"), request: "e1").isEmpty)
        #expect(session.state.ideas[id]?.text == "Third")
        try session.participant(tokens[0], .withdrawIdea(id), request: "w1")
        #expect(try session.participant(tokens[0], .withdrawIdea(id), request: "w1").isEmpty)
    }

    @Test("A locked room lets known participants back and nobody new; the plan's cap holds")
    func roomLock() throws {
        var session = TestSession(plan: { var plan = TestSession.plan(); plan.maxParticipants = 4; return plan }())
        let tokens = try session.join(3)
        try session.facilitator(.lockRoom)
        #expect(session.state.isRoomLocked)
        #expect(session.refusal { try $0.participant(ParticipantToken("newcomer"), .join) }?.reason == .roomLocked)
        #expect(try session.participant(tokens[1], .join).isEmpty)
        #expect(session.refusal { try $0.facilitator(.lockRoom) }?.reason == .notNow)
        try session.facilitator(.unlockRoom)
        try session.participant(ParticipantToken("fourth"), .join)
        let full = session.refusal { try $0.participant(ParticipantToken("fifth"), .join) }
        #expect(full?.reason == .roomFull)
        #expect(full?.message == "The workshop is full: 4 participants have joined.")
        #expect(SessionState(plan: session.state.plan, replaying: session.log) == session.state)
    }

    @Test("An idea that arrives during the vote is kept as late and never joins the ballot")
    func lateIdeaStaysOffTheBallot() throws {
        for reveal in AnonymitySettings.Reveal.allCases {
            var session = TestSession(plan: TestSession.plan(reveal: reveal))
            let tokens = try session.join(3)
            try session.facilitator(.advance)
            _ = try ["One", "Two", "Three"].enumerated().map { try session.submit($1, by: tokens[$0]) }
            try session.advance(to: .vote)
            let late = try session.submit("Too late", by: tokens[0])
            session.wait(seconds: 30)
            try session.run(.tick)
            #expect(session.state.ideas[late]?.isLate == true)
            #expect(!session.state.wallIdeaIDs(round: 0).contains(late), "\(reveal)")
            #expect(session.refusal { try $0.participant(tokens[1], .castVote(late)) }?.reason == .unknownIdea)
            try session.advance(to: .review)
            #expect(!session.state.wallIdeaIDs(round: 0).contains(late))
            let minutes = MinutesReport(state: session.state)
            #expect(minutes.rounds[0].ideas.contains { $0.id == late.rawValue && $0.late && $0.status == "late" })
        }
    }

    @Test("Immediate reveal stores no time with an idea")
    func immediateRevealHasNoTime() throws {
        var session = TestSession(plan: TestSession.plan(reveal: .immediate))
        let tokens = try session.join(3)
        try session.facilitator(.advance)
        _ = try session.submit("One", by: tokens[0])
        session.wait(seconds: 7)
        _ = try session.submit("Two", by: tokens[1])
        let reveals = session.log.compactMap { event -> Instant?? in
            if case let .ideasRevealed(_, at) = event { return at }
            return nil
        }
        #expect(reveals.count == 2)
        #expect(reveals.allSatisfy { $0 == nil })
    }

    @Test("One letter with thousands of combining marks is refused by weight, with the reason")
    func heavyCharacter() throws {
        var session = TestSession()
        let tokens = try session.join(3)
        try session.facilitator(.advance)
        let heavy = "a" + String(repeating: "\u{301}", count: 8_000)
        #expect(heavy.count == 1)
        let refusal = session.refusal { try $0.participant(tokens[0], .submitIdea(text: heavy)) }
        #expect(refusal?.reason == .invalidText)
        #expect(refusal?.message.contains("at most 2,000 bytes") == true)
        let emoji = String(repeating: "🙂", count: IdeaText.maximumLength)
        #expect(session.refusal { try $0.participant(tokens[0], .submitIdea(text: emoji)) } == nil)
    }

    @Test("A round refuses ideas past its capacity in ideas and in text, so every view stays bounded")
    func roundCapacity() throws {
        var session = TestSession()
        let tokens = try session.join(3)
        try session.facilitator(.advance)
        let heavy = String(repeating: "\u{1}", count: 400)
        var accepted = 0
        var refusal: Refusal?
        while refusal == nil {
            refusal = session.refusal { try $0.participant(tokens[accepted % 3], .submitIdea(text: "\(accepted)" + heavy)) }
            if refusal == nil { accepted += 1 }
        }
        #expect(refusal?.reason == .roundFull)
        // Each idea weighs about 2.4 KB as JSON (a control character is six bytes escaped).
        #expect(accepted * 2_400 <= RoundCapacity.maximumTextBytes)
        #expect(accepted * 2_420 > RoundCapacity.maximumTextBytes - 2_420)
        var light = TestSession()
        let people = try light.join(3)
        try light.facilitator(.advance)
        for index in 0..<RoundCapacity.maximumIdeas { _ = try light.submit("i\(index)", by: people[index % 3]) }
        #expect(light.refusal { try $0.participant(people[0], .submitIdea(text: "one more")) }?.reason == .roundFull)
        #expect(light.refusal { try $0.facilitator(.addIdea(text: "one more")) }?.reason == .roundFull)
    }
}
