import Foundation
import IdeateCore
import IdeateTestSupport
import Testing

/// Dates as people type them, relative to a fixed "today" (Thursday 2026-03-12).
@Suite("Portfolio dates", .offThePool, .timeLimit(.minutes(2)))
struct PortfolioDateTests {
    static let today = CalendarDate(year: 2026, month: 3, day: 12)!

    @Test("Friendly dates become calendar dates counted from today", arguments: [
        ("2026-12-01", "2026-12-01"), ("+2w", "2026-03-26"), ("+3d", "2026-03-15"), ("-1d", "2026-03-11"),
        ("fri", "2026-03-13"), ("Friday", "2026-03-13"), ("thu", "2026-03-19"), ("mon", "2026-03-16"),
        ("today", "2026-03-12"), ("tomorrow", "2026-03-13"), ("  TOMORROW ", "2026-03-13"), ("+0d", "2026-03-12"),
        ("2028-02-29", "2028-02-29"), ("+52w", "2027-03-11"),
    ])
    func friendly(typed: String, expected: String) throws {
        #expect(try DateInput.parse(typed, today: Self.today).description == expected)
    }

    @Test("What is not a date is refused, saying why")
    func refused() {
        #expect(throws: DateInputError.empty) { try DateInput.parse("  ", today: Self.today) }
        #expect(throws: DateInputError.notADate("soon")) { try DateInput.parse("soon", today: Self.today) }
        #expect(throws: DateInputError.notADate("+2x")) { try DateInput.parse("+2x", today: Self.today) }
        #expect(throws: DateInputError.notADate("12/01/2026")) { try DateInput.parse("12/01/2026", today: Self.today) }
        #expect(throws: DateInputError.noSuchDay("2026-02-30")) { try DateInput.parse("2026-02-30", today: Self.today) }
        #expect(throws: DateInputError.noSuchDay("2026-13-01")) { try DateInput.parse("2026-13-01", today: Self.today) }
        #expect(throws: DateInputError.tooFar("+99999d")) { try DateInput.parse("+99999d", today: Self.today) }
        #expect(DateInputError.notADate("soon").description == "“soon” is not a date; write e.g. 2026-12-01, +2w, +3d, fri, today or tomorrow")
    }

    @Test("Calendar arithmetic holds across months, leap years and the epoch")
    func arithmetic() throws {
        #expect(CalendarDate(daysSince1970: 0).description == "1970-01-01")
        #expect(CalendarDate(daysSince1970: 0).weekday == .thursday)
        #expect(Self.today.weekday == .thursday)
        #expect(CalendarDate(year: 2024, month: 2, day: 29)!.adding(days: 1).description == "2024-03-01")
        #expect(CalendarDate(year: 2100, month: 2, day: 29) == nil, "2100 is not a leap year")
        #expect(CalendarDate(iso: "1969-12-31")?.daysSince1970 == -1)
        for days in stride(from: -700_000, to: 2_900_000, by: 997) {
            let date = CalendarDate(daysSince1970: days)
            #expect(CalendarDate(iso: date.description) == date)
        }
        let lateEvening = Instant(secondsSince1970: 1_773_356_400)  // 2026-03-12 23:00 UTC
        #expect(CalendarDate(lateEvening, in: TimeZone(identifier: "UTC")!).description == "2026-03-12")
        #expect(CalendarDate(lateEvening, in: TimeZone(identifier: "Europe/Berlin")!).description == "2026-03-13")
        #expect(CalendarDate(lateEvening, in: TimeZone(identifier: "America/New_York")!).description == "2026-03-12")
    }
}

/// The follow-up rules: states, outcomes, learning cards, action items, promotion.
@Suite("Portfolio rules", .offThePool, .timeLimit(.minutes(2)))
struct PortfolioRulesTests {
    static let today = PortfolioDateTests.today

    static func experiment() -> Experiment {
        Experiment(id: ExperimentID(3), title: "Approve small purchases at once",
                   card: TestCard(assumption: "Most small purchases are approved unchanged", successCriterion: "A day faster",
                                  reviewDate: today.adding(days: 14)))
    }

    static func learning(_ outcome: LearningCard.Outcome = .invalidated, decision: LearningCard.Decision = .pivot, on date: CalendarDate) -> LearningCard {
        LearningCard(outcome: outcome, observed: "Half were changed", learned: "Finance edits the amounts", decision: decision, date: date)
    }

    @Test("An experiment moves planned → running → learned, each step with its history entry")
    func lifecycle() throws {
        var experiment = Self.experiment()
        let started = try experiment.start(on: Self.today.adding(days: 1), note: "sales team")
        #expect(experiment.state == .running)
        #expect(experiment.card.startDate == Self.today.adding(days: 1))
        #expect(started == HistoryEntry(subject: .experiment(ExperimentID(3)), date: Self.today.adding(days: 1), change: .started, note: "sales team"))
        let learned = try experiment.learn(Self.learning(on: Self.today.adding(days: 20)))
        #expect(learned.change == .learned(.invalidated, .pivot))
        #expect(experiment.learning?.believed == "Most small purchases are approved unchanged", "we believed defaults to the assumption")
        #expect(experiment.learning?.outcome == .invalidated)
    }

