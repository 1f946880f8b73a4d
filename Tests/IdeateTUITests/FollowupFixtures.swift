import IdeateCore
import IdeateTUI

/// A portfolio for the follow-up screen, built from Core values: two workshops, experiments in
/// every state (one overdue, one due today, one learned), action items open, overdue, stuck and
/// done, and a backlog with CJK, emoji, an escape sequence and a bidi override. Today is
/// 2026-04-20.
enum FollowupFixtures {
    static let today = CalendarDate(year: 2026, month: 4, day: 20)!

    static func date(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    static func portfolio() throws -> Portfolio {
        let first = RunIdentity("run-one"), second = RunIdentity("run-two")
        var portfolio = Portfolio(workshops: [
            Workshop(run: first, title: "Quick start — one small improvement", goal: "", date: date("2026-03-12"), participants: 8,
                     ideaCount: 16, voteCount: 24, addedOn: date("2026-03-12")),
            Workshop(run: second, title: "Office life", goal: "", date: date("2026-04-02"), participants: 5, ideaCount: 9,
                     voteCount: 15, addedOn: date("2026-04-02")),
        ])
        func card(_ assumption: String, review: String?) -> TestCard {
            TestCard(assumption: assumption, smallestTest: "One team tries it for two weeks", metric: "Days from request to order",
                     successCriterion: "A day faster, nothing lost", failureCriterion: "Any purchase approved by mistake",
                     owner: "Volunteer from the trial team", reviewDate: review.map(date))
        }
        portfolio.experiments = [
            Experiment(id: ExperimentID(1), title: "Approve purchases under 500 € without a second signature",
                       card: card("Most small purchases are approved unchanged", review: "2026-04-09"), workshop: first, round: 1),
            Experiment(id: ExperimentID(2), title: "会議を短くする — shorter meetings 🚀",
                       card: card("Meetings run long because nobody keeps time", review: "2026-04-20"), workshop: first, round: 1),
            Experiment(id: ExperimentID(3), title: "A shared calendar for the meeting rooms",
                       card: card("Rooms stand empty because nobody knows they are free", review: "2026-05-15"), workshop: second, round: 1),
            Experiment(id: ExperimentID(4), title: "Print double-sided by default",
                       card: card("Nobody needs single-sided prints", review: nil), workshop: second, round: 1),
        ]
        portfolio.history = portfolio.experiments.map { HistoryEntry(subject: .experiment($0.id), date: date("2026-03-12"), change: .addedFromWorkshop) }
        for number in [1, 3, 4] {
            portfolio.history.append(try portfolio.experiments[number - 1].start(on: date("2026-03-16"), note: number == 1 ? "the operations team" : ""))
        }
        portfolio.history.append(try portfolio.experiments[3].learn(LearningCard(
            outcome: .invalidated, observed: "Three teams asked for single-sided contracts", learned: "Contracts need their own printer setting",
            decision: .pivot, date: date("2026-04-15")), note: "failures are answers"))
        portfolio.actionItems = [
            TrackedActionItem(id: ActionItemID(1), what: "Pick the trial team", owner: "Facilitator", due: date("2026-03-16"), workshop: first, round: 1),
            TrackedActionItem(id: ActionItemID(2), what: "Ask IT about the printer default", owner: "Kim", due: date("2026-05-01"), workshop: second, round: 1),
            TrackedActionItem(id: ActionItemID(3), what: "Write the stand-up rule down", owner: "Team leads", due: date("2026-04-30"),
                              status: .stuck, statusDate: date("2026-03-27"), workshop: first, round: 1),
            TrackedActionItem(id: ActionItemID(4), what: "Order tablets for the rooms", owner: "Office", due: date("2026-04-10"),
                              status: .done, statusDate: date("2026-04-08"), workshop: second, round: 1),
        ]
        let texts = [
            "Bigger parking spaces", "\u{1B}[31mRED\u{1B}[0m text with an escape sequence", "\u{202E}reversed text attempt",
            "Pair new hires with a buddy 👩‍💻 for their first month", "Retire the weekly status report nobody reads",
            "One shared inbox for order changes instead of personal mailboxes, so that nobody has to forward anything ever again",
        ]
        portfolio.backlog = texts.enumerated().map { index, text in
            BacklogIdea(id: BacklogIdeaID(index + 1), text: text, kind: index == 0 ? .parked : .idea, workshop: index < 3 ? first : second, round: 1)
        }
        return portfolio
    }

    static func render(_ model: FollowupModel = FollowupModel(), width: Int, height: Int) throws -> CellGrid {
        var model = model
        let portfolio = try portfolio()
        let agenda = FollowupAgenda(portfolio, today: today)
        model.settle(on: agenda)
        let chosen = agenda.entries.indices.contains(model.cursor) ? agenda.entries[model.cursor].item.subject : nil
        return FollowupScreen.render(agenda: agenda, model: model, history: portfolio.history.filter { $0.subject == chosen },
                                     portfolioPath: "sessions/portfolio.sqlite", width: width, height: height).grid
    }
}
