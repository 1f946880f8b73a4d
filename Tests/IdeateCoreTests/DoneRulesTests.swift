import IdeateCore
import IdeateTestSupport
import Testing

@Suite("\"I'm done\"", .offThePool, .timeLimit(.minutes(2)))
struct DoneRulesTests {
    @Test("Participants say they are done and take it back; the room reads a count, each their own answer")
    func countNotWho() throws {
        var session = TestSession()
        let tokens = try session.join(4)
        try session.facilitator(.advance)
        try session.participant(tokens[0], .sayDone)
        try session.participant(tokens[2], .sayDone)
        #expect(session.state.doneCount == 2)
        #expect(tokens.map(session.state.isDone) == [true, false, true, false])
        // Saying it twice changes nothing; taking back what was never said neither.
        #expect(try session.participant(tokens[0], .sayDone).isEmpty)
        #expect(try session.participant(tokens[1], .takeBackDone).isEmpty)
        try session.participant(tokens[2], .takeBackDone)
        #expect(session.state.doneCount == 1)
        #expect(!session.state.isDone(tokens[2]))
    }

    @Test("Every phase starts with nobody done: build forgets ideate's answers")
    func resetPerPhase() throws {
        var session = TestSession()
        let tokens = try session.join(3)
        try session.facilitator(.advance)
        for token in tokens { try session.participant(token, .sayDone) }
        #expect(session.state.doneCount == 3)
        try session.advance(to: .build)
        #expect(session.state.doneCount == 0)
        #expect(!session.state.isDone(tokens[0]))
        try session.participant(tokens[1], .sayDone)
        #expect(session.state.doneCount == 1)
        // A replay gives the same count: it is events, not memory.
        #expect(SessionState(plan: session.state.plan, replaying: session.log).doneCount == 1)
        try session.advance(to: .group)
        #expect(session.state.doneCount == 0)
    }

    @Test("Only while ideas flow and the phase is open")
    func onlyWhileIdeasFlow() throws {
        var session = TestSession()
        let tokens = try session.join(3)
        #expect(session.refusal { try $0.participant(tokens[0], .sayDone) }?.reason == .notNow)
        try session.facilitator(.advance)
        session.wait(seconds: 301)
        #expect(session.refusal { try $0.participant(tokens[0], .sayDone) }?.reason == .roundClosed)
        try session.facilitator(.advance)
        try session.participant(tokens[0], .sayDone)
        try session.advance(to: .vote)
        #expect(session.refusal { try $0.participant(tokens[0], .takeBackDone) }?.reason == .notNow)
        #expect(session.refusal { try $0.participant(ParticipantToken("stranger"), .sayDone) }?.reason == .notJoined)
    }

    @Test("A resent \"done\" after it was taken back is not applied again")
    func resendIsIdempotent() throws {
        var session = TestSession()
        let tokens = try session.join(3)
        try session.facilitator(.advance)
        try session.participant(tokens[0], .sayDone, request: "d1")
        try session.participant(tokens[0], .takeBackDone, request: "d2")
        #expect(try session.participant(tokens[0], .sayDone, request: "d1").isEmpty)
        #expect(session.state.doneCount == 0)
    }

    @Test("The events say nothing but a pseudonym: no idea, no time")
    func eventsCarryNoIdea() throws {
        var session = TestSession()
        let tokens = try session.join(3)
        try session.facilitator(.advance)
        let events = try session.participant(tokens[0], .sayDone)
        #expect(events == [.doneSaid(tokens[0].pseudonym)])
    }
}
