import Foundation
import GRDB
import IdeateCore

/// The company's portfolio on disk: one SQLite file (WAL, `synchronous=FULL`, mode 0600) with
/// every workshop added, its experiments, action items and backlog, and the history of every
/// change. Each change is decided by Core's rules on the item as stored and written with its
/// history row in one transaction; a method returns only after the commit, so what a caller
/// reports is on disk.
public final class PortfolioStore: Sendable {
    /// The portfolio file, or `:memory:` for a portfolio held in memory.
    public let path: String
    private let database: any DatabaseWriter

    /// Opens the portfolio at `path` as ``StoreDatabase`` opens every store file, creating it (and
    /// its folder) when it does not exist yet. Freed bytes are zeroed: an idea withdrawn from
    /// the box leaves no text behind. `pageCacheKiB` bounds each connection's page cache, for a
    /// process that runs for weeks (the box); the file's pages stay in the system's cache anyway.
    public static func open(at path: String, pageCacheKiB: Int? = nil) throws -> PortfolioStore {
        if !FileManager.default.fileExists(atPath: path) { _ = try StoreDatabase.createFile(at: path, failure: PortfolioStoreError.self) }
        return try PortfolioStore(try StoreDatabase.openFile(at: path, zeroesFreedBytes: true, pageCacheKiB: pageCacheKiB,
                                                             failure: PortfolioStoreError.self))
    }

    /// The portfolio `writer` holds, its schema migrated forward (a newer one refused).
    ///
    /// `writer` is used as it was configured: the files ``open(at:)`` opens have WAL and
    /// `synchronous=FULL`; an in-memory database (`DatabaseQueue()`, in tests where a file is
    /// not the point) has neither and needs neither, and ``path`` is then `:memory:`.
    public init(_ writer: any DatabaseWriter) throws {
        try StoreDatabase.migrate(writer, to: PortfolioSchema.migrator, failure: PortfolioStoreError.self)
        database = writer
        path = writer.path
    }

    // MARK: - Adding workshops

    /// Adds a finished workshop's experiments, action items and backlog, numbered after what the
    /// file holds — unless its run is already there, in which case nothing changes.
    public func add(_ intake: WorkshopIntake) throws -> PortfolioAddition {
        try write { db in
            if let row = try Row.fetchOne(db, sql: "SELECT * FROM workshop WHERE run = ?", arguments: [intake.workshop.run.rawValue]) {
                return .alreadyThere(try PortfolioRows.workshop(row))
            }
            let firstExperiment = try Self.nextNumber(in: "experiment", db), firstBacklogIdea = try Self.nextNumber(in: "backlog_idea", db)
            let additions = intake.numbered(
                firstExperiment: firstExperiment, firstActionItem: try Self.nextNumber(in: "action_item", db), firstBacklogIdea: firstBacklogIdea)
            for workshop in additions.workshops { try PortfolioRows.insert(workshop, db) }
            for idea in additions.backlog { try PortfolioRows.insert(idea, db) }
            for experiment in additions.experiments { try PortfolioRows.insert(experiment, db) }
            for item in additions.actionItems { try PortfolioRows.insert(item, db) }
            for entry in additions.history { try PortfolioRows.insert(entry, db) }
            for receipt in intake.receipts(firstExperiment: firstExperiment, firstBacklogIdea: firstBacklogIdea) {
                try PortfolioRows.insertReceipt(receipt.proof, for: receipt.subject, ignoringRepeats: true, db)
            }
            // Box ideas the workshop started with go back to their numbers, decided by the room.
            // One the reviewer changed since (promoted, say) keeps what the reviewer decided.
            let day = intake.workshop.date ?? intake.workshop.addedOn
            for (idea, decision) in intake.boxDecisions(firstExperiment: firstExperiment, firstBacklogIdea: firstBacklogIdea) {
                guard let current = try? Self.backlogIdea(idea, db), current.fate == .takenToWorkshop else { continue }
                do {
                    _ = try Self.review(idea, .decide(idea, decision, answer: nil), on: day, note: intake.boxReturnNote, db)
                } catch is PortfolioRefusal {
                    continue  // the rules refuse this decision now (a merge target changed): it stays taken to the workshop
                }
            }
            return .added(additions)
        }
    }

    // MARK: - Changes

    /// planned → running.
    public func start(_ id: ExperimentID, on date: CalendarDate, note: String = "") throws -> Experiment {
        try write { db in try Self.start(id, on: date, note: note, db).experiment }
    }

    /// running → learned with `learning`; when it decides to test again, the planned follow-up
    /// experiment is opened in the same transaction.
    public func learn(_ id: ExperimentID, _ learning: LearningCard, note: String = "") throws -> (experiment: Experiment, followUp: Experiment?) {
        try write { db in
            let learned = try Self.learn(id, learning, note: note, db)
            return (learned.experiment, learned.followUp)
        }
    }

    /// Moves an action item to `status`.
    public func move(_ id: ActionItemID, to status: TrackedActionItem.Status, on date: CalendarDate, note: String = "") throws -> TrackedActionItem {
        try write { db in try Self.move(id, to: status, on: date, note: note, db).item }
    }

