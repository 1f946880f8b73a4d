import Foundation
import GRDB
import IdeateCore
import IdeateTestSupport
@testable import IdeateStore
import Testing

/// A finished workshop for the portfolio: the plan of the crash probe (ideas, vote, review with
/// experiment cards and action items), simulated through the real engine and store.
enum PortfolioFixtures {
    static let plan = Plan(
        title: "Portfolio store test", goal: "Follow everything up",
        anonymity: AnonymitySettings(reveal: .immediate),
        voting: VotingSettings(votesPerPerson: 3, maxVotesPerIdea: 2, shortlist: 3),
        rounds: [RoundPlan(prompt: "What slows us down?", phases: [
            PhasePlan(kind: .ideate, seconds: 120), PhasePlan(kind: .vote, seconds: 60), PhasePlan(kind: .review, seconds: nil),
        ])])
    static let today = CalendarDate(year: 2026, month: 3, day: 20)!
    static let utc = TimeZone(identifier: "UTC")!

    /// A finished run file at `path`.
    static func finishedRun(at path: String, seed: UInt64 = 3) async throws -> RunStore {
        try await finish(try RunStore.create(at: path, plan: plan), seed: seed)
    }

    /// A finished run in `database`, by default a new one in memory.
    static func finishedRun(in database: (any DatabaseWriter)? = nil, seed: UInt64 = 3) async throws -> RunStore {
        try await finish(try RunStore.create(in: try database ?? DatabaseQueue(), plan: plan), seed: seed)
    }

    private static func finish(_ store: RunStore, seed: UInt64) async throws -> RunStore {
        let engine = try DurableEngine(store: store, seed: seed)
        _ = try await WorkshopSimulator(plan: plan, participants: 6, seed: seed, start: Fixtures.start).run(on: engine)
        return store
    }

    static func intake(_ store: RunStore) throws -> WorkshopIntake {
        try WorkshopIntake(report: MinutesReport(state: try store.replay()), run: try #require(try store.identity()),
                           today: today, timeZone: utc)
    }
}

