import IdeateCore
import IdeateTestSupport
import Testing

/// The review of box and backlog ideas: decisions, answers, merges, the board, undo, the week an
/// idea arrived and the review rhythm.
@Suite("Backlog review", .offThePool, .timeLimit(.minutes(2)))
struct BacklogReviewTests {
    static let today = PortfolioDateTests.today  // Thursday 2026-03-12

    static func portfolio() -> Portfolio {
        Portfolio(
            experiments: [Experiment(id: ExperimentID(2), title: "Shorter stand-up",
                                     card: TestCard(assumption: "a", successCriterion: "s"))],
            backlog: [
                BacklogIdea(id: BacklogIdeaID(1), text: "Label the shelves by colour", kind: .parked, workshop: RunIdentity("w1"), round: 1),
                BacklogIdea(id: BacklogIdeaID(417), text: "Colour labels on shelves", kind: .box,
                            arrivalWeek: ArrivalWeek(containing: today)),
                BacklogIdea(id: BacklogIdeaID(52), text: "A bench by the loading bay", kind: .box, arrivalWeek: ArrivalWeek(containing: today)),
            ])
    }

    @Test("A box idea arrives new, a workshop idea arrives kept; both on the board")
    func arrival() {
        let ideas = Self.portfolio().backlog
        #expect(ideas.map(\.fate) == [.kept, .new, .new])
        let allOnBoard = ideas.allSatisfy(\.onBoard)
        #expect(allOnBoard)
        #expect(!IdeaFate.new.isDecided && IdeaFate.declined.isDecided)
    }

