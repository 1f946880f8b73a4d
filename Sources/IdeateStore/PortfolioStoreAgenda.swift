import GRDB
import IdeateCore

/// The follow-up agenda read a window at a time: a count per section, then only the rows the
/// window asks for, section by section, in the order ``AgendaWindow/of(_:today:range:)`` gives
/// a portfolio in memory (a test holds the two to the same answers). The first frame of a
/// portfolio built over years reads a screenful, not the whole file.
extension PortfolioStore {
    public func agendaWindow(today: CalendarDate, range: Range<Int>) throws -> AgendaWindow {
        try read { db in try AgendaQueries(today: today).window(range, db) }
    }

    public func agendaPosition(of subject: PortfolioSubject, today: CalendarDate) throws -> Int? {
        try read { db in try AgendaQueries(today: today).position(of: subject, db) }
    }
}

/// Each section as SQL: which rows, in which order. Dates are `YYYY-MM-DD` text, so they
/// compare as they sort; an experiment's review date is in its test card's JSON.
private struct AgendaQueries {
    let today: String

    init(today: CalendarDate) { self.today = today.description }

    static let reviewDate = "json_extract(card, '$.reviewDate')"
    static let isDue = "(state IN ('planned', 'running') AND \(reviewDate) <= :today)"
    static let isOverdue = "(status IN ('open', 'stuck') AND due < :today)"

    /// Each section's rows: the table, the condition and the order (the due section is a union
    /// of two tables, read apart).
    static let sections: [AgendaSection: (table: String, condition: String, order: String)] = [
        .box: ("backlog_idea", "fate = 'new'", "arrival_week, id"),
        .running: ("experiment", "state = 'running' AND NOT IFNULL(\(reviewDate) <= :today, 0)", "id"),
        .planned: ("experiment", "state = 'planned' AND NOT IFNULL(\(reviewDate) <= :today, 0)", "id"),
        .actionItems: ("action_item", "status IN ('open', 'stuck') AND NOT IFNULL(due < :today, 0)", "id"),
        .learned: ("experiment", "state = 'learned'", "id"),
        .backlog: ("backlog_idea", "fate NOT IN ('new', 'promoted')", "id"),
        .closed: ("action_item", "status IN ('done', 'dropped')", "id"),
    ]

    /// The due section's two sources, each read in its own index order (date, then number) and
    /// merged: by date, an experiment before an action item on the same day, then by number.
    /// Kind 0 is an experiment, 1 an action item.
    static let dueSources: [(kind: Int, sql: String)] = [
        (0, "SELECT id, \(reviewDate) AS day FROM experiment WHERE state = :state AND \(reviewDate) <= :today"),
        (1, "SELECT id, due AS day FROM action_item WHERE status = :state AND due < :today"),
    ]
    static let dueStates = [0: ["planned", "running"], 1: ["open", "stuck"]]

    var arguments: StatementArguments { ["today": today] }

    /// Every count from the tables the file keeps with triggers (schema "v3 agenda"): a few
    /// rows per state and date, whatever the number of items.
    func counts(_ db: Database) throws -> AgendaCounts {
        func sum(_ table: String, _ condition: String) throws -> Int {
            try Int.fetchOne(db, sql: "SELECT IFNULL(SUM(n), 0) FROM \(table) WHERE \(condition)", arguments: arguments) ?? 0
        }
        let dated = "day != '' AND day"
        var sections: [AgendaSection: Int] = [
            .box: try sum("backlog_count", "fate = 'new'"),
            .due: try sum("experiment_count", "state IN ('planned', 'running') AND \(dated) <= :today")
                + sum("action_item_count", "state IN ('open', 'stuck') AND \(dated) < :today"),
            .running: try sum("experiment_count", "state = 'running' AND NOT (\(dated) <= :today)"),
            .planned: try sum("experiment_count", "state = 'planned' AND NOT (\(dated) <= :today)"),
            .actionItems: try sum("action_item_count", "state IN ('open', 'stuck') AND NOT (\(dated) < :today)"),
            .learned: try sum("experiment_count", "state = 'learned'"),
            .backlog: try sum("backlog_count", "fate NOT IN ('new', 'promoted')"),
            .closed: try sum("action_item_count", "state IN ('done', 'dropped')"),
        ]
        sections = sections.filter { $0.value > 0 }
        var stages: [Experiment.Stage: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT state, SUM(n) FROM experiment_count GROUP BY state HAVING SUM(n) > 0") {
            if let stage = Experiment.Stage(rawValue: row[0]) { stages[stage] = row[1] }
        }
        return AgendaCounts(sections: sections, stages: stages, openActionItems: try sum("action_item_count", "state IN ('open', 'stuck')"),
                            backlogIdeas: sections[.backlog] ?? 0)
    }

    func window(_ range: Range<Int>, _ db: Database) throws -> AgendaWindow {
        let counts = try counts(db)
        let wanted = range.clamped(to: 0..<counts.total)
        var entries: [AgendaEntry] = []
        for section in AgendaSection.allCases {
            let start = counts.start(of: section), count = counts.sections[section] ?? 0
            let overlap = wanted.clamped(to: start..<(start + count))
            guard !overlap.isEmpty else { continue }
            let items = try rows(of: section, offset: overlap.lowerBound - start, limit: overlap.count, db)
            entries += items.map { AgendaEntry(section: section, item: $0) }
        }
        return AgendaWindow(counts: counts, start: wanted.lowerBound, entries: entries, workshops: try workshops(named: entries, db),
                            timesWritten: try timesWritten(entries, db))
    }