    @Test("Illegal transitions are refused with a typed reason and change nothing")
    func illegal() throws {
        var experiment = Self.experiment()
        let planned = experiment
        #expect(throws: PortfolioRefusal.experimentNotRunning(ExperimentID(3), .planned)) {
            _ = try experiment.learn(Self.learning(on: Self.today))
        }
        #expect(experiment == planned)
        _ = try experiment.start(on: Self.today)
        #expect(throws: PortfolioRefusal.experimentAlreadyStarted(ExperimentID(3), .running)) { try experiment.start(on: Self.today) }
        #expect(throws: PortfolioRefusal.learnedBeforeStart(ExperimentID(3), started: Self.today, learned: Self.today.adding(days: -1))) {
            _ = try experiment.learn(Self.learning(on: Self.today.adding(days: -1)))
        }
        #expect(throws: PortfolioRefusal.missing([.observed, .learned])) {
            _ = try experiment.learn(LearningCard(outcome: .unclear, observed: " ", learned: "", decision: .stop, date: Self.today))
        }
        _ = try experiment.learn(Self.learning(.validated, decision: .persevere, on: Self.today))
        #expect(throws: PortfolioRefusal.experimentNotRunning(ExperimentID(3), .learned)) { try experiment.learn(Self.learning(on: Self.today)) }
        #expect(throws: PortfolioRefusal.experimentAlreadyStarted(ExperimentID(3), .learned)) { try experiment.start(on: Self.today) }
        #expect(throws: PortfolioRefusal.notTestingAgain(ExperimentID(3))) { try experiment.followUp(as: ExperimentID(4), on: Self.today) }
        #expect(PortfolioRefusal.experimentNotRunning(ExperimentID(3), .planned).description
            == "E3 has not started; start it before recording what was learned")
    }

    @Test("Test again opens a follow-up experiment, linked both ways, planned with the same card and no dates")
    func testAgain() throws {
        var experiment = Self.experiment()
        _ = try experiment.start(on: Self.today)
        _ = try experiment.learn(Self.learning(.unclear, decision: .testAgain, on: Self.today.adding(days: 7)))
        let (next, history) = try experiment.followUp(as: ExperimentID(9), on: Self.today.adding(days: 7))
        #expect(next.state == .planned)
        #expect(next.followsUp == ExperimentID(3))
        #expect(next.card.assumption == experiment.card.assumption)
        #expect(next.card.reviewDate == nil && next.card.startDate == nil)
        #expect(history.map(\.change) == [.followUpOpened(ExperimentID(9)), .followsUp(ExperimentID(3))])
    }

    @Test("Action items: open → done, stuck or dropped; stuck can move on; done and dropped are final")
    func actionItems() throws {
        var item = TrackedActionItem(id: ActionItemID(2), what: "Ask IT", owner: "Kim", due: Self.today)
        #expect(!item.isOverdue(on: Self.today))
        #expect(item.isOverdue(on: Self.today.adding(days: 1)))
        #expect(throws: PortfolioRefusal.actionItemUnchanged(ActionItemID(2), .open)) { try item.move(to: .open, on: Self.today) }
        let stuck = try item.move(to: .stuck, on: Self.today, note: "IT is on holiday")
        #expect(stuck.change == .actionItemStatus(from: .open, to: .stuck))
        #expect(item.statusDate == Self.today)
        _ = try item.move(to: .done, on: Self.today.adding(days: 3))
        #expect(!item.isOverdue(on: Self.today.adding(days: 9)), "a done item is never overdue")
        #expect(throws: PortfolioRefusal.actionItemClosed(ActionItemID(2), .done)) { try item.move(to: .open, on: Self.today) }
        var dropped = TrackedActionItem(id: ActionItemID(5), what: "x", owner: "", due: nil)
        _ = try dropped.move(to: .dropped, on: Self.today)
        #expect(throws: PortfolioRefusal.actionItemClosed(ActionItemID(5), .dropped)) { try dropped.move(to: .done, on: Self.today) }
    }

    @Test("A backlog idea is promoted once, with an assumption and a success criterion")
    func promote() throws {
        var idea = BacklogIdea(id: BacklogIdeaID(7), text: "Bigger parking spaces", kind: .parked, workshop: RunIdentity("w1"), round: 1)
        #expect(throws: PortfolioRefusal.missing([.assumption, .successCriterion])) {
            try idea.promote(as: ExperimentID(4), card: TestCard(assumption: ""), on: Self.today)
        }
        #expect(idea.promotedTo == nil)
        let card = TestCard(assumption: "People park badly because spaces are narrow", successCriterion: "No scratched cars in a month")
        let (experiment, history) = try idea.promote(as: ExperimentID(4), card: card, on: Self.today, note: "came back twice")
        #expect(experiment.promotedFrom == BacklogIdeaID(7) && experiment.workshop == RunIdentity("w1") && experiment.title == idea.text)
        #expect(idea.promotedTo == ExperimentID(4))
        #expect(history.map(\.subject) == [.backlogIdea(BacklogIdeaID(7)), .experiment(ExperimentID(4))])
        #expect(throws: PortfolioRefusal.alreadyPromoted(BacklogIdeaID(7), to: ExperimentID(4))) {
            try idea.promote(as: ExperimentID(5), card: card, on: Self.today)
        }
    }

    @Test("Undo restores what the item was by a new history entry, and refuses once the item moved on")
    func undo() throws {
        var experiment = Self.experiment()
        experiment.card.startDate = Self.today.adding(days: 2)
        _ = try experiment.start(on: Self.today)
        let unstarted = try experiment.undoStart(previousStart: Self.today.adding(days: 2), on: Self.today, note: "not yet")
        #expect(experiment == { var planned = Self.experiment(); planned.card.startDate = Self.today.adding(days: 2); return planned }())
        #expect(unstarted == HistoryEntry(subject: .experiment(ExperimentID(3)), date: Self.today, change: .undone(.started), note: "not yet"))
        #expect(throws: PortfolioRefusal.changedSince(.experiment(ExperimentID(3)))) {
            try experiment.undoStart(previousStart: nil, on: Self.today)
        }
        _ = try experiment.start(on: Self.today)
        _ = try experiment.learn(Self.learning(on: Self.today.adding(days: 5)))
        #expect(throws: PortfolioRefusal.changedSince(.experiment(ExperimentID(3))), "only a planned experiment is withdrawn") {
            try experiment.withdrawal(undoing: .followsUp(ExperimentID(1)), on: Self.today)
        }
        #expect(try experiment.undoLearning(on: Self.today).change == .undone(.learned(.invalidated, .pivot)))
        #expect(experiment.state == .running)

        var item = TrackedActionItem(id: ActionItemID(2), what: "Ask IT", owner: "Kim", due: Self.today)
        _ = try item.move(to: .done, on: Self.today)
        #expect(throws: PortfolioRefusal.changedSince(.actionItem(ActionItemID(2)))) {
            try item.undoMove(from: .dropped, back: .open, backDate: nil, on: Self.today)
        }
        #expect(try item.undoMove(from: .done, back: .open, backDate: nil, on: Self.today).change == .undone(.actionItemStatus(from: .open, to: .done)))
        #expect(item == TrackedActionItem(id: ActionItemID(2), what: "Ask IT", owner: "Kim", due: Self.today), "even done is taken back")

        var idea = BacklogIdea(id: BacklogIdeaID(7), text: "Bigger parking spaces", kind: .parked)
        var (promoted, _) = try idea.promote(as: ExperimentID(4), card: TestCard(assumption: "a", successCriterion: "s"), on: Self.today)
        _ = try promoted.start(on: Self.today)
        #expect(throws: PortfolioRefusal.changedSince(.experiment(ExperimentID(4))), "a running experiment is not withdrawn") {
            try idea.undoPromotion(of: promoted, back: .kept, on: Self.today)
        }
        #expect(idea.promotedTo == ExperimentID(4))
        _ = try promoted.undoStart(previousStart: nil, on: Self.today)
        #expect(try idea.undoPromotion(of: promoted, back: .kept, on: Self.today).map(\.change) == [.undone(.promoted(to: ExperimentID(4))), .undone(.promotedFrom(BacklogIdeaID(7)))])
        #expect(idea.promotedTo == nil && idea.fate == .kept)
    }

    @Test("Ids read as E12, e12 or 12 and write as E12")
    func identifiers() {
        #expect(ExperimentID("E12") == ExperimentID(12))
        #expect(ExperimentID("e12") == ExperimentID(12))
        #expect(ActionItemID("4") == ActionItemID(4))
        #expect(ActionItemID("E4") == nil, "an experiment's number is not an action item's")
        #expect(BacklogIdeaID("B0") == nil)
        #expect(BacklogIdeaID(40).description == "B40")
    }

    @Test("The same idea typed differently has one fingerprint")
    func fingerprints() {
        #expect(IdeaFingerprint.of("Retire the weekly report!") == IdeaFingerprint.of("retire the  Weekly   report"))
        #expect(IdeaFingerprint.of("Café für alle") == IdeaFingerprint.of("cafe fur alle"))
        #expect(IdeaFingerprint.of("Retire the weekly report") != IdeaFingerprint.of("Retire the monthly report"))
        #expect(IdeaFingerprint.of("---") == "---")
        // Plain ASCII takes a fast path; a trailing "·" (no letter) sends the same text the general way.
        for text in ["Retire the weekly report!", "  Stop: the 3 PM stand-up; now\tplease ", "A-B_C d9", "x", "HR's 2nd form (v2)"] {
            #expect(IdeaFingerprint.of(text) == IdeaFingerprint.of(text + " ·"), "\(text)")
        }
    }
}