    @Test("The arrival week is its Monday, whatever the day; days waiting count from that Monday", arguments: [
        ("2026-03-09", "2026-03-09"), ("2026-03-12", "2026-03-09"), ("2026-03-15", "2026-03-09"), ("2026-03-16", "2026-03-16"),
        ("2026-01-01", "2025-12-29"), ("2024-02-29", "2024-02-26"),
    ])
    func arrivalWeek(day: String, monday: String) throws {
        let week = ArrivalWeek(containing: try #require(CalendarDate(iso: day)))
        #expect(week.monday.description == monday)
        #expect(week.monday.weekday == .monday)
        #expect(week.days(until: try #require(CalendarDate(iso: monday)).adding(days: 9)) == 9)
    }

    @Test("Each decision sets the fate, keeps an answer and writes its history; the same decision again is refused")
    func decisions() throws {
        let engine = InMemoryPortfolio(Self.portfolio())
        let idea = BacklogIdeaID(52)
        _ = try engine.perform(.decide(idea, .decline, answer: "  The bay is a fire lane; we looked for another spot.  "), on: Self.today, note: "")
        var kept = try #require(engine.portfolio().backlog.first { $0.id == idea })
        #expect(kept.fate == .declined)
        #expect(kept.answer == ReviewAnswer(text: "The bay is a fire lane; we looked for another spot.", date: Self.today), "trimmed, dated")
        #expect(engine.portfolio().history.map(\.change) == [.reviewed(.declined), .answered("The bay is a fire lane; we looked for another spot.")])
        #expect(throws: PortfolioRefusal.reviewUnchanged(idea, .declined)) {
            try engine.perform(.decide(idea, .decline, answer: nil), on: Self.today, note: "")
        }
        #expect(throws: PortfolioRefusal.reviewUnchanged(idea, .declined), "the same answer again is no change either") {
            try engine.perform(.decide(idea, .decline, answer: "The bay is a fire lane; we looked for another spot."), on: Self.today, note: "")
        }
        _ = try engine.perform(.decide(idea, .takeToWorkshop, answer: nil), on: Self.today.adding(days: 1), note: "")
        kept = try #require(engine.portfolio().backlog.first { $0.id == idea })
        #expect(kept.fate == .takenToWorkshop)
        #expect(kept.answer?.date == Self.today, "a decision without an answer keeps the one given before")
        _ = try engine.perform(.answer(idea, "We will bring it to the May workshop."), on: Self.today.adding(days: 2), note: "")
        #expect(engine.portfolio().backlog.first { $0.id == idea }?.answer?.text == "We will bring it to the May workshop.")
        _ = try engine.perform(.decide(idea, .keep, answer: nil), on: Self.today.adding(days: 3), note: "")
        #expect(engine.portfolio().backlog.first { $0.id == idea }?.fate == .kept)
    }

    @Test("An answer is not empty and at most 280 characters; a refusal changes nothing")
    func answerBounds() throws {
        let engine = InMemoryPortfolio(Self.portfolio())
        let before = engine.portfolio()
        let idea = BacklogIdeaID(417)
        #expect(throws: PortfolioRefusal.answerTooLong(characters: 281)) {
            try engine.perform(.decide(idea, .keep, answer: String(repeating: "é", count: 281)), on: Self.today, note: "")
        }
        #expect(throws: PortfolioRefusal.missing([.answer])) { try engine.perform(.answer(idea, " \n "), on: Self.today, note: "") }
        #expect(engine.portfolio() == before)
        #expect(throws: PortfolioRefusal.answerTooLong(characters: 1), "one letter carrying 2,000 accents weighs too much") {
            try engine.perform(.answer(idea, "e" + String(repeating: "\u{0301}", count: 2_000)), on: Self.today, note: "")
        }
        _ = try engine.perform(.answer(idea, String(repeating: "é", count: 279) + "👍"), on: Self.today, note: "")
        #expect(engine.portfolio().backlog.first { $0.id == idea }?.answer?.text.count == 280, "characters as people count them")
        #expect(engine.portfolio().backlog.first { $0.id == idea }?.fate == .new, "an answer alone does not decide")
        #expect(PortfolioRefusal.answerTooLong(characters: 281).description.contains("at most 280 characters (this one has 281)"))
    }

    @Test("A merge goes into another idea or an experiment that exists, never into itself, an action item or a merged idea")
    func merges() throws {
        let engine = InMemoryPortfolio(Self.portfolio())
        let box = BacklogIdeaID(417)
        #expect(throws: PortfolioRefusal.mergeIntoItself(box)) {
            try engine.perform(.decide(box, .merge(into: .backlogIdea(box)), answer: nil), on: Self.today, note: "")
        }
        #expect(throws: PortfolioRefusal.notFound(.backlogIdea(BacklogIdeaID(9)))) {
            try engine.perform(.decide(box, .merge(into: .backlogIdea(BacklogIdeaID(9))), answer: nil), on: Self.today, note: "")
        }
        #expect(throws: PortfolioRefusal.notFound(.experiment(ExperimentID(8)))) {
            try engine.perform(.decide(box, .merge(into: .experiment(ExperimentID(8))), answer: nil), on: Self.today, note: "")
        }
        #expect(throws: PortfolioRefusal.cannotMergeInto(.actionItem(ActionItemID(1)))) {
            try engine.perform(.decide(box, .merge(into: .actionItem(ActionItemID(1))), answer: nil), on: Self.today, note: "")
        }
        _ = try engine.perform(.decide(box, .merge(into: .backlogIdea(BacklogIdeaID(1))), answer: "Already in the backlog as B1."), on: Self.today, note: "")
        #expect(engine.portfolio().backlog.first { $0.id == box }?.fate == .merged(into: .backlogIdea(BacklogIdeaID(1))))
        #expect(try engine.history(of: .backlogIdea(BacklogIdeaID(1))).map(\.change) == [.mergedFrom(box)], "the target knows what joined it")
        #expect(throws: PortfolioRefusal.mergeIntoMerged(box, into: .backlogIdea(BacklogIdeaID(1))), "no chains, no loops") {
            try engine.perform(.decide(BacklogIdeaID(1), .merge(into: .backlogIdea(box)), answer: nil), on: Self.today, note: "")
        }
        _ = try engine.perform(.decide(BacklogIdeaID(52), .merge(into: .experiment(ExperimentID(2))), answer: nil), on: Self.today, note: "")
        #expect(try engine.history(of: .experiment(ExperimentID(2))).map(\.change) == [.mergedFrom(BacklogIdeaID(52))])
    }

    @Test("Undo takes a review back whole (fate, answer, board), only while the idea still has what it gave")
    func undoReview() throws {
        let engine = InMemoryPortfolio(Self.portfolio())
        let idea = BacklogIdeaID(417)
        let original = try #require(engine.portfolio().backlog.first { $0.id == idea })
        let undoDecline = try #require(try engine.perform(.decide(idea, .decline, answer: "Not now."), on: Self.today, note: ""))
        #expect(undoDecline == .unreview(idea, from: ReviewOutcome(fate: .declined, answer: ReviewAnswer(text: "Not now.", date: Self.today), onBoard: true),
                                         back: original.review))
        let undoBoard = try #require(try engine.perform(.showOnBoard(idea, false), on: Self.today, note: ""))
        #expect(throws: PortfolioRefusal.boardUnchanged(idea, onBoard: false)) { try engine.perform(.showOnBoard(idea, false), on: Self.today, note: "") }
        #expect(throws: PortfolioRefusal.changedSince(.backlogIdea(idea)), "the board changed since the decline") {
            try engine.perform(.undo(undoDecline), on: Self.today, note: "")
        }
        _ = try engine.perform(.undo(undoBoard), on: Self.today, note: "")
        #expect(engine.portfolio().backlog.first { $0.id == idea }?.onBoard == true)
        _ = try engine.perform(.undo(undoDecline), on: Self.today, note: "")
        #expect(engine.portfolio().backlog.first { $0.id == idea } == original, "new again, no answer, as it arrived")
        #expect(try engine.history(of: .backlogIdea(idea)).map(\.change).suffix(2) == [.undone(.board(shown: false)), .undone(.reviewed(.declined))])
    }

    @Test("Promoting a new idea, then undoing, gives it back its earlier fate; a promoted idea is not decided again")
    func promotionFromTheBox() throws {
        let engine = InMemoryPortfolio(Self.portfolio())
        let idea = BacklogIdeaID(52)
        let undo = try #require(try engine.perform(.promote(idea, TestCard(assumption: "People rest better", successCriterion: "Fewer breaks taken inside")),
                                                   on: Self.today, note: ""))
        #expect(undo == .unpromote(idea, ExperimentID(3), previous: .new))
        #expect(engine.portfolio().backlog.first { $0.id == idea }?.fate == .promoted(ExperimentID(3)))
        #expect(throws: PortfolioRefusal.alreadyPromoted(idea, to: ExperimentID(3))) {
            try engine.perform(.decide(idea, .decline, answer: nil), on: Self.today, note: "")
        }
        _ = try engine.perform(.answer(idea, "We try it in April."), on: Self.today, note: "")
        _ = try engine.perform(.undo(undo), on: Self.today, note: "")
        #expect(engine.portfolio().backlog.first { $0.id == idea }?.fate == .new)
        #expect(engine.portfolio().backlog.first { $0.id == idea }?.answer?.text == "We try it in April.", "the answer stays until changed")
        #expect(!engine.portfolio().experiments.contains { $0.id == ExperimentID(3) })
    }

    @Test("The rhythm is 14 days unless set, 1 to 366")
    func rhythm() {
        #expect(ReviewRhythm.standard.days == 14)
        #expect(ReviewRhythm(days: 0) == nil && ReviewRhythm(days: 367) == nil)
        #expect(ReviewRhythm(days: 7)?.description == "every 7 days")
        #expect(ReviewRhythm(days: 1)?.description == "every day")
    }

    static let statuses: [(Int, String?, String?, String, Bool)] = [
        (7, "2026-03-03", "2026-02-24", "7 new, oldest waiting 10 days, last review 16 days ago (every 14)", true),
        (1, "2026-03-12", nil, "1 new, oldest waiting 3 days, no review yet (every 14)", false),
        (3, "2026-02-20", nil, "3 new, oldest waiting 24 days, no review yet (every 14)", true),
        (0, nil, "2026-03-11", "no new ideas, last review 1 day ago (every 14)", false),
        (2, "2026-03-10", "2026-03-12", "2 new, oldest waiting 3 days, last review today (every 14)", false),
    ]

    @Test("The box status says how many wait, since when, and when the last review was", arguments: statuses)
    func status(new: Int, oldest: String?, lastReview: String?, sentence: String, due: Bool) {
        let status = BoxStatus(newIdeas: new, oldestNew: oldest.flatMap(CalendarDate.init(iso:)).map(ArrivalWeek.init(containing:)),
                               lastReview: lastReview.flatMap(CalendarDate.init(iso:)), rhythm: .standard, today: Self.today)
        #expect(status.description == sentence)
        #expect(status.isReviewDue == due)
    }
}