    /// Turns a backlog idea into a planned experiment with `card`.
    public func promote(_ id: BacklogIdeaID, card: TestCard, on date: CalendarDate, note: String = "") throws -> Experiment {
        try write { db in try Self.promote(id, card: card, on: date, note: note, db).experiment }
    }

    // MARK: - Reading

    /// Everything, for the report: workshops in the order they were added, items by number,
    /// history oldest first.
    public func portfolio() throws -> Portfolio {
        try database.read { db in
            var portfolio = try Self.items(db)
            portfolio.history = try Row.fetchAll(db, sql: "SELECT * FROM history ORDER BY seq").map(PortfolioRows.historyEntry)
            return portfolio
        }
    }

    /// Everything but the history, which is most of the decoding work and which a list does
    /// not show.
    public func items() throws -> Portfolio {
        try database.read(Self.items)
    }

    /// One item's history, oldest first.
    public func history(of subject: PortfolioSubject) throws -> [HistoryEntry] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM history WHERE subject = ? ORDER BY seq", arguments: [subject.description])
                .map(PortfolioRows.historyEntry)
        }
    }

    private static func items(_ db: Database) throws -> Portfolio {
        Portfolio(
            workshops: try Row.fetchAll(db, sql: "SELECT * FROM workshop ORDER BY rowid").map(PortfolioRows.workshop),
            experiments: try Row.fetchAll(db, sql: "SELECT * FROM experiment ORDER BY id").map(PortfolioRows.experiment),
            actionItems: try Row.fetchAll(db, sql: "SELECT * FROM action_item ORDER BY id").map(PortfolioRows.actionItem),
            backlog: try Row.fetchAll(db, sql: "SELECT \(PortfolioRows.backlogColumns) FROM backlog_idea ORDER BY id").map { try PortfolioRows.backlogIdea($0) })
    }

    /// `PRAGMA integrity_check`'s verdict: "ok" for a healthy file.
    public func integrityCheck() throws -> String {
        try database.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }

    // MARK: - Helpers

    /// Runs `body` in one write transaction; a refusal rolls it back and is rethrown as it is.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try database.write(body)
        } catch let error as DatabaseError {
            throw PortfolioStoreError.cannotWrite(path, error.message ?? "\(error)")
        }
    }

    /// Runs `body` in one write transaction without blocking the caller's thread.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await database.write(body)
        } catch let error as DatabaseError {
            throw PortfolioStoreError.cannotWrite(path, error.message ?? "\(error)")
        }
    }

    /// Runs `body` on a snapshot of the file without blocking the caller's thread.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T { try await database.read(body) }

    /// Empties the write-ahead log into the file and truncates it, so the log no longer holds
    /// the order of recent commits (best effort: a reader may hold it for a moment).
    func truncateLog() async {
        _ = try? await database.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
    }

    /// Runs `body` on a snapshot of the file.
    func read<T>(_ body: (Database) throws -> T) throws -> T { try database.read(body) }

    static func experiment(_ id: ExperimentID, _ db: Database) throws -> Experiment {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM experiment WHERE id = ?", arguments: [id.number]) else {
            throw PortfolioRefusal.notFound(.experiment(id))
        }
        return try PortfolioRows.experiment(row)
    }

    /// The number after the highest one `table` holds. Numbers are never reused: an experiment
    /// withdrawn by an undo keeps its number in the history.
    static func nextNumber(in table: String, _ db: Database) throws -> Int {
        let stored = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM \(table)") ?? 0
        guard table == "experiment" else { return stored + 1 }
        let withdrawn = try Int.fetchOne(db, sql: """
            SELECT COALESCE(MAX(CAST(substr(subject, 2) AS INTEGER)), 0) FROM history WHERE subject LIKE 'E%'
            """) ?? 0
        return max(stored, withdrawn) + 1
    }
}

/// What adding a workshop did: added it (with the items it brought, numbered), or found it
/// already there.
public enum PortfolioAddition: Equatable, Sendable {
    case added(Portfolio)
    case alreadyThere(Workshop)
}

/// Why the portfolio file could not be used, in words for the facilitator.
public enum PortfolioStoreError: Error, CustomStringConvertible, Equatable {
    case cannotCreate(String, String)
    case unreadable(String, String)
    case newerSchema(String)
    case cannotWrite(String, String)
    /// A row that this version's rules could never have written.
    case damaged(String)

    public var description: String {
        switch self {
        case let .cannotCreate(path, reason): "\(path): cannot create the portfolio: \(reason)"
        case let .unreadable(path, reason): "\(path): not a readable ideate portfolio: \(reason)"
        case let .newerSchema(path): "\(path) was written by a newer ideate; upgrade ideate to open it"
        case let .cannotWrite(path, reason): "\(path): the change was not saved: \(reason)"
        case let .damaged(what): "the portfolio holds something it cannot read: \(what)"
        }
    }
}

extension PortfolioStoreError: StoreFileError {}
