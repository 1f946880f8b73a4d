import IdeateCore
import IdeateTestSupport
import Testing

/// DESIGN.md's phase table, rule by rule, with a fake clock.
@Suite("Phase rules", .offThePool, .timeLimit(.minutes(2)))
struct PhaseRulesTests {
    @Test("Ideas are refused in the lobby and accepted once ideation starts")
    func ideasOpenWithTheRound() throws {
        var session = TestSession()
        let (alice) = try session.join(1)[0]
        #expect(session.refusal { try $0.participant(alice, .submitIdea(text: "Early")) }?.reason == .notNow)
        try session.facilitator(.advance)
        let id = try session.submit("Shorter meetings", by: alice)
        #expect(session.state.ideas[id]?.text == "Shorter meetings")
        #expect(session.state.ideas[id]?.isLate == false)
    }

    @Test("Participants must join before they send anything")
    func joinFirst() throws {
        var session = TestSession()
        try session.facilitator(.advance)
        let stranger = ParticipantToken("stranger")
        #expect(session.refusal { try $0.participant(stranger, .submitIdea(text: "Hi")) }?.reason == .notJoined)
    }

    @Test("While ideas flow nothing judgemental is accepted: no vote, no grouping, no review")
    func deferredCriticism() throws {
        var session = TestSession()
        let tokens = try session.join(2)
        try session.facilitator(.advance)
        let id = try session.submit("Idea", by: tokens[0])
        #expect(session.refusal { try $0.participant(tokens[1], .castVote(id)) }?.reason == .notNow)
        #expect(session.refusal { try $0.facilitator(.cluster(id, name: "X")) }?.reason == .notNow)
        #expect(session.refusal { try $0.facilitator(.park(id)) }?.reason == .notNow)
        #expect(session.refusal { try $0.facilitator(.merge(id, into: id)) }?.reason == .notNow)
        #expect(session.refusal { try $0.facilitator(.recordReview(id, IdeaReview(benefits: "good"))) }?.reason == .notNow)
        #expect(session.refusal {
            try $0.facilitator(.addActionItem(idea: id, what: "Do it", owner: "Me", due: "Friday"))
        }?.reason == .notNow)
        try session.advance(to: .build)
        #expect(session.refusal { try $0.participant(tokens[1], .castVote(id)) }?.reason == .notNow)
    }

    @Test("Action items are agreed once the vote has closed (on the results, in review, after the end), never while it is open")
    func actionItemsAfterTheVote() throws {
        var (session, _, ideas) = try TestSession.voting()
        let item = FacilitatorCommand.addActionItem(idea: ideas[1], what: "Ask finance", owner: "Ana", due: "2026-12-01")
        #expect(session.refusal { try $0.facilitator(item) }?.reason == .notNow, "not while dots are being placed")
        try session.facilitator(.lockPhase)
        try session.facilitator(item)
        #expect(session.state.actionItems.map(\.what) == ["Ask finance"])
        #expect(session.state.actionItems.first?.round == session.state.ideas[ideas[1]]?.round)
        try session.advance(to: .review)
        try session.facilitator(.addActionItem(idea: nil, what: "Book the room", owner: "Ben", due: "fri"))
        #expect(session.state.actionItems.count == 2)
    }

    @Test("Empty and over-long ideas get a clear refusal; text is trimmed")
    func ideaText() throws {
        var session = TestSession()
        let token = try session.join(1)[0]
        try session.facilitator(.advance)
        #expect(session.refusal { try $0.participant(token, .submitIdea(text: "  \n ")) }?.reason == .invalidText)
        let long = String(repeating: "a", count: IdeaText.maximumLength + 1)
        let refusal = session.refusal { try $0.participant(token, .submitIdea(text: long)) }
        #expect(refusal?.message == "Idea: at most 500 characters; this has 501.")
        let id = try session.submit("  padded  ", by: token)
        #expect(session.state.ideas[id]?.text == "padded")
    }

    @Test("Only the author can edit or withdraw, and only while the round is open")
    func editAndWithdraw() throws {
        var session = TestSession()
        let tokens = try session.join(2)
        try session.facilitator(.advance)
        let id = try session.submit("Draft", by: tokens[0])
        #expect(session.refusal { try $0.participant(tokens[1], .editIdea(id, text: "Mine now")) }?.reason == .notYours)
        try session.participant(tokens[0], .editIdea(id, text: "Final"))
        #expect(session.state.ideas[id]?.text == "Final")
        let other = try session.submit("Second thought", by: tokens[0])
        try session.participant(tokens[0], .withdrawIdea(other))
        #expect(session.state.ideas[other]?.isWithdrawn == true)
        #expect(!session.state.wallIdeas(round: 0).map(\.id).contains(other))
        try session.advance(to: .group)
        #expect(session.refusal { try $0.participant(tokens[0], .editIdea(id, text: "Too late")) }?.reason == .roundClosed)
    }

    @Test("Build hands out other people's ideas only")
    func buildOnOthers() throws {
        var session = TestSession()
        let tokens = try session.join(2)
        try session.facilitator(.advance)
        let mine = try session.submit("Mine", by: tokens[0])
        let theirs = try session.submit("Theirs", by: tokens[1])
        #expect(session.refusal { try $0.participant(tokens[0], .submitIdea(text: "and", extending: theirs)) }?.reason == .notNow)
        try session.advance(to: .build)
        #expect(session.refusal { try $0.participant(tokens[0], .submitIdea(text: "Yes, and", extending: mine)) }?.reason == .notYours)
        let addition = try session.submit("Yes, and more", by: tokens[0], extending: theirs)
        #expect(session.state.ideas[addition]?.extends == theirs)
    }

    @Test("A submission after the deadline is kept as late, with no tick in between")
    func lateIdeas() throws {
        var session = TestSession()
        let token = try session.join(1)[0]
        try session.facilitator(.advance)
        session.wait(seconds: 301)
        let id = try session.submit("Just in time?", by: token)
        #expect(session.state.isLocked)
        #expect(session.state.ideas[id]?.isLate == true)
        #expect(session.log.contains(.phaseLocked(at: session.now.advanced(bySeconds: -1))))
    }

    @Test("Ideas sent during group, vote or review are kept as late ideas")
    func lateInLaterPhases() throws {
        var session = TestSession()
        let token = try session.join(1)[0]
        try session.advance(to: .group)
        let id = try session.submit("Forgot this one", by: token)
        #expect(session.state.ideas[id]?.isLate == true)
    }

    @Test("Timer: pause keeps the remaining time, resume continues, extend adds")
    func timerControls() throws {
        var session = TestSession()
        try session.facilitator(.advance)
        session.wait(seconds: 100)
        try session.facilitator(.pauseTimer)
        session.wait(seconds: 1000)
        #expect(session.state.timer?.remainingMilliseconds(at: session.now) == 200_000)
        #expect(session.state.isLocked == false)
        #expect(session.refusal { try $0.facilitator(.pauseTimer) }?.reason == .notNow)
        try session.facilitator(.resumeTimer)
        session.wait(seconds: 50)
        #expect(session.state.timer?.remainingMilliseconds(at: session.now) == 150_000)
        try session.facilitator(.extendTimer(seconds: 60))
        #expect(session.state.timer?.remainingMilliseconds(at: session.now) == 210_000)
        #expect(session.state.timer?.totalSeconds == 360)
    }

    @Test("An expired idea phase can be reopened by extending; a closed vote cannot")
    func reopen() throws {
        var session = TestSession()
        try session.facilitator(.advance)
        session.wait(seconds: 400)
        try session.run(.tick)
        #expect(session.state.isLocked)
        try session.facilitator(.extendTimer(seconds: 60))
        #expect(!session.state.isLocked)
        try session.advance(to: .vote)
        try session.facilitator(.lockPhase)
        #expect(session.refusal { try $0.facilitator(.extendTimer(seconds: 60)) }?.reason == .roundClosed)
    }

    @Test("The session walks through every phase and finishes after the last")
    func phaseOrder() throws {
        var session = TestSession()
        var seen: [PhaseKind] = []
        while session.state.stage != .finished {
            try session.facilitator(.advance)
            if let phase = session.state.currentPhase { seen.append(phase) }
        }
        #expect(seen == [.ideate, .build, .group, .vote, .review])
        #expect(session.refusal { try $0.facilitator(.advance) }?.reason == .finished)
        #expect(session.refusal { try $0.participant(ParticipantToken("x"), .join) }?.reason == .finished)
    }
}
