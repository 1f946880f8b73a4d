import Foundation
#if canImport(Glibc)
import Glibc
#endif
import GRDB
import IdeateCore

/// The company's portfolio on disk: one SQLite file (WAL, `synchronous=FULL`, mode 0600) with
/// every workshop added, its experiments, action items and backlog, and the history of every
/// change. Each change is decided by Core's rules on the item as stored and written with its
/// history row in one transaction; a method returns only after the commit, so what a caller
/// reports is on disk.
public final class PortfolioStore: Sendable {
    public let path: String
    private let database: DatabasePool

    /// Opens the portfolio at `path`, creating it (and its folder) when it does not exist yet.
    public static func open(at path: String) throws -> PortfolioStore {
        if !FileManager.default.fileExists(atPath: path) {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
            let descriptor = Glibc.open(path, O_CREAT | O_RDWR, 0o600)
            guard descriptor >= 0 else { throw PortfolioStoreError.cannotCreate(path, String(cString: strerror(errno))) }
            close(descriptor)
        }
        return try PortfolioStore(path: path)
    }

    private init(path: String) throws {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        do {
            database = try DatabasePool(path: path, configuration: configuration)
            // As for run files: a reported change must survive a power loss too.
            try database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            let migrator = PortfolioSchema.migrator
            if try database.read({ try migrator.hasBeenSuperseded($0) }) { throw PortfolioStoreError.newerSchema(path) }
            try migrator.migrate(database)
        } catch let error as DatabaseError {
            throw PortfolioStoreError.unreadable(path, error.message ?? "\(error)")
        }
    }

    // MARK: - Adding workshops

    /// Adds a finished workshop's experiments, action items and backlog, numbered after what the
    /// file holds — unless its run is already there, in which case nothing changes.
    public func add(_ intake: WorkshopIntake) throws -> PortfolioAddition {
        try write { db in
            if let row = try Row.fetchOne(db, sql: "SELECT * FROM workshop WHERE run = ?", arguments: [intake.workshop.run.rawValue]) {
                return .alreadyThere(try PortfolioRows.workshop(row))
            }
            let additions = intake.numbered(
                firstExperiment: try Self.nextNumber(in: "experiment", db), firstActionItem: try Self.nextNumber(in: "action_item", db),
                firstBacklogIdea: try Self.nextNumber(in: "backlog_idea", db))
            for workshop in additions.workshops { try PortfolioRows.insert(workshop, db) }
            for idea in additions.backlog { try PortfolioRows.insert(idea, db) }
            for experiment in additions.experiments { try PortfolioRows.insert(experiment, db) }
            for item in additions.actionItems { try PortfolioRows.insert(item, db) }
            for entry in additions.history { try PortfolioRows.insert(entry, db) }
            return .added(additions)
        }
    }

    // MARK: - Changes

    /// planned → running.
    public func start(_ id: ExperimentID, on date: CalendarDate, note: String = "") throws -> Experiment {
        try write { db in
            var experiment = try Self.experiment(id, db)
            let entry = try experiment.start(on: date, note: note)
            try PortfolioRows.update(experiment, db)
            try PortfolioRows.insert(entry, db)
            return experiment
        }
    }

    /// running → learned with `learning`; when it decides to test again, the planned follow-up
    /// experiment is opened in the same transaction.
    public func learn(_ id: ExperimentID, _ learning: LearningCard, note: String = "") throws -> (experiment: Experiment, followUp: Experiment?) {
        try write { db in
            var experiment = try Self.experiment(id, db)
            try PortfolioRows.insert(try experiment.learn(learning, note: note), db)
            try PortfolioRows.update(experiment, db)
            guard learning.decision == .testAgain else { return (experiment, nil) }
            let followUp = try experiment.followUp(as: ExperimentID(try Self.nextNumber(in: "experiment", db)), on: learning.date)
            try PortfolioRows.insert(followUp.experiment, db)
            for entry in followUp.history { try PortfolioRows.insert(entry, db) }
            return (experiment, followUp.experiment)
        }
    }

    /// Moves an action item to `status`.
    public func move(_ id: ActionItemID, to status: TrackedActionItem.Status, on date: CalendarDate, note: String = "") throws -> TrackedActionItem {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM action_item WHERE id = ?", arguments: [id.number]) else {
                throw PortfolioRefusal.notFound(.actionItem(id))
            }
            var item = try PortfolioRows.actionItem(row)
            let entry = try item.move(to: status, on: date, note: note)
            try PortfolioRows.update(item, db)
            try PortfolioRows.insert(entry, db)
            return item
        }
    }

    /// Turns a backlog idea into a planned experiment with `card`.
    public func promote(_ id: BacklogIdeaID, card: TestCard, on date: CalendarDate, note: String = "") throws -> Experiment {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM backlog_idea WHERE id = ?", arguments: [id.number]) else {
                throw PortfolioRefusal.notFound(.backlogIdea(id))
            }
            var idea = try PortfolioRows.backlogIdea(row)
            let promoted = try idea.promote(as: ExperimentID(try Self.nextNumber(in: "experiment", db)), card: card, on: date, note: note)
            try PortfolioRows.insert(promoted.experiment, db)
            try db.execute(sql: "UPDATE backlog_idea SET promoted_to = ? WHERE id = ?", arguments: [promoted.experiment.id.number, id.number])
            for entry in promoted.history { try PortfolioRows.insert(entry, db) }
            return promoted.experiment
        }
    }

    // MARK: - Reading

    /// Everything, for the report: workshops in the order they were added, items by number,
    /// history oldest first.
    public func portfolio() throws -> Portfolio {
        try database.read { db in
            Portfolio(
                workshops: try Row.fetchAll(db, sql: "SELECT * FROM workshop ORDER BY rowid").map(PortfolioRows.workshop),
                experiments: try Row.fetchAll(db, sql: "SELECT * FROM experiment ORDER BY id").map(PortfolioRows.experiment),
                actionItems: try Row.fetchAll(db, sql: "SELECT * FROM action_item ORDER BY id").map(PortfolioRows.actionItem),
                backlog: try Row.fetchAll(db, sql: "SELECT * FROM backlog_idea ORDER BY id").map(PortfolioRows.backlogIdea),
                history: try Row.fetchAll(db, sql: "SELECT * FROM history ORDER BY seq").map(PortfolioRows.historyEntry))
        }
    }

    /// `PRAGMA integrity_check`'s verdict: "ok" for a healthy file.
    public func integrityCheck() throws -> String {
        try database.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }

    // MARK: - Helpers

    /// Runs `body` in one write transaction; a refusal rolls it back and is rethrown as it is.
    private func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try database.write(body)
        } catch let error as DatabaseError {
            throw PortfolioStoreError.cannotWrite(path, error.message ?? "\(error)")
        }
    }

    private static func experiment(_ id: ExperimentID, _ db: Database) throws -> Experiment {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM experiment WHERE id = ?", arguments: [id.number]) else {
            throw PortfolioRefusal.notFound(.experiment(id))
        }
        return try PortfolioRows.experiment(row)
    }

    /// The number after the highest one `table` holds (numbers are never reused).
    private static func nextNumber(in table: String, _ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) + 1 FROM \(table)") ?? 1
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
