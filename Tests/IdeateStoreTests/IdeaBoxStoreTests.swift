import Foundation
import GRDB
import IdeateCore
import IdeateTestSupport
@testable import IdeateStore
import Testing

/// The idea box in the portfolio file: ideas arriving with their week only, resends, reviews
/// kept across a reopen, the rhythm and the status, and a file from before the box.
@Suite("Idea box store", .offThePool, .timeLimit(.minutes(2)))
struct IdeaBoxStoreTests {
    static let thursday = PortfolioFixtures.today.adding(days: -8)  // 2026-03-12

    static func proof(_ secret: String) -> OwnershipProof { OwnershipProof(secret: secret) }

    static func submission(_ text: String, question: String? = nil, secret: String) throws -> BoxSubmission {
        try BoxSubmission(text: text, question: question, proof: proof(secret))
    }

    @Test("A box idea is kept with its week (a Monday), its question and its proof, under a random unused number, with no history row")
    func arrival() throws {
        let database = try DatabaseQueue()
        let store = try PortfolioStore(database)
        var random = SeededRandom(seed: 7)
        let first = try store.addBoxIdea(try Self.submission("  A bench by the loading bay ", secret: "s1"), on: Self.thursday, using: &random)
        let second = try store.addBoxIdea(try Self.submission("Colour labels", question: "order-to-delivery", secret: "s2"),
                                          on: Self.thursday.adding(days: 2), using: &random)
        #expect(!first.wasAlreadyThere && !second.wasAlreadyThere && first.id != second.id)
        let ideas = try PortfolioStore(database).portfolio()
        let bench = try #require(ideas.backlog.first { $0.id == first.id })
        #expect(bench.text == "A bench by the loading bay" && bench.kind == .box && bench.fate == .new && bench.onBoard)
        #expect(bench.arrivalWeek?.monday.description == "2026-03-09")
        let receipts = try database.read { try Row.fetchAll($0, sql: "SELECT key, proof, bucket, subject FROM receipt ORDER BY subject") }
        let benchReceipt = try #require(receipts.first { $0["subject"] == first.id.description })
        #expect(benchReceipt["proof"] == Self.proof("s1").hex, "the proof, never the secret")
        #expect(benchReceipt["key"] == Self.proof("s1").receipt.hex && benchReceipt["bucket"] == Self.proof("s1").receipt.bucketValue)
        #expect(ideas.backlog.first { $0.id == second.id }?.question == "order-to-delivery")
        #expect(ideas.backlog.first { $0.id == second.id }?.arrivalWeek == bench.arrivalWeek, "Thursday and Saturday: the same week")
        #expect(ideas.history.isEmpty, "a history row's order would tell the order of arrival")
        let stored = try database.read { try Row.fetchAll($0, sql: "SELECT * FROM backlog_idea") }
        for row in stored {
            let secretStored = row.databaseValues.contains { $0.description.contains("s1") || $0.description.contains("s2") }
            #expect(!secretStored, "no secret, only its digest")
        }
    }

    @Test("A resend of the same idea (same proof) is not added twice; numbers stay unique over many arrivals")
    func resends() throws {
        let store = try PortfolioStore(try DatabaseQueue())
        var random = SeededRandom(seed: 11)
        let sent = try Self.submission("Music in the warehouse", secret: "same")
        let first = try store.addBoxIdea(sent, on: Self.thursday, using: &random)
        let again = try store.addBoxIdea(sent, on: Self.thursday.adding(days: 1), using: &random)
        #expect(again == PortfolioStore.BoxArrival(id: first.id, wasAlreadyThere: true))
        var numbers: Set<BacklogIdeaID> = [first.id]
        for index in 0..<1_500 {
            numbers.insert(try store.addBoxIdea(try Self.submission("Idea \(index)", secret: "secret \(index)"), on: Self.thursday, using: &random).id)
        }
        #expect(numbers.count == 1_501)
        #expect(try store.portfolio().backlog.count == 1_501)
        let highest = try #require(numbers.max()).number
        #expect(highest > 1_501, "numbers are drawn above the count, so they do not tell the order")
    }

