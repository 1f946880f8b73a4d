import GRDB

/// The run file's schema, one named migration per version. Files written by older builds are
/// migrated forward on open; a file from a newer build is refused rather than misread.
enum RunSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 event log") { db in
            try db.create(table: "meta") { table in
                table.primaryKey("key", .text)
                table.column("value", .text).notNull()
            }
            try db.create(table: "event") { table in
                table.autoIncrementedPrimaryKey("seq")
                table.column("payload", .text).notNull()
            }
        }
        return migrator
    }
}