    /// How often each backlog idea of `entries` has been written so far (its fingerprint among
    /// ideas up to its own number), where it came back; one indexed count per idea shown.
    private func timesWritten(_ entries: [AgendaEntry], _ db: Database) throws -> [BacklogIdeaID: Int] {
        var written: [BacklogIdeaID: Int] = [:]
        for case let .backlogIdea(idea) in entries.map(\.item) {
            let times = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM backlog_idea WHERE fingerprint = ? AND id <= ?",
                                         arguments: [idea.fingerprint, idea.id.number]) ?? 0
            if times >= 2 { written[idea.id] = times }
        }
        return written
    }

    private func rows(of section: AgendaSection, offset: Int, limit: Int, _ db: Database) throws -> [AgendaItem] {
        var arguments = self.arguments
        arguments += ["limit": limit, "offset": offset]
        guard let query = Self.sections[section] else {
            return try dueKeys(first: offset + limit, db).dropFirst(offset).map { key in
                key.kind == 0 ? .experiment(try PortfolioStore.experiment(ExperimentID(key.id), db))
                    : .actionItem(try PortfolioStore.actionItem(ActionItemID(key.id), db))
            }
        }
        let columns = query.table == "backlog_idea" ? PortfolioRows.backlogColumns : "*"
        let rows = try Row.fetchAll(db, sql: "SELECT \(columns) FROM \(query.table) WHERE \(query.condition) ORDER BY \(query.order) LIMIT :limit OFFSET :offset",
                                    arguments: arguments)
        return try rows.map { row in
            switch query.table {
            case "experiment": .experiment(try PortfolioRows.experiment(row))
            case "action_item": .actionItem(try PortfolioRows.actionItem(row))
            default: .backlogIdea(try PortfolioRows.backlogIdea(row))
            }
        }
    }

    /// The first `count` keys of the due section, in its order.
    private func dueKeys(first count: Int, _ db: Database) throws -> [(day: String, kind: Int, id: Int)] {
        var keys: [(day: String, kind: Int, id: Int)] = []
        for source in Self.dueSources {
            for state in Self.dueStates[source.kind]! {
                let rows = try Row.fetchAll(db, sql: source.sql + " ORDER BY day, id LIMIT :count",
                                            arguments: ["state": state, "today": today, "count": count])
                keys += rows.map { (day: $0["day"], kind: source.kind, id: $0["id"]) }
            }
        }
        return Array(keys.sorted { ($0.day, $0.kind, $0.id) < ($1.day, $1.kind, $1.id) }.prefix(count))
    }

    /// The workshops the entries came from (a detail view names them).
    private func workshops(named entries: [AgendaEntry], _ db: Database) throws -> [RunIdentity: Workshop] {
        let runs = Set(entries.compactMap { entry -> RunIdentity? in
            switch entry.item {
            case let .experiment(experiment): experiment.workshop
            case let .actionItem(item): item.workshop
            case let .backlogIdea(idea): idea.workshop
            }
        })
        guard !runs.isEmpty else { return [:] }
        let marks = Array(repeating: "?", count: runs.count).joined(separator: ",")
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM workshop WHERE run IN (\(marks))", arguments: StatementArguments(runs.map(\.rawValue)))
        return Dictionary(try rows.map { let workshop = try PortfolioRows.workshop($0); return (workshop.run, workshop) }, uniquingKeysWith: { first, _ in first })
    }

    /// The section `subject` is listed in, and how many rows come before it there.
    func position(of subject: PortfolioSubject, _ db: Database) throws -> Int? {
        let counts = try counts(db)
        let section: AgendaSection, before: Int?
        var arguments = self.arguments
        switch subject {
        case let .experiment(id):
            guard let experiment = try? PortfolioStore.experiment(id, db) else { return nil }
            if experiment.isDue(on: CalendarDate(iso: today)!) {
                section = .due
                arguments += ["day": experiment.card.reviewDate!.description, "kind": 0, "id": id.number]
            } else {
                section = switch experiment.state.stage { case .running: .running; case .planned: .planned; case .learned: .learned }
                arguments += ["id": id.number]
            }
        case let .actionItem(id):
            guard let item = try? PortfolioStore.actionItem(id, db) else { return nil }
            if item.isOverdue(on: CalendarDate(iso: today)!) {
                section = .due
                arguments += ["day": item.due!.description, "kind": 1, "id": id.number]
            } else {
                section = item.status.isClosed ? .closed : .actionItems
                arguments += ["id": id.number]
            }
        case let .backlogIdea(id):
            guard let idea = try? PortfolioStore.backlogIdea(id, db), idea.promotedTo == nil else { return nil }
            if idea.fate == .new {
                before = try Int.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM backlog_idea WHERE fate = 'new' AND (IFNULL(arrival_week, ''), id) < (IFNULL(:week, ''), :id)
                    """, arguments: ["week": idea.arrivalWeek?.monday.description, "id": id.number])
                return counts.start(of: .box) + (before ?? 0)
            }
            section = .backlog
            arguments += ["id": id.number]
        }
        if section == .due {
            // Before it: experiments and action items due earlier, and on its day those that come first.
            var count = 0
            for source in Self.dueSources {
                for state in Self.dueStates[source.kind]! {
                    var bounded = arguments
                    bounded += ["state": state]
                    count += try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (\(source.sql)) WHERE (day, \(source.kind), id) < (:day, :kind, :id)",
                                              arguments: bounded) ?? 0
                }
            }
            before = count
        } else {
            let query = Self.sections[section]!
            before = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(query.table) WHERE \(query.condition) AND id < :id", arguments: arguments)
        }
        return counts.start(of: section) + (before ?? 0)
    }
}