    @Test("Reviews are kept across a reopen; the status counts new ideas, their oldest week and the last review; undo as a new change")
    func reviews() throws {
        let database = try DatabaseQueue()
        let store = try PortfolioStore(database)
        var random = SeededRandom(seed: 3)
        let early = try store.addBoxIdea(try Self.submission("Earlier idea", secret: "a"), on: Self.thursday.adding(days: -14), using: &random).id
        let later = try store.addBoxIdea(try Self.submission("Later idea", secret: "b"), on: Self.thursday, using: &random).id
        let today = Self.thursday.adding(days: 4)
        #expect(try store.boxStatus(today: today).description == "2 new, oldest waiting 21 days, no review yet (every 14)")
        #expect(try store.boxStatus(today: today).isReviewDue)

        let undo = try #require(try store.perform(.decide(early, .decline, answer: "We tried this in 2024; it cost more than it saved."), on: today, note: ""))
        _ = try store.perform(.showOnBoard(early, false), on: today, note: "")
        let reopened = try PortfolioStore(database)
        let declined = try #require(try reopened.portfolio().backlog.first { $0.id == early })
        #expect(declined.fate == .declined && !declined.onBoard)
        #expect(declined.answer == ReviewAnswer(text: "We tried this in 2024; it cost more than it saved.", date: today))
        #expect(try reopened.boxStatus(today: today).description == "1 new, oldest waiting 7 days, last review today (every 14)")
        #expect(throws: PortfolioRefusal.changedSince(.backlogIdea(early))) { try reopened.perform(.undo(undo), on: today, note: "") }

        _ = try reopened.perform(.decide(later, .merge(into: .backlogIdea(early)), answer: nil), on: today, note: "")
        #expect(try reopened.portfolio().backlog.first { $0.id == later }?.fate == .merged(into: .backlogIdea(early)))
        #expect(try reopened.history(of: .backlogIdea(early)).map(\.change).contains(.mergedFrom(later)))

        try reopened.setReviewRhythm(try #require(ReviewRhythm(days: 7)))
        #expect(try PortfolioStore(database).reviewRhythm().days == 7)
        #expect(try reopened.boxStatus(today: today.adding(days: 1)).description == "no new ideas, last review 1 day ago (every 7)")
    }

    @Test("A promotion from the box and its undo write the fate columns; a damaged rhythm is refused clearly")
    func promotionAndDamage() throws {
        let database = try DatabaseQueue()
        let store = try PortfolioStore(database)
        var random = SeededRandom(seed: 5)
        let idea = try store.addBoxIdea(try Self.submission("Try a four-day week", secret: "c"), on: Self.thursday, using: &random).id
        let undo = try #require(try store.perform(.promote(idea, TestCard(assumption: "a", successCriterion: "s")), on: Self.thursday, note: ""))
        #expect(try PortfolioStore(database).portfolio().backlog.first { $0.id == idea }?.fate == .promoted(ExperimentID(1)))
        _ = try store.perform(.undo(undo), on: Self.thursday, note: "")
        #expect(try PortfolioStore(database).portfolio().backlog.first { $0.id == idea }?.fate == .new)
        try database.write { try $0.execute(sql: "INSERT OR REPLACE INTO setting(name, value) VALUES ('review_rhythm_days', 'often')") }
        #expect(throws: PortfolioStoreError.damaged("the review rhythm “often”")) { try store.reviewRhythm() }
    }

    @Test("A portfolio from before the box opens with its ideas kept, promoted ones promoted")
    func migrationFromVersionOne() throws {
        let database = try DatabaseQueue()
        try PortfolioSchema.migrator.migrate(database, upTo: "v1 portfolio")
        try database.write { db in
            try db.execute(sql: "INSERT INTO workshop(run, title, goal, date, participants, ideas, votes, added_on) VALUES ('w1', 'T', 'G', NULL, 5, 2, 3, '2026-01-05')")
            try db.execute(sql: "INSERT INTO backlog_idea(id, text, fingerprint, kind, workshop, round, promoted_to) VALUES (1, 'Kept one', 'kept one', 'parked', 'w1', 1, NULL)")
            try db.execute(sql: "INSERT INTO backlog_idea(id, text, fingerprint, kind, workshop, round, promoted_to) VALUES (2, 'Promoted one', 'promoted one', 'shortlisted', 'w1', 1, 1)")
            try db.execute(sql: """
                INSERT INTO experiment(id, title, card, state, learning, workshop, round, follows_up, promoted_from)
                VALUES (1, 'Promoted one', '{"assumption":"a","failureCriterion":"","metric":"","owner":"","smallestTest":"","successCriterion":"s"}', 'planned', NULL, 'w1', 1, NULL, 2)
                """)
        }
        let store = try PortfolioStore(database)
        let backlog = try store.portfolio().backlog
        #expect(backlog.map(\.fate) == [.kept, .promoted(ExperimentID(1))])
        #expect(backlog.map(\.onBoard) == [true, true])
        #expect(try store.boxStatus(today: Self.thursday).description == "no new ideas, no review yet (every 14)")
    }

    @Test("A workshop's receipts follow its ideas into the file: experiments are news at once, a backlog idea once answered; repeats change nothing")
    func workshopReceipts() async throws {
        let database = try DatabaseQueue()
        let store = try PortfolioStore(database)
        let state = try TestSession.followedWorkshop()
        let intake = try WorkshopIntake(report: MinutesReport(state: state), run: RunIdentity("r1"), today: Self.thursday,
                                        timeZone: TimeZone(identifier: "UTC")!)
        guard case let .added(additions) = try store.add(intake) else { Issue.record("the workshop was not added"); return }
        let ideaC = try #require(additions.backlog.first { $0.text == "Idea C" }).id
        let receipts = try database.read { try Row.fetchAll($0, sql: "SELECT proof, subject FROM receipt ORDER BY proof") }
        #expect(receipts.map { [$0["proof"] as String, $0["subject"] as String] } == [
            [TestSession.receipt("a").hex, "E1"], [TestSession.receipt("b").hex, "E1"], [TestSession.receipt("c").hex, ideaC.description],
        ])

