import GRDB

/// The portfolio file's schema, one named migration per version, as for run files: an older
/// file is migrated forward on open, a newer one refused rather than misread.
///
/// Texts are kept as typed; dates as `YYYY-MM-DD`; the test card, the learning card and a
/// history entry's change as the JSON of their Core types (pinned by `PortfolioStoreTests`).
enum PortfolioSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 portfolio") { db in
            try db.create(table: "workshop") { table in
                table.primaryKey("run", .text)
                table.column("title", .text).notNull()
                table.column("goal", .text).notNull()
                table.column("date", .text)
                table.column("participants", .integer).notNull()
                table.column("ideas", .integer).notNull()
                table.column("votes", .integer).notNull()
                table.column("added_on", .text).notNull()
            }
            try db.create(table: "backlog_idea") { table in
                table.primaryKey("id", .integer)
                table.column("text", .text).notNull()
                table.column("fingerprint", .text).notNull().indexed()
                table.column("kind", .text).notNull()
                table.column("workshop", .text).references("workshop")
                table.column("round", .integer)
                table.column("promoted_to", .integer)
            }
            try db.create(table: "experiment") { table in
                table.primaryKey("id", .integer)
                table.column("title", .text).notNull()
                table.column("card", .text).notNull()
                table.column("state", .text).notNull()
                table.column("learning", .text)
                table.column("workshop", .text).references("workshop")
                table.column("round", .integer)
                table.column("follows_up", .integer).references("experiment")
                table.column("promoted_from", .integer).references("backlog_idea")
            }
            try db.create(table: "action_item") { table in
                table.primaryKey("id", .integer)
                table.column("what", .text).notNull()
                table.column("owner", .text).notNull()
                table.column("due", .text)
                table.column("status", .text).notNull()
                table.column("status_date", .text)
                table.column("workshop", .text).references("workshop")
                table.column("round", .integer)
                table.column("idea", .text)
            }
            try db.create(table: "history") { table in
                table.autoIncrementedPrimaryKey("seq")
                table.column("subject", .text).notNull().indexed()
                table.column("date", .text).notNull()
                table.column("change", .text).notNull()
                table.column("note", .text).notNull()
            }
        }
        migrator.registerMigration("v2 idea box") { db in
            // A review's fate, its answer to the author and whether everyone may see it; for a
            // box idea the week it arrived (no finer time), its question and the hash that
            // proves authorship for withdrawing it.
            try db.alter(table: "backlog_idea") { table in
                table.add(column: "fate", .text).notNull().defaults(to: "kept")
                table.add(column: "fate_target", .text)
                table.add(column: "answer", .text)
                table.add(column: "answer_date", .text)
                table.add(column: "arrival_week", .text)
                table.add(column: "question", .text)
                table.add(column: "on_board", .boolean).notNull().defaults(to: true)
            }
            try db.execute(sql: "UPDATE backlog_idea SET fate = 'promoted' WHERE promoted_to IS NOT NULL")
            try db.create(index: "backlog_idea_fate", on: "backlog_idea", columns: ["fate"])
            // Receipts: what an idea's author follows it by. The proof (SHA-256 of a secret
            // only the author's device holds) withdraws a new box idea, seals an off-board fate
            // and recognises a resend; the key (derived from it) lists the fate in public; the
            // bucket is the key's first 32 bits; the subject is where the idea is now (B… or E…).
            try db.create(table: "receipt") { table in
                table.primaryKey("key", .text)
                table.column("proof", .text).notNull().unique()
                table.column("bucket", .integer).notNull()
                table.column("subject", .text).notNull().indexed()
            }
            // The review rhythm and when the box was last reviewed, as named values.
            try db.create(table: "setting") { table in
                table.primaryKey("name", .text)
                table.column("value", .text).notNull()
            }
        }
        migrator.registerMigration("v3 agenda") { db in
            // The follow-up agenda reads a window at a time (PortfolioStoreAgenda): its rows are
            // found by state and date through these indexes, and its counts come from tables the
            // file keeps itself with triggers (backlog ideas by fate; experiments by state and
            // review date; action items by status and due date, '' for no date), so the first
            // frame reads no more rows from a portfolio of 200,000 ideas than from one of 2,000.
            try db.execute(sql: "CREATE INDEX experiment_agenda ON experiment(state, json_extract(card, '$.reviewDate'))")
            try db.execute(sql: "CREATE INDEX action_item_agenda ON action_item(status, due)")
            try db.execute(sql: """
                CREATE TABLE backlog_count(fate TEXT PRIMARY KEY NOT NULL, n INTEGER NOT NULL);
                INSERT INTO backlog_count SELECT fate, COUNT(*) FROM backlog_idea GROUP BY fate;
                CREATE TRIGGER backlog_count_insert AFTER INSERT ON backlog_idea BEGIN
                    INSERT INTO backlog_count(fate, n) VALUES (NEW.fate, 1) ON CONFLICT(fate) DO UPDATE SET n = n + 1;
                END;
                CREATE TRIGGER backlog_count_delete AFTER DELETE ON backlog_idea BEGIN
                    UPDATE backlog_count SET n = n - 1 WHERE fate = OLD.fate;
                END;
                CREATE TRIGGER backlog_count_update AFTER UPDATE OF fate ON backlog_idea WHEN OLD.fate != NEW.fate BEGIN
                    UPDATE backlog_count SET n = n - 1 WHERE fate = OLD.fate;
                    INSERT INTO backlog_count(fate, n) VALUES (NEW.fate, 1) ON CONFLICT(fate) DO UPDATE SET n = n + 1;
                END;
                """)
            // A row's state and day, as `row` (NEW, OLD or the table itself) names it.
            let keys: [(table: String, state: String, day: (String) -> String)] = [
                ("experiment", "state", { "json_extract(\($0).card, '$.reviewDate')" }), ("action_item", "status", { "\($0).due" }),
            ]
            for (table, state, day) in keys {
                let new = "(NEW.\(state), IFNULL(\(day("NEW")), ''), 1)"
                let old = "state = OLD.\(state) AND day = IFNULL(\(day("OLD")), '')"
                try db.execute(sql: """
                    CREATE TABLE \(table)_count(state TEXT NOT NULL, day TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (state, day));
                    INSERT INTO \(table)_count SELECT \(state), IFNULL(\(day(table)), ''), COUNT(*) FROM \(table) GROUP BY 1, 2;
                    CREATE TRIGGER \(table)_count_insert AFTER INSERT ON \(table) BEGIN
                        INSERT INTO \(table)_count(state, day, n) VALUES \(new) ON CONFLICT(state, day) DO UPDATE SET n = n + 1;
                    END;
                    CREATE TRIGGER \(table)_count_delete AFTER DELETE ON \(table) BEGIN
                        UPDATE \(table)_count SET n = n - 1 WHERE \(old);
                    END;
                    CREATE TRIGGER \(table)_count_update AFTER UPDATE ON \(table) BEGIN
                        UPDATE \(table)_count SET n = n - 1 WHERE \(old);
                        INSERT INTO \(table)_count(state, day, n) VALUES \(new) ON CONFLICT(state, day) DO UPDATE SET n = n + 1;
                    END;
                    """)
            }
        }
        return migrator
    }
}
