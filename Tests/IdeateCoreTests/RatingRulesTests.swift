import IdeateCore
import IdeateTestSupport
import Testing

@Suite("Impact and effort", .offThePool, .timeLimit(.minutes(2)))
struct RatingRulesTests {
    /// A session in `rate` with four participants and a shortlist of two ("One" with two dots,
    /// "Two" with one; "Three" had none).
    static func rating() throws -> (TestSession, [ParticipantToken], [IdeaID]) {
        var session = TestSession(plan: TestSession.plan(phases: [
            PhasePlan(kind: .ideate, seconds: 300), PhasePlan(kind: .vote, seconds: 120), PhasePlan(kind: .rate, seconds: 120),
            PhasePlan(kind: .review, seconds: nil),
        ]))
        let tokens = try session.join(4)
        try session.facilitator(.advance)
        let ideas = try ["One", "Two", "Three"].enumerated().map { try session.submit($1, by: tokens[$0]) }
        session.wait(seconds: 30)
        try session.run(.tick)
        try session.advance(to: .vote)
        try session.participant(tokens[0], .castVote(ideas[0]))
        try session.participant(tokens[1], .castVote(ideas[0]))
        try session.participant(tokens[2], .castVote(ideas[1]))
        try session.advance(to: .rate)
        return (session, tokens, ideas)
    }

    @Test("Each rates each shortlisted idea 1–5 on both axes, may change it, and nothing else; the figures stay hidden until the phase closes")
    func hiddenUntilClose() throws {
        var (session, tokens, ideas) = try Self.rating()
        try session.participant(tokens[0], .rate(ideas[0], impact: 5, effort: 1))
        try session.participant(tokens[0], .rate(ideas[0], impact: 4, effort: 2))
        try session.participant(tokens[1], .rate(ideas[0], impact: 4, effort: 5))
        try session.participant(tokens[2], .rate(ideas[0], impact: 3, effort: 1))
        try session.participant(tokens[1], .rate(ideas[1], impact: 2, effort: 2))
        #expect(session.state.ratingResults(round: 0) == nil, "hidden while people rate")
        #expect(session.state.raterCount(round: 0) == 3)
        #expect(session.state.ratings(of: tokens[0]) == [ideas[0]: Rating(impact: 4, effort: 2)], "one's own, as last given")
        #expect(session.refusal { try $0.participant(tokens[0], .rate(ideas[2], impact: 3, effort: 3)) }?.reason == .unknownIdea)
        #expect(session.refusal { try $0.participant(tokens[0], .rate(ideas[0], impact: 6, effort: 3)) }?.message
            == "Impact and effort are each rated from 1 to 5.")
        #expect(try session.participant(tokens[0], .rate(ideas[0], impact: 4, effort: 2)).isEmpty, "the same rating again changes nothing")
        try session.facilitator(.lockPhase)
        #expect(session.refusal { try $0.participant(tokens[3], .rate(ideas[0], impact: 1, effort: 1)) }?.reason == .roundClosed)
        let results = try #require(session.state.ratingResults(round: 0))
        #expect(results.map(\.idea.id) == [ideas[0], ideas[1]], "shortlist order")
        #expect(results[0].raters == 3 && results[0].impact.median == 4 && results[0].effort.median == 2)
        #expect(results[0].impact.spread == 1 && results[0].effort.spread == 4)
        #expect(results[0].isDisputed && !results[1].isDisputed, "1 against 5 on effort: the room disagrees")
        #expect(results[1].raters == 1 && results[1].impact.median == 2)
    }

    @Test("Medians of an even count are halves; a replay gives the same figures")
    func medians() throws {
        var (session, tokens, ideas) = try Self.rating()
        for (token, impact) in zip(tokens, [1, 2, 4, 5]) { try session.participant(token, .rate(ideas[0], impact: impact, effort: 3)) }
        try session.advance(to: .review)
        let results = try #require(session.state.ratingResults(round: 0))
        #expect(results[0].impact.median == 3 && results[0].effort.median == 3 && results[0].impact.spread == 4)
        #expect(SessionState(plan: session.state.plan, replaying: session.log).ratingResults(round: 0) == results)
    }

    @Test("A rating resent with the same request id after being changed is not applied again")
    func resend() throws {
        var (session, tokens, ideas) = try Self.rating()
        try session.participant(tokens[0], .rate(ideas[0], impact: 5, effort: 5), request: "r1")
        try session.participant(tokens[0], .rate(ideas[0], impact: 1, effort: 1), request: "r2")
        #expect(try session.participant(tokens[0], .rate(ideas[0], impact: 5, effort: 5), request: "r1").isEmpty)
        #expect(session.state.ratings(of: tokens[0])[ideas[0]] == Rating(impact: 1, effort: 1))
    }

    @Test("Only in rate; a plan with rate needs a vote")
    func onlyInRate() throws {
        var (session, tokens, ideas) = try Self.rating()
        try session.advance(to: .review)
        #expect(session.refusal { try $0.participant(tokens[0], .rate(ideas[0], impact: 3, effort: 3)) }?.reason == .notNow)
        let yaml = "title: T\ngoal: G\nrounds:\n  - prompt: P\n    phases:\n      ideate: 1m\n      rate: 1m\n"
        guard case let .failure(problems) = PlanParser.parse(yaml) else {
            Issue.record("a plan with rate and no vote was accepted")
            return
        }
        #expect(problems.all.contains { $0.message.contains("a round with `rate` needs a `vote` phase") }, "\(problems)")
    }
}

@Suite("Impact and effort in the minutes", .offThePool, .timeLimit(.minutes(2)))
struct RatingMinutesTests {
    @Test("The minutes carry a table of medians and spreads, the disputed flagged, and the 2×2 as text (English and Spanish golden files)")
    func golden() throws {
        var (session, tokens, ideas) = try RatingRulesTests.rating()
        for (token, figures) in zip(tokens, [(5, 1), (4, 2), (4, 5), (5, 1)]) {
            try session.participant(token, .rate(ideas[0], impact: figures.0, effort: figures.1))
        }
        try session.participant(tokens[0], .rate(ideas[1], impact: 2, effort: 4))
        try session.participant(tokens[1], .rate(ideas[1], impact: 3, effort: 4))
        try session.advance(to: .review)
        try session.facilitator(.advance)
        let report = MinutesReport(state: session.state)
        #expect(report.rounds[0].ratings.map(\.raters) == [4, 2])
        let english = MarkdownMinutes(timeZone: ExportGoldenTests.zone).render(report)
        #expect(english.contains("| 1 | One | 4.5 (spread 1) | 1.5 (spread 4) | 4 | ⚑ the room disagrees |"), "\(english)")
        try ExportGoldenTests.expectGolden(english, named: "rated-minutes.md")
        try ExportGoldenTests.expectGolden(MarkdownMinutes(timeZone: ExportGoldenTests.zone, localizer: Localizer(Language(code: "es"))).render(report),
                                           named: "rated-minutes-es.md")
        let json = String(decoding: try JSONMinutes.render(report, timeZone: ExportGoldenTests.zone).utf8, as: UTF8.self)
        #expect(json.contains("\"disputed\" : true"), "\(json)")
    }
}
