import IdeateCore
import IdeateTestSupport
import IdeateTUI

/// Sessions at each stage of a workshop, with ideas that stress the screen: CJK, emoji, an
/// escape sequence, a bidi override and a very long idea.
enum ScreenFixtures {
    static let ideas = [
        "Approve purchases under 500 € without a second signature",
        "会議を短くする — shorter meetings 🚀",
        "\u{1B}[31mRED\u{1B}[0m text with an escape sequence",
        "\u{202E}reversed text attempt",
        "One shared inbox for order changes instead of personal mailboxes, so that nobody has to forward anything ever again",
        "Pair new hires with a buddy 👩‍💻 for their first month",
        "Retire the weekly status report nobody reads",
        "Batch picking twice a day",
    ]

    static let context = ConsoleContext(joinCommand: "ideate join 192.168.1.20:7420", joinCode: "K7P2QX", runPath: "sessions/runs/quick-start.sqlite")
    /// Every way in: a phone (QR code), ssh with its host key, and ideate join.
    static let everyWayIn = ConsoleContext(
        joinCommand: "ideate join 192.168.1.20:7420", joinCode: "K7P2QX", sshCommand: "ssh -p 7422 K7P2QX@192.168.1.20",
        sshFingerprint: "SHA256:1m5PNo0aSEnwl0W3yJ8q2xA+5bS4Wd1OHvT0sV8cG7E", phoneURL: "http://192.168.1.20:7421/#K7P2QX",
        runPath: "sessions/runs/quick-start.sqlite")

    static func plan(in language: Language? = nil) -> Plan {
        var plan = TestSession.plan(reveal: .immediate, phases: [
            PhasePlan(kind: .ideate, seconds: 300), PhasePlan(kind: .group, seconds: 120),
            PhasePlan(kind: .vote, seconds: 120), PhasePlan(kind: .review, seconds: nil),
        ])
        plan.title = "Quick start — one small improvement"
        plan.rounds[0].prompt = "What is one thing that slows you down every week, and how could we remove it?"
        plan.language = language
        return plan
    }

    /// The lobby with two people in (anonymity is weak below three).
    static func lobby(in language: Language? = nil) throws -> TestSession {
        var session = TestSession(plan: plan(in: language))
        _ = try session.join(2)
        return session
    }

    /// Ideation 1 min 48 s in, with every fixture idea on the wall.
    static func ideation(in language: Language? = nil) throws -> (TestSession, [IdeaID]) {
        var session = TestSession(plan: plan(in: language))
        let tokens = try session.join(5)
        try session.facilitator(.advance)
        var ids: [IdeaID] = []
        for (index, text) in ideas.enumerated() {
            session.wait(seconds: 12)
            ids.append(try session.submit(text, by: tokens[index % tokens.count]))
        }
        session.wait(seconds: 12)
        return (session, ids)
    }

    static func grouping(in language: Language? = nil) throws -> (TestSession, [IdeaID]) {
        var (session, ids) = try ideation(in: language)
        try session.advance(to: .group)
        try session.facilitator(.cluster(ids[0], name: "Approvals"))
        try session.facilitator(.cluster(ids[4], name: "Hand-offs"))
        try session.facilitator(.merge(ids[6], into: ids[4]))
        try session.facilitator(.park(ids[7]))
        try session.facilitator(.hide(ids[3]))
        session.wait(seconds: 30)
        return (session, ids)
    }

    static func voting(in language: Language? = nil) throws -> (TestSession, [IdeaID]) {
        var (session, ids) = try grouping(in: language)
        try session.advance(to: .vote)
        let tokens = (0..<5).map { ParticipantToken("token-\($0)") }
        try session.participant(tokens[0], .castVote(ids[0]))
        try session.participant(tokens[0], .castVote(ids[0]))
        try session.participant(tokens[1], .castVote(ids[4]))
        try session.participant(tokens[2], .castVote(ids[1]))
        session.wait(seconds: 65)
        return (session, ids)
    }

    static func results(in language: Language? = nil) throws -> (TestSession, [IdeaID]) {
        var (session, ids) = try voting(in: language)
        try session.facilitator(.lockPhase)
        return (session, ids)
    }

    static func review(in language: Language? = nil) throws -> (TestSession, [IdeaID]) {
        var (session, ids) = try results(in: language)
        try session.advance(to: .review)
        let card = ExperimentCard(assumption: "Most small purchases are approved unchanged.", smallestTest: "Four weeks in sales",
                                  metric: "Days from request to approval", successCriterion: "A day faster",
                                  failureCriterion: "Half are changed anyway", owner: "Head of finance", reviewDate: "2026-04-10")
        try session.facilitator(.recordReview(ids[0], IdeaReview(benefits: "Faster", concerns: "Audit", experiment: card)))
        return (session, ids)
    }

    static func finished(in language: Language? = nil) throws -> TestSession {
        var (session, ids) = try review(in: language)
        try session.facilitator(.addActionItem(idea: ids[0], what: "Write the rule", owner: "Finance", due: "2026-03-16"))
        session.wait(seconds: 60)
        try session.facilitator(.advance)
        return session
    }

    static func render(_ session: TestSession, model: ConsoleModel = ConsoleModel(), width: Int, height: Int,
                       context: ConsoleContext = context) -> CellGrid {
        var model = model
        model.settle(for: session.state)
        return ConsoleView.render(state: session.state, model: model, context: context, now: session.now, width: width, height: height).grid
    }
}

extension ScreenFixtures {
    /// A plan with impact and effort after the vote.
    static func ratingPlan(in language: Language? = nil) -> Plan {
        var plan = plan(in: language)
        plan.rounds[0].phases = [PhasePlan(kind: .ideate, seconds: 300), PhasePlan(kind: .vote, seconds: 120),
                                 PhasePlan(kind: .rate, seconds: 120), PhasePlan(kind: .review, seconds: nil)]
        return plan
    }

    /// The rate phase 30 s in: four of five rated; closed when `closed`, with a disputed idea.
    static func rating(in language: Language? = nil, closed: Bool) throws -> TestSession {
        var session = TestSession(plan: ratingPlan(in: language))
        let tokens = try session.join(5)
        try session.facilitator(.advance)
        let ids = try ideas.prefix(5).enumerated().map { try session.submit($1, by: tokens[$0]) }
        try session.advance(to: .vote)
        for (token, idea) in zip(tokens, [ids[0], ids[0], ids[1], ids[4], ids[0]]) { try session.participant(token, .castVote(idea)) }
        try session.participant(tokens[1], .castVote(ids[4]))
        try session.advance(to: .rate)
        let shortlist = session.state.shortlist(round: 0).map(\.idea.id)
        for (index, token) in tokens.prefix(4).enumerated() {
            try session.participant(token, .rate(shortlist[0], impact: [5, 4, 4, 5][index], effort: [1, 2, 5, 1][index]))
            try session.participant(token, .rate(shortlist[1], impact: [2, 3, 2, 2][index], effort: [4, 4, 3, 5][index]))
        }
        session.wait(seconds: 30)
        if closed { try session.facilitator(.lockPhase) }
        return session
    }
}
