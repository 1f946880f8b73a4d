import IdeateCore
import IdeateTestSupport
import Testing

@Suite("Dot voting", .offThePool, .timeLimit(.minutes(2)))
struct VotingRulesTests {
    @Test("A budget of dots, at most N per idea, and nothing beyond")
    func budget() throws {
        var (session, tokens, ideas) = try TestSession.voting()
        try session.participant(tokens[0], .castVote(ideas[0]))
        try session.participant(tokens[0], .castVote(ideas[0]))
        #expect(session.refusal { try $0.participant(tokens[0], .castVote(ideas[0])) }?.message
            == "At most 2 dots can go on one idea.")
        try session.participant(tokens[0], .castVote(ideas[1]))
        #expect(session.refusal { try $0.participant(tokens[0], .castVote(ideas[2])) }?.reason == .budget)
        #expect(session.state.dotsLeft(for: tokens[0]) == 0)
        try session.participant(tokens[0], .moveVote(from: ideas[0], to: ideas[2]))
        #expect(session.state.ballot(of: tokens[0]) == [ideas[0]: 1, ideas[1]: 1, ideas[2]: 1])
        try session.participant(tokens[0], .retractVote(ideas[1]))
        #expect(session.state.dotsLeft(for: tokens[0]) == 1)
        #expect(session.refusal { try $0.participant(tokens[0], .retractVote(ideas[1])) }?.reason == .unknownIdea)
    }

    @Test("Tallies stay hidden until the vote closes, then rank the ideas")
    func hiddenTallies() throws {
        var (session, tokens, ideas) = try TestSession.voting()
        try session.participant(tokens[0], .castVote(ideas[2]))
        try session.participant(tokens[1], .castVote(ideas[2]))
        try session.participant(tokens[2], .castVote(ideas[1]))
        #expect(session.state.results(round: 0) == nil)
        #expect(session.state.totalVotes(round: 0) == nil)
        #expect(session.state.voterCount(round: 0) == 3)
        session.wait(seconds: 121)
        try session.run(.tick)
        let results = try #require(session.state.results(round: 0))
        #expect(results.map(\.idea.id) .prefix(2) == [ideas[2], ideas[1]])
        #expect(results.map(\.votes) == [2, 1, 0])
        #expect(session.state.shortlist(round: 0).map(\.idea.id) == [ideas[2], ideas[1]])
        #expect(session.refusal { try $0.participant(tokens[0], .castVote(ideas[0])) }?.reason == .roundClosed)
    }

    @Test("Hidden, parked and merged ideas are off the ballot; merged texts are kept beside the survivor")
    func mergedVotesCount() throws {
        var session = TestSession()
        let tokens = try session.join(3)
        try session.facilitator(.advance)
        let a = try session.submit("Shared inbox", by: tokens[0])
        let b = try session.submit("A shared inbox", by: tokens[1])
        let c = try session.submit("Coffee machine", by: tokens[2])
        try session.advance(to: .group)
        try session.facilitator(.merge(b, into: a))
        try session.facilitator(.park(c))
        try session.advance(to: .vote)
        #expect(session.refusal { try $0.participant(tokens[0], .castVote(b)) }?.reason == .unknownIdea)
        #expect(session.refusal { try $0.participant(tokens[0], .castVote(c)) }?.reason == .unknownIdea)
        try session.participant(tokens[0], .castVote(a))
        try session.facilitator(.lockPhase)
        #expect(session.state.results(round: 0)?.map(\.idea.id) == [a])
        #expect(session.state.ideasMerged(into: a).map(\.text) == ["A shared inbox"])
    }
}
