import Foundation
#if canImport(Glibc)
import Glibc
#endif
import GRDB

/// The one way ideate opens a SQLite store, a run file or a portfolio, so both are as durable and
/// as private as each other: WAL, `synchronous=FULL`, a five-second busy timeout, the file
/// created with mode 0600, named migrations run forward and a schema from a newer ideate refused
/// rather than misread. Each store says what went wrong in its own error type
/// (``StoreFileError``).
enum StoreDatabase {
    /// The configuration of every connection to a store file. `zeroesFreedBytes` turns on
    /// `secure_delete`, for a file whose rewritten rows must leave no old bytes behind (the order
    /// of a revealed batch in a run file). `pageCacheKiB` bounds each connection's page cache
    /// (SQLite's default is 2,000 KiB); nil keeps the default.
    static func configuration(zeroesFreedBytes: Bool, pageCacheKiB: Int? = nil) -> Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            // An acknowledged change must survive a power loss too, which WAL's usual
            // synchronous=NORMAL does not promise.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            if zeroesFreedBytes { try db.execute(sql: "PRAGMA secure_delete = ON") }
            if let pageCacheKiB { try db.execute(sql: "PRAGMA cache_size = \(-pageCacheKiB)") }
        }
        return configuration
    }

    /// Makes an empty file at `path`, and its folder, readable and writable by its owner only
    /// (0600): SQLite would create it with the umask's wider mode.
    /// - Returns: False, creating nothing, when `path` already exists.
    /// - Throws: `Failure.cannotCreate` when the file cannot be made; the folder's own error when
    ///   the folder cannot.
    static func createFile<Failure: StoreFileError>(at path: String, failure: Failure.Type) throws -> Bool {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        let descriptor = Glibc.open(path, O_CREAT | O_EXCL | O_RDWR, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { return false }
            throw Failure.cannotCreate(path, String(cString: strerror(errno)))
        }
        close(descriptor)
        return true
    }

    /// Opens the store file at `path` with ``configuration(zeroesFreedBytes:)`` as a
    /// `DatabasePool` (one writer, concurrent readers). The store then brings its schema up to
    /// date with ``migrate(_:to:failure:)``, as for a database it is handed.
    /// - Throws: `Failure.unreadable` when the file is not a database SQLite can open.
    static func openFile<Failure: StoreFileError>(
        at path: String, zeroesFreedBytes: Bool, pageCacheKiB: Int? = nil, failure: Failure.Type
    ) throws -> DatabasePool {
        do {
            let pool = try DatabasePool(path: path, configuration: configuration(zeroesFreedBytes: zeroesFreedBytes, pageCacheKiB: pageCacheKiB))
            // Opening a pool puts its writer into WAL mode after `prepareDatabase` ran, and sets
            // synchronous=NORMAL as it does; the writer is the only connection that writes, so
            // FULL is set on it again here.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            return pool
        } catch let error as DatabaseError {
            throw Failure.unreadable(path, error.message ?? "\(error)")
        }
    }

    /// Migrates `writer` forward to `schema`, unless a newer ideate wrote it.
    /// - Throws: `Failure.newerSchema` for a schema this build does not know, `Failure.unreadable`
    ///   when the database cannot be read or migrated.
    static func migrate<Failure: StoreFileError>(
        _ writer: any DatabaseWriter, to schema: DatabaseMigrator, failure: Failure.Type
    ) throws {
        do {
            if try writer.read({ try schema.hasBeenSuperseded($0) }) { throw Failure.newerSchema(writer.path) }
            try schema.migrate(writer)
        } catch let error as DatabaseError {
            throw Failure.unreadable(writer.path, error.message ?? "\(error)")
        }
    }
}

/// What a store's error type can say about its file, so ``StoreDatabase`` reports a failure in
/// that store's words. Enum cases of the same names and payloads meet these requirements.
protocol StoreFileError: Error {
    static func cannotCreate(_ path: String, _ reason: String) -> Self
    static func unreadable(_ path: String, _ reason: String) -> Self
    static func newerSchema(_ path: String) -> Self
}
