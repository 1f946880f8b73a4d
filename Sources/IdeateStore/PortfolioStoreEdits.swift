import GRDB
import IdeateCore

/// Each change as one transaction's body: read the item, apply Core's rule, write the item and
/// its history rows, and say what takes it back. The command line's methods and the follow-up
/// screen's ``PortfolioEngine/perform(_:on:note:)`` share them, so both keep the same rules.
extension PortfolioStore: PortfolioEngine {
    public func perform(_ edit: PortfolioEdit, on date: CalendarDate, note: String) throws -> PortfolioUndo? {
        try write { db in
            switch edit {
            case let .start(id): return try Self.start(id, on: date, note: note, db).undo
            case let .learn(id, learning): return try Self.learn(id, learning, note: note, db).undo
            case let .move(id, status): return try Self.move(id, to: status, on: date, note: note, db).undo
            case let .promote(id, card): return try Self.promote(id, card: card, on: date, note: note, db).undo
            case let .decide(id, _, _), let .answer(id, _), let .showOnBoard(id, _): return try Self.review(id, edit, on: date, note: note, db)
            case let .undo(undo):
                try Self.undo(undo, on: date, note: note, db)
                return nil
            }
        }
    }

    // MARK: - Changes

    static func start(_ id: ExperimentID, on date: CalendarDate, note: String, _ db: Database) throws -> (experiment: Experiment, undo: PortfolioUndo) {
        var experiment = try experiment(id, db)
        let previousStart = experiment.card.startDate
        let entry = try experiment.start(on: date, note: note)
        try PortfolioRows.update(experiment, db)
        try PortfolioRows.insert(entry, db)
        return (experiment, .unstart(id, previousStart: previousStart))
    }

    static func learn(
        _ id: ExperimentID, _ learning: LearningCard, note: String, _ db: Database
    ) throws -> (experiment: Experiment, followUp: Experiment?, undo: PortfolioUndo) {
        var experiment = try experiment(id, db)
        try PortfolioRows.insert(try experiment.learn(learning, note: note), db)
        try PortfolioRows.update(experiment, db)
        guard learning.decision == .testAgain else { return (experiment, nil, .unlearn(id, followUp: nil)) }
        let followUp = try experiment.followUp(as: ExperimentID(try nextNumber(in: "experiment", db)), on: learning.date)
        try PortfolioRows.insert(followUp.experiment, db)
        for entry in followUp.history { try PortfolioRows.insert(entry, db) }
        return (experiment, followUp.experiment, .unlearn(id, followUp: followUp.experiment.id))
    }

    static func move(
        _ id: ActionItemID, to status: TrackedActionItem.Status, on date: CalendarDate, note: String, _ db: Database
    ) throws -> (item: TrackedActionItem, undo: PortfolioUndo) {
        var item = try actionItem(id, db)
        let before = item
        let entry = try item.move(to: status, on: date, note: note)
        try PortfolioRows.update(item, db)
        try PortfolioRows.insert(entry, db)
        return (item, .unmove(id, from: status, back: before.status, backDate: before.statusDate))
    }

    static func promote(
        _ id: BacklogIdeaID, card: TestCard, on date: CalendarDate, note: String, _ db: Database
    ) throws -> (experiment: Experiment, undo: PortfolioUndo) {
        var idea = try backlogIdea(id, db)
        let previous = idea.fate
        let promoted = try idea.promote(as: ExperimentID(try nextNumber(in: "experiment", db)), card: card, on: date, note: note)
        try PortfolioRows.insert(promoted.experiment, db)
        try PortfolioRows.updateReview(of: idea, db)
        for entry in promoted.history { try PortfolioRows.insert(entry, db) }
        try noteReview(on: date, db)
        return (promoted.experiment, .unpromote(id, promoted.experiment.id, previous: previous))
    }

    static func review(_ id: BacklogIdeaID, _ edit: PortfolioEdit, on date: CalendarDate, note: String, _ db: Database) throws -> PortfolioUndo {
        var idea = try backlogIdea(id, db)
        let target: Portfolio
        if case let .decide(_, .merge(into), _) = edit {
            target = try Self.mergeTarget(into, db)
        } else {
            target = Portfolio()
        }
        let reviewed = try idea.applyReview(edit, in: target, on: date, note: note)!
        try PortfolioRows.updateReview(of: idea, db)
        for entry in reviewed.history { try PortfolioRows.insert(entry, db) }
        try noteReview(on: date, db)
        return reviewed.undo
    }

    /// Just enough of the portfolio for a merge's checks: the target, if it exists.
    static func mergeTarget(_ subject: PortfolioSubject, _ db: Database) throws -> Portfolio {
        switch subject {
        case let .backlogIdea(id): Portfolio(backlog: (try? backlogIdea(id, db)).map { [$0] } ?? [])
        case let .experiment(id): Portfolio(experiments: (try? experiment(id, db)).map { [$0] } ?? [])
        case .actionItem: Portfolio()
        }
    }

    // MARK: - Undo

    static func undo(_ undo: PortfolioUndo, on date: CalendarDate, note: String, _ db: Database) throws {
        switch undo {
        case let .unstart(id, previousStart):
            var experiment = try experiment(id, db)
            let entry = try experiment.undoStart(previousStart: previousStart, on: date, note: note)
            try PortfolioRows.update(experiment, db)
            try PortfolioRows.insert(entry, db)
        case let .unlearn(id, followUpID):
            var learned = try experiment(id, db)
            var entries = [try learned.undoLearning(on: date, note: note)]
            if let followUpID {
                entries.append(try experiment(followUpID, db).withdrawal(undoing: .followsUp(id), on: date, note: note))
                try db.execute(sql: "DELETE FROM experiment WHERE id = ?", arguments: [followUpID.number])
            }
            try PortfolioRows.update(learned, db)
            for entry in entries { try PortfolioRows.insert(entry, db) }
        case let .unmove(id, from, back, backDate):
            var item = try actionItem(id, db)
            let entry = try item.undoMove(from: from, back: back, backDate: backDate, on: date, note: note)
            try PortfolioRows.update(item, db)
            try PortfolioRows.insert(entry, db)
        case let .unpromote(ideaID, experimentID, previous):
            var idea = try backlogIdea(ideaID, db)
            let entries = try idea.undoPromotion(of: try experiment(experimentID, db), back: previous, on: date, note: note)
            try db.execute(sql: "DELETE FROM experiment WHERE id = ?", arguments: [experimentID.number])
            try PortfolioRows.updateReview(of: idea, db)
            for entry in entries { try PortfolioRows.insert(entry, db) }
        case let .unreview(id, from, back):
            var idea = try backlogIdea(id, db)
            let entry = try idea.undoReview(from: from, back: back, on: date, note: note)
            try PortfolioRows.updateReview(of: idea, db)
            try PortfolioRows.insert(entry, db)
        }
    }

    // MARK: - Reading one item

    static func actionItem(_ id: ActionItemID, _ db: Database) throws -> TrackedActionItem {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM action_item WHERE id = ?", arguments: [id.number]) else {
            throw PortfolioRefusal.notFound(.actionItem(id))
        }
        return try PortfolioRows.actionItem(row)
    }

    static func backlogIdea(_ id: BacklogIdeaID, _ db: Database) throws -> BacklogIdea {
        guard let row = try Row.fetchOne(db, sql: "SELECT \(PortfolioRows.backlogColumns) FROM backlog_idea WHERE id = ?", arguments: [id.number]) else {
            throw PortfolioRefusal.notFound(.backlogIdea(id))
        }
        return try PortfolioRows.backlogIdea(row)
    }
}
