import Foundation
import GRDB
import IdeateCore

/// How each portfolio value is written to and read from its row. Kept apart from the store's
/// transactions so the mapping can be read in one place, next to the schema.
enum PortfolioRows {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
    static let decoder = JSONDecoder()

    static func json(_ value: some Encodable) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }

    static func value<T: Decodable>(_ type: T.Type, _ json: String) throws -> T { try decoder.decode(type, from: Data(json.utf8)) }

    static func date(_ text: String?) throws -> CalendarDate? {
        guard let text else { return nil }
        guard let date = CalendarDate(iso: text) else { throw PortfolioStoreError.damaged("“\(text)” is not a date") }
        return date
    }

    // MARK: - Workshops

    static func insert(_ workshop: Workshop, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO workshop(run, title, goal, date, participants, ideas, votes, added_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [workshop.run.rawValue, workshop.title, workshop.goal, workshop.date?.description, workshop.participants,
                             workshop.ideaCount, workshop.voteCount, workshop.addedOn.description])
    }

    static func workshop(_ row: Row) throws -> Workshop {
        Workshop(run: RunIdentity(row["run"]), title: row["title"], goal: row["goal"], date: try date(row["date"]),
                 participants: row["participants"], ideaCount: row["ideas"], voteCount: row["votes"],
                 addedOn: try date(row["added_on"]) ?? CalendarDate(daysSince1970: 0))
    }

    // MARK: - Experiments

    static func insert(_ experiment: Experiment, _ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO experiment(id, title, card, state, learning, workshop, round, follows_up, promoted_from)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.execute(arguments: [
            experiment.id.number, experiment.title, try json(experiment.card), experiment.state.stage.rawValue,
            try experiment.learning.map(json), experiment.workshop?.rawValue, experiment.round, experiment.followsUp?.number,
            experiment.promotedFrom?.number,
        ])
    }

    /// Writes what a rule may change: the card (its start date), the state and the learning card.
    static func update(_ experiment: Experiment, _ db: Database) throws {
        try db.execute(sql: "UPDATE experiment SET card = ?, state = ?, learning = ? WHERE id = ?", arguments: [
            try json(experiment.card), experiment.state.stage.rawValue, try experiment.learning.map(json), experiment.id.number,
        ])
    }

    static func experiment(_ row: Row) throws -> Experiment {
        let state: Experiment.State
        switch (row["state"] as String, row["learning"] as String?) {
        case ("planned", nil): state = .planned
        case ("running", nil): state = .running
        case let ("learned", learning?): state = .learned(try value(LearningCard.self, learning))
        case let (name, _): throw PortfolioStoreError.damaged("experiment \(row["id"] as Int) has the state “\(name)”")
        }
        return Experiment(
            id: ExperimentID(row["id"]), title: row["title"], card: try value(TestCard.self, row["card"]), state: state,
            workshop: (row["workshop"] as String?).map(RunIdentity.init), round: row["round"],
            followsUp: (row["follows_up"] as Int?).map(ExperimentID.init), promotedFrom: (row["promoted_from"] as Int?).map(BacklogIdeaID.init))
    }

    // MARK: - Action items

    static func insert(_ item: TrackedActionItem, _ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO action_item(id, what, owner, due, status, status_date, workshop, round, idea) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.execute(arguments: [
            item.id.number, item.what, item.owner, item.due?.description, item.status.rawValue, item.statusDate?.description,
            item.workshop?.rawValue, item.round, item.idea,
        ])
    }

    static func update(_ item: TrackedActionItem, _ db: Database) throws {
        try db.execute(sql: "UPDATE action_item SET status = ?, status_date = ? WHERE id = ?",
                       arguments: [item.status.rawValue, item.statusDate?.description, item.id.number])
    }

    static func actionItem(_ row: Row) throws -> TrackedActionItem {
        guard let status = TrackedActionItem.Status(rawValue: row["status"]) else {
            throw PortfolioStoreError.damaged("action item \(row["id"] as Int) has the status “\(row["status"] as String)”")
        }
        return TrackedActionItem(
            id: ActionItemID(row["id"]), what: row["what"], owner: row["owner"], due: try date(row["due"]), status: status,
            statusDate: try date(row["status_date"]), workshop: (row["workshop"] as String?).map(RunIdentity.init), round: row["round"],
            idea: row["idea"])
    }

    // MARK: - Backlog

    static func insert(_ idea: BacklogIdea, _ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO backlog_idea(id, text, fingerprint, kind, workshop, round, promoted_to, fate, fate_target, answer, answer_date,
                                     arrival_week, question, on_board)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let fate = fateColumns(idea.fate)
        try statement.execute(arguments: [
            idea.id.number, idea.text, idea.fingerprint, idea.kind.rawValue, idea.workshop?.rawValue, idea.round, idea.promotedTo?.number,
            fate.name, fate.target, idea.answer?.text, idea.answer?.date.description, idea.arrivalWeek?.monday.description, idea.question,
            idea.onBoard,
        ])
    }

    /// Writes what a review may change: the fate (and the experiment it became), the answer and
    /// whether everyone may see it.
    static func updateReview(of idea: BacklogIdea, _ db: Database) throws {
        let fate = fateColumns(idea.fate)
        try db.execute(sql: """
            UPDATE backlog_idea SET fate = ?, fate_target = ?, promoted_to = ?, answer = ?, answer_date = ?, on_board = ? WHERE id = ?
            """, arguments: [fate.name, fate.target, idea.promotedTo?.number, idea.answer?.text, idea.answer?.date.description,
                             idea.onBoard, idea.id.number])
    }

    /// A fate as two columns: its name and, for a merge, what it merged into (`B12`, `E3`); a
    /// promotion's experiment is `promoted_to`.
    static func fateColumns(_ fate: IdeaFate) -> (name: String, target: String?) {
        switch fate {
        case .new: ("new", nil)
        case .kept: ("kept", nil)
        case let .merged(into): ("merged", into.description)
        case .promoted: ("promoted", nil)
        case .takenToWorkshop: ("workshop", nil)
        case .declined: ("declined", nil)
        }
    }

    static func fate(name: String, target: String?, promotedTo: Int?, idea: Int) throws -> IdeaFate {
        switch (name, target, promotedTo) {
        case ("new", _, _): return .new
        case ("kept", _, _): return .kept
        case ("workshop", _, _): return .takenToWorkshop
        case ("declined", _, _): return .declined
        case let ("promoted", _, experiment?): return .promoted(ExperimentID(experiment))
        case let ("merged", target?, _):
            if let subject = PortfolioSubject(target) { return .merged(into: subject) }
        default: break
        }
        throw PortfolioStoreError.damaged("backlog idea \(idea) has the fate “\(name)”")
    }

    /// The columns ``backlogIdea(_:from:)`` reads, in its order (from `first` on): read by
    /// position, not by name, because a portfolio holds tens of thousands of backlog ideas.
    static let backlogColumns = """
        id, text, kind, workshop, round, promoted_to, fate, fate_target, answer, answer_date, arrival_week, question, on_board
        """

    static func backlogIdea(_ row: Row, from first: Int = 0) throws -> BacklogIdea {
        let number: Int = row[first]
        guard let kind = BacklogIdea.Kind(rawValue: row[first + 2]) else {
            throw PortfolioStoreError.damaged("backlog idea \(number) has the kind “\(row[first + 2] as String)”")
        }
        let answer: ReviewAnswer? = switch (row[first + 8] as String?, try date(row[first + 9])) {
        case let (text?, date?): ReviewAnswer(text: text, date: date)
        default: nil
        }
        return BacklogIdea(
            id: BacklogIdeaID(number), text: row[first + 1], kind: kind, workshop: (row[first + 3] as String?).map(RunIdentity.init), round: row[first + 4],
            arrivalWeek: try date(row[first + 10]).map(ArrivalWeek.init(containing:)), question: row[first + 11],
            fate: try fate(name: row[first + 6], target: row[first + 7], promotedTo: row[first + 5], idea: number), answer: answer, onBoard: row[first + 12])
    }

    // MARK: - Receipts

    /// `ignoringRepeats`: a proof (or key) already there is left as it is, for receipts a
    /// workshop's clients chose (a device that sent one proof twice loses the second, not the
    /// workshop).
    static func insertReceipt(_ proof: OwnershipProof, for subject: PortfolioSubject, ignoringRepeats: Bool = false, _ db: Database) throws {
        let key = proof.receipt
        try db.execute(sql: "INSERT \(ignoringRepeats ? "OR IGNORE " : "")INTO receipt(key, proof, bucket, subject) VALUES (?, ?, ?, ?)",
                       arguments: [key.hex, proof.hex, key.bucketValue, subject.description])
    }

    // MARK: - History

    static func insert(_ entry: HistoryEntry, _ db: Database) throws {
        let statement = try db.cachedStatement(sql: "INSERT INTO history(subject, date, change, note) VALUES (?, ?, ?, ?)")
        try statement.execute(arguments: [entry.subject.description, entry.date.description, try json(entry.change), entry.note])
    }

    static func historyEntry(_ row: Row) throws -> HistoryEntry {
        guard let subject = PortfolioSubject(row["subject"] as String), let date = try date(row["date"]) else { throw PortfolioStoreError.damaged("history row \(row["seq"] as Int)") }
        return HistoryEntry(subject: subject, date: date, change: try value(PortfolioChange.self, row["change"]), note: row["note"])
    }
}
