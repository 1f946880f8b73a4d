import Foundation
import GRDB
import IdeateCore

/// One workshop run on disk: a SQLite file (WAL, `synchronous=FULL`, mode 0600) holding the
/// plan and an append-only log of events. The log is the truth; the state is its replay.
public final class RunStore: Sendable {
    /// The run file, or `:memory:` for a run held in memory.
    public let path: String
    private let database: any DatabaseWriter
    /// The row of each idea submitted through this store and not revealed yet, so a batch
    /// reveal rewrites its rows without reading the log back. A cache: bounded (emptied past
    /// ``submissionRowsLimit``), and an idea missing from it is found in the log.
    private let submissionRows = Locked<[IdeaID: Int64]>([:])
    static let submissionRowsLimit = 50_000
    /// The JSON the run file holds (plan and events): keys sorted, slashes as they are.
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// Creates a new run file for `plan`, opened as ``StoreDatabase`` opens every store file.
    /// Fails if `path` already exists: a run is never overwritten by accident.
    public static func create(at path: String, plan: Plan) throws -> RunStore {
        guard try StoreDatabase.createFile(at: path, failure: RunStoreError.self) else { throw RunStoreError.alreadyExists(path) }
        return try create(in: try openFile(at: path), plan: plan)
    }

    /// Starts a run of `plan` in `writer`, an empty database: in tests, an in-memory
    /// `DatabaseQueue()` where a file is not the point.
    public static func create(in writer: any DatabaseWriter, plan: Plan) throws -> RunStore {
        let store = try RunStore(writer)
        try store.database.write { db in
            try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('plan', ?)",
                           arguments: [String(decoding: try Self.encoder.encode(plan), as: UTF8.self)])
            try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('created_by', ?)", arguments: ["ideate"])
            var random = SystemRandomNumberGenerator()
            try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('run_id', ?)",
                           arguments: [RunIdentity.random(using: &random).rawValue])
        }
        return store
    }

    /// Opens an existing run, migrating an older schema forward.
    public static func open(at path: String) throws -> RunStore {
        guard FileManager.default.fileExists(atPath: path) else { throw RunStoreError.notFound(path) }
        return try RunStore(try openFile(at: path))
    }

    /// The run file at `path` as every store file is opened, with `secure_delete` on: a revealed
    /// batch's rewritten rows leave no old bytes behind.
    private static func openFile(at path: String) throws -> DatabasePool {
        try StoreDatabase.openFile(at: path, zeroesFreedBytes: true, failure: RunStoreError.self)
    }

    /// The run `writer` holds, its schema migrated forward (a newer one refused).
    ///
    /// `writer` is used as it was configured: the run files ``create(at:plan:)`` and
    /// ``open(at:)`` open have WAL, `synchronous=FULL` and `secure_delete`; an in-memory
    /// database has none of these and needs none, and ``path`` is then `:memory:`.
    public init(_ writer: any DatabaseWriter) throws {
        try StoreDatabase.migrate(writer, to: RunSchema.migrator, failure: RunStoreError.self)
        database = writer
        path = writer.path
    }

    /// The plan the run was started with.
    public func plan() throws -> Plan {
        let json = try database.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'plan'") }
        guard let json else { throw RunStoreError.unreadable(path, "the run file holds no plan") }
        return try JSONDecoder().decode(Plan.self, from: Data(json.utf8))
    }

    /// Which run this is, for the portfolio: the identity given when the file was created, or
    /// for a file from before runs had one, a digest of its stored plan and first event (the
    /// same for every copy of the file, different for any other run). Nil while the log is
    /// empty and the file has no identity yet.
    public func identity() throws -> RunIdentity? {
        try database.read { db in
            if let stored = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'run_id'") { return RunIdentity(stored) }
            guard let plan = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'plan'"),
                  let first = try String.fetchOne(db, sql: "SELECT payload FROM event ORDER BY seq LIMIT 1") else { return nil }
            return RunIdentity.derived(storedPlan: plan, firstStoredEvent: first)
        }
    }

    /// Appends `events` in one transaction; when this returns they are on disk.
    ///
    /// `revealedBatches` holds, for each batch of ideas the events reveal, its ideas in revealed
    /// order as they stood when revealed. In the same transaction their submission rows are
    /// rewritten in that order: the same rows, so nothing else moves, and the file no longer
    /// tells in which order the batch arrived. Freed bytes are zeroed (`secure_delete`) and the
    /// write-ahead log, which still holds the old order, is truncated after the commit. A
    /// database in memory has no log: there SQLite's checkpoint does nothing.
    public func append(_ events: [Event], revealedBatches: [[Idea]] = []) async throws {
        let payloads = try events.map(EventPayload.encode)
        let rows = try await database.write { db in
            let rows = try Self.insert(payloads, db)
            if !revealedBatches.isEmpty {
                var inserted: [IdeaID: Int64] = [:]
                for case let (.ideaSubmitted(idea), row) in zip(events, rows) { inserted[idea.id] = row }
                for batch in revealedBatches { try self.rewriteSubmissions(of: batch, inserted: inserted, db) }
            }
            return rows
        }
        rememberSubmissionRows(of: events, rows: rows)
        if !revealedBatches.isEmpty {
            // A reader may hold the log for a moment; the next reveal truncates it then.
            _ = try? await database.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        }
    }

    /// Notes the rows of the ideas `events` submit, once committed, and forgets revealed and
    /// withdrawn ones (their rows are never rewritten again).
    private func rememberSubmissionRows(of events: [Event], rows: [Int64]) {
        submissionRows.withLock { known in
            for (event, row) in zip(events, rows) {
                switch event {
                case let .ideaSubmitted(idea): known[idea.id] = row
                case let .ideasRevealed(ids, _): for id in ids { known[id] = nil }
                case let .ideaWithdrawn(id): known[id] = nil
                default: break
                }
            }
            if known.count > Self.submissionRowsLimit { known = [:] }
        }
    }

    /// Puts the submission rows of `batch` in the order of `batch`, each as it stood when
    /// revealed. Rows this store wrote (or writes in this transaction) are known; any other
    /// (a resumed run) is found from the newest back: a batch is what arrived lately.
    private func rewriteSubmissions(of batch: [Idea], inserted: [IdeaID: Int64], _ db: Database) throws {
        var slots: [Int64] = []
        var wanted = Set<IdeaID>()
        submissionRows.withLock { known in
            for idea in batch {
                if let row = known[idea.id] ?? inserted[idea.id] { slots.append(row) } else { wanted.insert(idea.id) }
            }
        }
        if !wanted.isEmpty {
            let rows = try Row.fetchCursor(db, sql: """
                SELECT seq, payload FROM event WHERE payload LIKE '{"ideaSubmitted":%' ORDER BY seq DESC
                """)
            while !wanted.isEmpty, let row = try rows.next() {
                guard case let .ideaSubmitted(idea) = try EventPayload.decode(row["payload"]),
                      wanted.remove(idea.id) != nil else { continue }
                slots.append(row["seq"])
            }
        }
        guard wanted.isEmpty else { throw RunStoreError.unreadable(path, "a revealed idea has no submission row") }
        let update = try db.cachedStatement(sql: "UPDATE event SET payload = ? WHERE seq = ?")
        for (slot, idea) in zip(slots.sorted(), batch) {
            var asSubmitted = idea
            asSubmitted.isRevealed = false
            try update.execute(arguments: [try EventPayload.encode(.ideaSubmitted(asSubmitted)), slot])
        }
    }

    /// The blocking form of ``append(_:)``, for tools that have no event loop.
    public func appendNow(_ events: [Event]) throws {
        let payloads = try events.map(EventPayload.encode)
        try database.write { db in _ = try Self.insert(payloads, db) }
    }

    /// Inserts `payloads` in order; their rows.
    private static func insert(_ payloads: [String], _ db: Database) throws -> [Int64] {
        let statement = try db.cachedStatement(sql: "INSERT INTO event(payload) VALUES (?)")
        var rows: [Int64] = []
        rows.reserveCapacity(payloads.count)
        for payload in payloads {
            try statement.execute(arguments: [payload])
            rows.append(db.lastInsertedRowID)
        }
        return rows
    }

    /// Every event in the order it was committed.
    public func events() throws -> [Event] {
        try database.read { db in
            let rows = try String.fetchCursor(db, sql: "SELECT payload FROM event ORDER BY seq")
            var events: [Event] = []
            while let payload = try rows.next() {
                do {
                    events.append(try EventPayload.decode(payload))
                } catch {
                    throw RunStoreError.unreadable(path, "event \(events.count + 1) cannot be read: \(error)")
                }
            }
            return events
        }
    }

    public func eventCount() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event") ?? 0 }
    }

    /// The state the log describes.
    public func replay() throws -> SessionState {
        SessionState(plan: try plan(), replaying: try events())
    }

    /// `PRAGMA integrity_check`'s verdict: "ok" for a healthy file.
    public func integrityCheck() throws -> String {
        try database.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }

    /// Notes that the console was alive at `instant`, so a resumed run can stop its timer at
    /// the moment the process died rather than when it was restarted. Not an event: it says
    /// nothing about the workshop.
    public func recordHeartbeat(_ instant: Instant) throws {
        try database.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('heartbeat', ?)",
                           arguments: [String(instant.millisecondsSince1970)])
        }
    }

    /// The last heartbeat, if the run ever had a console.
    public func lastHeartbeat() throws -> Instant? {
        try database.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'heartbeat'")
                .flatMap(Int64.init).map(Instant.init(millisecondsSince1970:))
        }
    }

    /// `PRAGMA synchronous` on the store's own connection (2 is FULL).
    public func synchronousLevel() throws -> Int {
        try database.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    /// The schema version this file is at.
    public func schemaVersion() throws -> String? {
        try database.read { db in try RunSchema.migrator.appliedIdentifiers(db).sorted().last }
    }
}

/// Why a run file could not be used, in words for the facilitator.
public enum RunStoreError: Error, CustomStringConvertible, Equatable {
    case alreadyExists(String)
    case notFound(String)
    case cannotCreate(String, String)
    case unreadable(String, String)
    case newerSchema(String)

    public var description: String {
        switch self {
        case let .alreadyExists(path): "\(path) already exists; choose another run file or remove it first"
        case let .notFound(path): "\(path): no such run file"
        case let .cannotCreate(path, reason): "\(path): cannot create the run file: \(reason)"
        case let .unreadable(path, reason): "\(path): not a readable ideate run: \(reason)"
        case let .newerSchema(path): "\(path) was written by a newer ideate; upgrade ideate to open it"
        }
    }
}

extension RunStoreError: StoreFileError {}