@Suite("Portfolio store", .offThePool, .timeLimit(.minutes(5)))
struct PortfolioStoreTests {
    @Test("Adding a run twice changes nothing; a reopened portfolio holds exactly what was added")
    func idempotentAdd() async throws {
        let folder = try TemporaryFolder()
        let run = try await PortfolioFixtures.finishedRun(at: folder.file("run.sqlite"))
        let portfolio = try PortfolioStore.open(at: folder.file("portfolio.sqlite"))
        guard case let .added(additions) = try portfolio.add(try PortfolioFixtures.intake(run)) else {
            Issue.record("the first add should add")
            return
        }
        #expect(!additions.experiments.isEmpty && !additions.actionItems.isEmpty && !additions.backlog.isEmpty)
        let before = try portfolio.portfolio()
        #expect(before.experiments == additions.experiments && before.backlog == additions.backlog)
        #expect(try portfolio.add(try PortfolioFixtures.intake(run)) == .alreadyThere(additions.workshops[0]))
        let copy = folder.file("copy.sqlite")
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: run.path + suffix) {
            try FileManager.default.copyItem(atPath: run.path + suffix, toPath: copy + suffix)
        }
        #expect(try portfolio.add(try PortfolioFixtures.intake(try RunStore.open(at: copy))) == .alreadyThere(additions.workshops[0]),
                "a copy of the run file is the same run")
        #expect(try PortfolioStore.open(at: portfolio.path).portfolio() == before)
        let other = try await PortfolioFixtures.finishedRun(at: folder.file("other.sqlite"), seed: 3)
        guard case let .added(more) = try portfolio.add(try PortfolioFixtures.intake(other)) else {
            Issue.record("another run of the same plan, even the same simulated one, is another workshop")
            return
        }
        #expect(more.experiments.first?.id == ExperimentID(additions.experiments.count + 1), "numbers continue")
    }

    @Test("Changes are saved with their history; a refused change saves nothing")
    func changes() async throws {
        let database = try DatabaseQueue()
        let portfolio = try PortfolioStore(database)
        _ = try portfolio.add(try PortfolioFixtures.intake(try await PortfolioFixtures.finishedRun()))
        let day = PortfolioFixtures.today
        let learning = LearningCard(outcome: .unclear, observed: "Too few people tried it", learned: "Two weeks are too short",
                                    decision: .testAgain, date: day.adding(days: 14))
        let before = try portfolio.portfolio()
        #expect(throws: PortfolioRefusal.experimentNotRunning(ExperimentID(1), .planned)) { try portfolio.learn(ExperimentID(1), learning) }
        #expect(throws: PortfolioRefusal.notFound(.experiment(ExperimentID(99)))) { try portfolio.start(ExperimentID(99), on: day) }
        #expect(try portfolio.portfolio() == before, "nothing was written")

        #expect(try portfolio.start(ExperimentID(1), on: day, note: "one team").state == .running)
        let (learned, followUp) = try portfolio.learn(ExperimentID(1), learning, note: "small sample")
        #expect(learned.learning?.outcome == .unclear)
        let next = try #require(followUp)
        #expect(next.followsUp == ExperimentID(1) && next.state == .planned)
        let item = try #require(before.actionItems.first)
        #expect(try portfolio.move(item.id, to: .done, on: day).status == .done)
        #expect(throws: PortfolioRefusal.actionItemClosed(item.id, .done)) { try portfolio.move(item.id, to: .open, on: day) }
        let idea = try #require(before.backlog.first)
        let card = TestCard(assumption: "It came back", successCriterion: "People use it")
        let promoted = try portfolio.promote(idea.id, card: card, on: day)
        #expect(promoted.promotedFrom == idea.id)
        #expect(throws: PortfolioRefusal.alreadyPromoted(idea.id, to: promoted.id)) { try portfolio.promote(idea.id, card: card, on: day) }

        let after = try PortfolioStore(database).portfolio()
        #expect(after.experiments.first { $0.id == ExperimentID(1) } == learned)
        #expect(after.backlog.first { $0.id == idea.id }?.promotedTo == promoted.id)
        let changes = after.history.filter { $0.subject == .experiment(ExperimentID(1)) }.map(\.change)
        #expect(changes == [.addedFromWorkshop, .started, .learned(.unclear, .testAgain), .followUpOpened(next.id)])
        #expect(after.history.contains { $0.subject == .actionItem(item.id) && $0.change == .actionItemStatus(from: .open, to: .done) })
        #expect(after.history.first { $0.change == .started }?.note == "one team")
    }

    @Test("Every edit through the engine seam answers with its undo; an undo is a new change in the history, refused once the item moved on")
    func undoAsCompensatingChanges() async throws {
        let database = try DatabaseQueue()
        let portfolio = try PortfolioStore(database)
        _ = try portfolio.add(try PortfolioFixtures.intake(try await PortfolioFixtures.finishedRun()))
        let day = PortfolioFixtures.today
        let before = try portfolio.portfolio()
        let engine: any PortfolioEngine = portfolio

        let unstart = try #require(try engine.perform(.start(ExperimentID(1)), on: day, note: ""))
        #expect(unstart == .unstart(ExperimentID(1), previousStart: nil))
        let learning = LearningCard(outcome: .unclear, observed: "o", learned: "l", decision: .testAgain, date: day)
        let unlearn = try #require(try engine.perform(.learn(ExperimentID(1), learning), on: day, note: ""))
        let followUp = try #require(try portfolio.portfolio().experiments.last)
        #expect(unlearn == .unlearn(ExperimentID(1), followUp: followUp.id))
        #expect(try engine.perform(.undo(unlearn), on: day, note: "wrong experiment") == nil)
        #expect(try engine.perform(.undo(unstart), on: day, note: "") == nil)
        let item = try #require(before.actionItems.first).id
        let unmove = try #require(try engine.perform(.move(item, to: .dropped), on: day, note: ""))
        #expect(try engine.perform(.undo(unmove), on: day, note: "") == nil)
        let idea = try #require(before.backlog.first).id
        let unpromote = try #require(try engine.perform(.promote(idea, TestCard(assumption: "a", successCriterion: "s")), on: day, note: ""))
        #expect(try engine.perform(.undo(unpromote), on: day, note: "") == nil)

        let after = try PortfolioStore(database).portfolio()
        #expect(after.experiments == before.experiments && after.actionItems == before.actionItems && after.backlog == before.backlog,
                "every item is as it was")
        let history = after.history.dropFirst(before.history.count).map { "\($0.subject) \($0.change)" }
        #expect(history == [
            "E1 started", "E1 learned: unclear; therefore we will test again", "E1 follow-up experiment \(followUp.id) opened",
            "\(followUp.id) opened to test again after E1", "E1 undone: learned: unclear; therefore we will test again",
            "\(followUp.id) undone: opened to test again after E1", "E1 undone: started",
            "\(item) open → dropped", "\(item) undone: open → dropped",
            "\(idea) promoted to experiment E\(followUp.id.number + 1)", "E\(followUp.id.number + 1) promoted from backlog idea \(idea)",
            "\(idea) undone: promoted to experiment E\(followUp.id.number + 1)", "E\(followUp.id.number + 1) undone: promoted from backlog idea \(idea)",
        ], "a withdrawn experiment's number is not given again")
        #expect(after.history.last { $0.change == .undone(.learned(.unclear, .testAgain)) }?.note == "wrong experiment")

        _ = try engine.perform(.start(ExperimentID(2)), on: day, note: "")
        let stale = try #require(try engine.perform(.start(ExperimentID(1)), on: day, note: ""))
        _ = try engine.perform(.learn(ExperimentID(1), LearningCard(outcome: .validated, observed: "o", learned: "l", decision: .stop, date: day)),
                               on: day, note: "elsewhere")
        let changed = try portfolio.portfolio()
        #expect(throws: PortfolioRefusal.changedSince(.experiment(ExperimentID(1)))) { try engine.perform(.undo(stale), on: day, note: "") }
        #expect(try portfolio.portfolio() == changed, "a refused undo writes nothing")
    }

    @Test("The portfolio file is created with mode 0600; junk and newer files are refused clearly")
    func files() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("nested/portfolio.sqlite")
        _ = try PortfolioStore.open(at: path)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
        let junk = folder.file("junk.sqlite")
        try Data("this is not a database, just text that is long enough".utf8).write(to: URL(fileURLWithPath: junk))
        #expect { try PortfolioStore.open(at: junk) } throws: { error in
            guard case .unreadable? = error as? PortfolioStoreError else { return false }
            return true
        }
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations(identifier) VALUES ('v99 from the future')") }
        try queue.close()
        #expect(throws: PortfolioStoreError.newerSchema(path)) { try PortfolioStore.open(at: path) }
    }

    @Test("A run is identified by the id it was created with, or, in an older file, by a digest of its plan and first event")
    func runIdentity() async throws {
        let firstDatabase = try DatabaseQueue()
        let secondDatabase = try DatabaseQueue()
        let first = try await PortfolioFixtures.finishedRun(in: firstDatabase)
        let second = try await PortfolioFixtures.finishedRun(in: secondDatabase, seed: 4)
        let id = try #require(try first.identity())
        let secondID = try second.identity()
        #expect(id.rawValue.count == 32 && id != secondID, "a new run carries its own identity")
        for database in [firstDatabase, secondDatabase] {
            try await database.write { try $0.execute(sql: "DELETE FROM meta WHERE key = 'run_id'") }
        }
        let old = try #require(try RunStore(firstDatabase).identity())
        #expect(old.rawValue.hasPrefix("digest-"))
        let again = try RunStore(firstDatabase).identity()
        let secondOld = try RunStore(secondDatabase).identity()
        #expect(again == old, "stable")
        #expect(secondOld != old, "the same plan run again is another run")
        #expect(try RunStore.create(in: DatabaseQueue(), plan: PortfolioFixtures.plan).identity() != nil)
    }

    @Test("The stored form of every history change is pinned", arguments: [
        (PortfolioChange.addedFromWorkshop, #"{"addedFromWorkshop":{}}"#),
        (.started, #"{"started":{}}"#),
        (.learned(.invalidated, .testAgain), #"{"learned":{"_0":"invalidated","_1":"test-again"}}"#),
        (.actionItemStatus(from: .open, to: .stuck), #"{"actionItemStatus":{"from":"open","to":"stuck"}}"#),
        (.promoted(to: ExperimentID(4)), #"{"promoted":{"to":"E4"}}"#),
        (.promotedFrom(BacklogIdeaID(7)), #"{"promotedFrom":{"_0":"B7"}}"#),
        (.followUpOpened(ExperimentID(9)), #"{"followUpOpened":{"_0":"E9"}}"#),
        (.followsUp(ExperimentID(3)), #"{"followsUp":{"_0":"E3"}}"#),
        (.undone(.started), #"{"undone":{"_0":{"started":{}}}}"#),
        (.reviewed(.declined), #"{"reviewed":{"_0":{"declined":{}}}}"#),
        (.reviewed(.merged(into: .experiment(ExperimentID(2)))), #"{"reviewed":{"_0":{"merged":{"into":{"experiment":{"_0":"E2"}}}}}}"#),
        (.mergedFrom(BacklogIdeaID(417)), #"{"mergedFrom":{"_0":"B417"}}"#),
        (.answered("Not now: the bay is a fire lane."), #"{"answered":{"_0":"Not now: the bay is a fire lane."}}"#),
        (.board(shown: false), #"{"board":{"shown":false}}"#),
    ])
    func storedChanges(change: PortfolioChange, stored: String) throws {
        #expect(try PortfolioRows.json(change) == stored)
        #expect(try PortfolioRows.value(PortfolioChange.self, stored) == change)
    }

    @Test("The stored test and learning cards are pinned")
    func storedCards() throws {
        let card = TestCard(assumption: "A", smallestTest: "T", metric: "M", successCriterion: "S", failureCriterion: "F", owner: "O",
                            startDate: CalendarDate(iso: "2026-03-16"), reviewDate: nil)
        let stored = #"{"assumption":"A","failureCriterion":"F","metric":"M","owner":"O","smallestTest":"T","startDate":"2026-03-16","successCriterion":"S"}"#
        #expect(try PortfolioRows.json(card) == stored)
        #expect(try PortfolioRows.value(TestCard.self, stored) == card)
        let learning = LearningCard(outcome: .validated, believed: "B", observed: "O", learned: "L", decision: .persevere,
                                    date: CalendarDate(iso: "2026-04-01")!)
        let storedLearning = #"{"believed":"B","date":"2026-04-01","decision":"persevere","learned":"L","observed":"O","outcome":"validated"}"#
        #expect(try PortfolioRows.json(learning) == storedLearning)
        #expect(try PortfolioRows.value(LearningCard.self, storedLearning) == learning)
    }
}

/// Kills a portfolio writer with SIGKILL mid-write and checks that the file holds every change
/// it acknowledged, and every workshop whole or not at all.
@Suite("Portfolio crash safety", .offThePool, .timeLimit(.minutes(10)))
struct PortfolioCrashTests {
    @Test("SIGKILL 20 times mid-write: every reopen passes integrity_check, keeps what was acknowledged, and no workshop is half there")
    func killedWriter() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("portfolio.sqlite")
        var random = SeededRandom(seed: TestSeed.make())
        var addedRuns: Set<String> = []
        var started: Set<String> = []
        for _ in 0..<20 {
            let process = Process()
            process.executableURL = CrashTests.probe
            process.arguments = ["--portfolio", path]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            var printed = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
            usleep(UInt32(random.next() % 60_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal, "the probe must die by the signal, not on its own")
            printed += String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            for line in printed.split(separator: "\n") {
                if line.hasPrefix("ack add ") { addedRuns.insert(String(line.dropFirst(8))) }
                if line.hasPrefix("ack start ") { started.insert(String(line.dropFirst(10))) }
            }

            let store = try PortfolioStore.open(at: path)
            #expect(try store.integrityCheck() == "ok")
            let portfolio = try store.portfolio()
            let runs = Set(portfolio.workshops.map(\.run.rawValue))
            #expect(addedRuns.isSubset(of: runs), "acknowledged but lost: \(addedRuns.subtracting(runs).prefix(3))")
            let experimentsPerRun = Dictionary(grouping: portfolio.experiments, by: { $0.workshop?.rawValue ?? "" }).mapValues(\.count)
            let backlogPerRun = Dictionary(grouping: portfolio.backlog, by: { $0.workshop?.rawValue ?? "" }).mapValues(\.count)
            #expect(Set(experimentsPerRun.values).count <= 1 && Set(backlogPerRun.values).count <= 1, "every workshop is whole")
            #expect(experimentsPerRun.count == runs.count)
            for experiment in portfolio.experiments where started.contains(experiment.id.description) {
                #expect(experiment.state == .running)
            }
            let startedInHistory = Set(portfolio.history.filter { $0.change == .started }.map(\.subject))
            let running = Set(portfolio.experiments.filter { $0.state == .running }.map { PortfolioSubject.experiment($0.id) })
            #expect(startedInHistory == running, "a state change and its history row are written together")
        }
        #expect(addedRuns.count > 20)
    }
}
