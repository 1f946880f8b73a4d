import IdeateCore
import IdeateTestSupport

/// A two-round workshop driven by hand, with everything an export has to carry: a late idea, a
/// build-on, an idea said aloud, a merge, a parked and a hidden idea, votes, a review with an
/// experiment card, action items in both rounds, and text full of what Markdown and CSV must
/// escape (pipes, quotes, commas, line breaks, a formula, emphasis and links).
enum ExportFixture {
    static func plan() -> Plan {
        var plan = TestSession.plan(reveal: .immediate, votes: 3, perIdea: 2, shortlist: 2)
        plan.title = "Export contract | golden run"
        plan.goal = "Pin every field, \"quoted\" text, commas, and line breaks."
        plan.rounds = [
            RoundPlan(prompt: "What slows us down? (think \"paper\", forms, hand-offs)", phases: [
                PhasePlan(kind: .ideate, seconds: 300), PhasePlan(kind: .build, seconds: 120),
                PhasePlan(kind: .group, seconds: 120), PhasePlan(kind: .vote, seconds: 120),
                PhasePlan(kind: .review, seconds: nil),
            ]),
            RoundPlan(prompt: "Which meeting could be an e-mail?", phases: [
                PhasePlan(kind: .ideate, seconds: 180), PhasePlan(kind: .vote, seconds: 60),
                PhasePlan(kind: .review, seconds: nil),
            ]),
        ]
        return plan
    }

    /// The finished session: it starts 2026-03-12 14:00:00 UTC.
    static func finished() throws -> TestSession {
        var session = TestSession(plan: plan())
        let people = try session.join(4)
        try session.facilitator(.advance)

        session.wait(seconds: 20)
        let report = try session.submit("Cut the \"weekly\" report, or shrink it | one page", by: people[0])
        session.wait(seconds: 15)
        let forms = try session.submit("Two lines:\nfirst the form,\r\nthen the signature", by: people[1])
        session.wait(seconds: 15)
        let formula = try session.submit("=SUM(A1:A9) in the budget sheet, typed by hand", by: people[2])
        let duplicate = try session.submit("Retire the weekly report", by: people[3])
        let parking = try session.submit("Bigger parking spaces", by: people[0])
        let markup = try session.submit("*Bold* <b>claims</b> & [links](https://x.example) `code`", by: people[1])
        let rude = try session.submit("Something rude about accounting", by: people[2])
        try session.facilitator(.addIdea(text: "Said aloud: one shared inbox for order changes"))
        session.wait(seconds: 250)
        try session.run(.tick)

        try session.facilitator(.advance)
        session.wait(seconds: 30)
        _ = try session.submit("Yes, and print it double-sided, 10 pt", by: people[1], extending: report)
        session.wait(seconds: 60)

        try session.facilitator(.advance)
        session.wait(seconds: 5)
        _ = try session.submit("Late, but \"better\" than never", by: people[3])
        try session.facilitator(.cluster(report, name: "Reports | paperwork"))
        try session.facilitator(.cluster(formula, name: "Reports | paperwork"))
        try session.facilitator(.cluster(forms, name: "Forms, \"paper\" & signatures"))
        try session.facilitator(.merge(duplicate, into: report))
        try session.facilitator(.park(parking))
        try session.facilitator(.hide(rude))
        session.wait(seconds: 80)

        try session.facilitator(.advance)
        for (voter, idea) in [(0, forms), (0, forms), (0, formula), (1, report), (1, report), (2, report), (2, formula), (3, markup)] {
            try session.participant(people[voter], .castVote(idea))
        }
        session.wait(seconds: 100)

        try session.facilitator(.advance)
        let card = ExperimentCard(
            assumption: "Nobody reads pages 2–5, \"really\"", smallestTest: "One team, four weeks, one page | no appendix",
            metric: "Questions about the report, per week", successCriterion: "No question about a missing figure,\nnot one",
            failureCriterion: "Audit asks for page 4 | twice", owner: "Team lead, operations", reviewDate: "2026-04-09")
        try session.facilitator(.recordReview(report, IdeaReview(benefits: "Saves 2h/week, maybe more", concerns: "Audit needs page 4", experiment: card)))
        try session.facilitator(.recordReview(forms, IdeaReview(benefits: "Fewer errors", concerns: "")))
        try session.facilitator(.addActionItem(
            idea: report, what: "Draft the one-page | \"weekly\" report,\nwith notes", owner: "Team lead, operations", due: "2026-03-19"))
        session.wait(seconds: 240)

        try session.facilitator(.advance)
        session.wait(seconds: 10)
        let standup = try session.submit("The Monday stand-up, when nothing changed", by: people[0])
        _ = try session.submit("Status syncs that repeat the tracker", by: people[1])
        _ = try session.submit("+1 meetings with no agenda", by: people[2])
        session.wait(seconds: 170)
        try session.run(.tick)

        try session.facilitator(.advance)
        for voter in 0..<3 { try session.participant(people[voter], .castVote(standup)) }
        session.wait(seconds: 60)
        try session.run(.tick)

        try session.facilitator(.advance)
        try session.facilitator(.addActionItem(idea: standup, what: "Try a written stand-up for two weeks", owner: "Scrum master", due: "2026-03-26"))
        try session.facilitator(.addActionItem(idea: nil, what: "Share these minutes, with the CSV", owner: "Facilitator", due: "2026-03-13"))
        session.wait(seconds: 120)
        try session.facilitator(.advance)
        return session
    }
}
