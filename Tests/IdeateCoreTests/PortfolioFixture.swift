import Foundation
import IdeateCore
import IdeateTestSupport

/// A portfolio of two workshops followed for five weeks, built through the same intake and
/// rules the portfolio file uses: the export-contract run (2026-03-12) and a second, smaller
/// workshop (2026-04-02) in which the parked "Bigger parking spaces" came back. It has every
/// state, both kinds of outcome, a follow-up, a promotion, overdue items and a date typed in
/// words. "Today" is 2026-04-20.
enum PortfolioFixture {
    static let zone = TimeZone(identifier: "UTC")!
    static let today = CalendarDate(year: 2026, month: 4, day: 20)!

    static func date(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    /// The second workshop, finished.
    static func secondWorkshop() throws -> SessionState {
        var plan = TestSession.plan(phases: [
            PhasePlan(kind: .ideate, seconds: 300), PhasePlan(kind: .vote, seconds: 120), PhasePlan(kind: .review, seconds: nil),
        ])
        plan.title = "Office life"
        plan.goal = "Small things that make the week easier"
        var session = TestSession(plan: plan)
        session.now = Instant(secondsSince1970: 1_775_120_400)  // 2026-04-02 09:00 UTC
        let people = try session.join(3)
        try session.facilitator(.advance)
        _ = try session.submit("bigger parking spaces!", by: people[0])
        let calendar = try session.submit("A shared calendar for the meeting rooms", by: people[1])
        let print = try session.submit("Print double-sided by default", by: people[2])
        session.wait(seconds: 300)
        try session.run(.tick)
        try session.facilitator(.advance)
        for (voter, idea) in [(0, calendar), (0, calendar), (1, print)] { try session.participant(people[voter], .castVote(idea)) }
        session.wait(seconds: 120)
        try session.run(.tick)
        try session.facilitator(.advance)
        let card = ExperimentCard(
            assumption: "Rooms stand empty because nobody knows they are free", smallestTest: "A shared calendar on floor 2 only",
            metric: "Bookings per week", successCriterion: "Twice the bookings after two weeks",
            failureCriterion: "Fewer than ten bookings a week", owner: "Office manager", reviewDate: "+2w")
        try session.facilitator(.recordReview(calendar, IdeaReview(benefits: "Fewer double bookings", experiment: card)))
        try session.facilitator(.addActionItem(idea: calendar, what: "Put tablets beside the rooms", owner: "Office", due: "fri"))
        try session.facilitator(.addActionItem(idea: nil, what: "Ask facilities about parking", owner: "Facilitator", due: "next month"))
        session.wait(seconds: 60)
        try session.facilitator(.advance)
        return session.state
    }

    static func intake(_ state: SessionState, run: String, added: String) throws -> WorkshopIntake {
        try WorkshopIntake(report: MinutesReport(state: state), run: RunIdentity(run), today: date(added), timeZone: zone)
    }

    static func portfolio() throws -> Portfolio {
        var portfolio = Portfolio()
        portfolio.add(try intake(try ExportFixture.finished().state, run: "run-one", added: "2026-03-12"))
        portfolio.add(try intake(try secondWorkshop(), run: "run-two", added: "2026-04-02"))

        try portfolio.experiment(1) { try $0.start(on: date("2026-03-16"), note: "the operations team") }
        try portfolio.experiment(1) {
            try $0.learn(LearningCard(
                outcome: .invalidated, observed: "Audit asked for page 4 twice in four weeks",
                learned: "Auditors need the figures, not the pages", decision: .pivot, date: date("2026-04-09")),
                note: "keep one page for people, an appendix for audit")
        }
        try portfolio.experiment(2) { try $0.start(on: date("2026-04-03")) }
        let parking = portfolio.backlog.first { $0.text == "Bigger parking spaces" }!.id
        try portfolio.promote(parking, card: TestCard(
            assumption: "People park badly because the spaces are narrow", smallestTest: "Repaint one row wider",
            metric: "Scratched cars reported", successCriterion: "No scratch reported in a month",
            failureCriterion: "Any scratch in the wider row", owner: "Facilities", reviewDate: date("2026-05-15")), on: date("2026-04-10"))
        let printing = portfolio.backlog.first { $0.text == "Print double-sided by default" }!.id
        try portfolio.promote(printing, card: TestCard(
            assumption: "Nobody needs single-sided prints", smallestTest: "Switch the default on floor 2",
            metric: "Paper ordered", successCriterion: "A third less paper", failureCriterion: "Complaints from more than two teams",
            owner: "IT"), on: date("2026-04-04"))
        try portfolio.experiment(4) { try $0.start(on: date("2026-04-05")) }
        try portfolio.experiment(4) {
            try $0.learn(LearningCard(
                outcome: .validated, believed: "Nobody needs single-sided prints", observed: "40 % less paper, no complaint",
                learned: "The default decides; people rarely change it", decision: .testAgain, date: date("2026-04-15")))
        }
        let followUp = try portfolio.experiments.first { $0.id.number == 4 }!.followUp(
            as: ExperimentID(portfolio.experiments.count + 1), on: date("2026-04-15"))
        portfolio.experiments.append(followUp.experiment)
        portfolio.history += followUp.history

        try portfolio.actionItem(1) { try $0.move(to: .done, on: date("2026-03-18")) }
        try portfolio.actionItem(2) { try $0.move(to: .stuck, on: date("2026-03-27"), note: "no volunteer for the written stand-up") }

        // The idea box between the workshops: one answered within the rhythm, one declined
        // late with a hostile text, one still new.
        for (number, text, day) in [(417, "A bench by the loading bay", "2026-03-18"), (52, "=HYPERLINK(\"http://x\") | *not bold* <b>", "2026-03-25"),
                                     (903, "Music in the packing hall", "2026-04-14")] {
            portfolio.backlog.append(BacklogIdea(id: BacklogIdeaID(number), text: text, kind: .box, arrivalWeek: ArrivalWeek(containing: date(day)),
                                                 question: number == 52 ? "delivery" : nil))
        }
        try portfolio.review(417, .keep, answer: "Facilities will look for a spot in May.", on: date("2026-03-25"))
        try portfolio.review(52, .decline, answer: "The bay is a fire lane | we looked for another spot.", on: date("2026-04-15"))
        return portfolio
    }
}

extension Portfolio {
    /// Adds a workshop's items with the next free numbers, as the portfolio file does.
    mutating func add(_ intake: WorkshopIntake) {
        let additions = intake.numbered(firstExperiment: experiments.count + 1, firstActionItem: actionItems.count + 1,
                                        firstBacklogIdea: backlog.count + 1)
        workshops += additions.workshops
        experiments += additions.experiments
        actionItems += additions.actionItems
        backlog += additions.backlog
        history += additions.history
    }

    mutating func review(_ number: Int, _ decision: ReviewDecision, answer: String, on date: CalendarDate) throws {
        let index = backlog.firstIndex { $0.id == BacklogIdeaID(number) }!
        history += try backlog[index].decide(decision, answer: answer, in: self, on: date)
    }

    mutating func experiment(_ number: Int, _ change: (inout Experiment) throws -> HistoryEntry) throws {
        let index = experiments.firstIndex { $0.id == ExperimentID(number) }!
        history.append(try change(&experiments[index]))
    }

    mutating func actionItem(_ number: Int, _ change: (inout TrackedActionItem) throws -> HistoryEntry) throws {
        let index = actionItems.firstIndex { $0.id == ActionItemID(number) }!
        history.append(try change(&actionItems[index]))
    }

    mutating func promote(_ id: BacklogIdeaID, card: TestCard, on date: CalendarDate) throws {
        let index = backlog.firstIndex { $0.id == id }!
        let promoted = try backlog[index].promote(as: ExperimentID(experiments.count + 1), card: card, on: date)
        experiments.append(promoted.experiment)
        history += promoted.history
    }
}