        let box = IdeaBoxStore(store: store, settings: BoxSettings(), today: { Self.thursday }, seed: 3)
        var fates = try await box.fates(in: [0], of: 1)
        #expect(Set(fates.ideas.map(\.key)) == [TestSession.receipt("a").receipt, TestSession.receipt("b").receipt],
                "an idea kept from its workshop and unanswered has no news yet")
        for case let .open(_, notice) in fates.ideas {
            #expect(notice.id == "E1" && notice.fate == .experiment && notice.experiment?.title == "Idea A")
        }
        _ = try store.perform(.decide(ideaC, .keep, answer: "Facilities look at it in spring."), on: Self.thursday, note: "")
        fates = try await box.fates(in: [0], of: 1)
        let answered = fates.ideas.first { $0.key == TestSession.receipt("c").receipt }
        guard case let .open(_, notice)? = answered else { Issue.record("no open fate for C: \(String(describing: answered))"); return }
        #expect(notice.id == ideaC.description && notice.answer == "Facilities look at it in spring.")

        // The same run again adds nothing; another run repeating the proofs keeps the first receipts.
        guard case .alreadyThere = try store.add(intake) else { Issue.record("the same run was added twice"); return }
        let again = try WorkshopIntake(report: MinutesReport(state: state), run: RunIdentity("r2"), today: Self.thursday,
                                       timeZone: TimeZone(identifier: "UTC")!)
        guard case .added = try store.add(again) else { Issue.record("the second workshop was not added"); return }
        let after = try database.read { try Row.fetchAll($0, sql: "SELECT proof, subject FROM receipt ORDER BY proof") }
        #expect(after == receipts)
    }

    @Test("Box ideas back from a workshop are decided by the room in the file: merged into the experiment, kept with the receipts merged into it, hidden still taken")
    func boxIdeasBackFromAWorkshop() throws {
        let store = try PortfolioStore(try DatabaseQueue())
        var random = SeededRandom(seed: 9)
        var numbers: [BacklogIdeaID] = []
        for (index, text) in ["Box: route labels", "Box: tape guns", "Box: same as route labels", "Box: hidden"].enumerated() {
            let id = try store.addBoxIdea(try Self.submission(text, secret: "box \(index)"), on: Self.thursday, using: &random).id
            _ = try store.perform(.decide(id, .takeToWorkshop, answer: nil), on: Self.thursday, note: "")
            numbers.append(id)
        }
        let taken = try store.ideasTakenToWorkshop()
        #expect(Set(taken.map(\.id)) == Set(numbers))
        let session = try TestSession.workshopWithBoxIdeas(numbers.map { id in taken.first { $0.id == id }! })
        let intake = try WorkshopIntake(report: MinutesReport(state: session.state), run: RunIdentity("boxed"), today: Self.thursday,
                                        timeZone: TimeZone(identifier: "UTC")!)
        guard case let .added(additions) = try store.add(intake) else { Issue.record("not added"); return }
        let experiment = try #require(additions.experiments.first).id
        #expect(!additions.backlog.contains { $0.text.hasPrefix("Box:") }, "no box idea is added twice")
        let after = try store.portfolio()
        let fates = numbers.map { id in after.backlog.first { $0.id == id }?.fate }
        #expect(fates == [.merged(into: .experiment(experiment)), .kept, .merged(into: .experiment(experiment)), .takenToWorkshop])
        let notes = after.history.filter { $0.subject == .backlogIdea(numbers[1]) && $0.change == .reviewed(.kept) }.map(\.note)
        #expect(notes == ["in the workshop “Test”"])
        let receipts = try store.read { try Row.fetchAll($0, sql: "SELECT proof, subject FROM receipt WHERE proof = ?", arguments: [TestSession.receipt("e").hex]) }
        #expect(receipts.map { $0["subject"] as String } == [numbers[1].description], "the workshop idea merged into a box idea is followed there")
    }
}
