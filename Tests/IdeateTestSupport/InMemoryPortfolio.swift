import IdeateCore

/// A portfolio kept in memory behind the ``PortfolioEngine`` seam, for screen tests: it applies
/// the same Core rules as the portfolio file and numbers new experiments the same way (never
/// reusing a withdrawn one's number).
public final class InMemoryPortfolio: PortfolioEngine {
    private let state: Locked<Portfolio>

    public init(_ portfolio: Portfolio) { state = Locked(portfolio) }

    /// Adds `idea` as another process would (the idea box), outside the engine's edits.
    public func arrive(_ idea: BacklogIdea) { state.withLock { $0.backlog.append(idea) } }

    /// Everything, history included.
    public func portfolio() -> Portfolio { state.withLock { $0 } }

    public func items() throws -> Portfolio {
        var items = portfolio()
        items.history = []
        return items
    }

    public func history(of subject: PortfolioSubject) throws -> [HistoryEntry] { portfolio().history.filter { $0.subject == subject } }

    public func boxStatus(today: CalendarDate) throws -> BoxStatus {
        let portfolio = portfolio()
        let new = portfolio.backlog.filter { $0.fate == .new }
        let reviews = portfolio.history.filter(\.change.answersTheAuthor)
        return BoxStatus(newIdeas: new.count, oldestNew: new.compactMap(\.arrivalWeek).min(), lastReview: reviews.map(\.date).max(),
                         rhythm: .standard, today: today)
    }

    public func perform(_ edit: PortfolioEdit, on date: CalendarDate, note: String) throws -> PortfolioUndo? {
        try state.withLock { (portfolio: inout Portfolio) throws -> PortfolioUndo? in
            var copy = portfolio
            let undo = try Self.apply(edit, to: &copy, on: date, note: note)
            portfolio = copy
            return undo
        }
    }

    private static func apply(_ edit: PortfolioEdit, to portfolio: inout Portfolio, on date: CalendarDate, note: String) throws -> PortfolioUndo? {
        let next = ExperimentID((portfolio.history.compactMap { entry -> Int? in
            if case let .experiment(id) = entry.subject { return id.number } else { return nil }
        } + portfolio.experiments.map(\.id.number)).max().map { $0 + 1 } ?? 1)
        switch edit {
        case let .start(id):
            let index = try experiment(id, in: portfolio)
            let previous = portfolio.experiments[index].card.startDate
            portfolio.history.append(try portfolio.experiments[index].start(on: date, note: note))
            return .unstart(id, previousStart: previous)
        case let .learn(id, card):
            let index = try experiment(id, in: portfolio)
            portfolio.history.append(try portfolio.experiments[index].learn(card, note: note))
            guard card.decision == .testAgain else { return .unlearn(id, followUp: nil) }
            let followUp = try portfolio.experiments[index].followUp(as: next, on: card.date)
            portfolio.experiments.append(followUp.experiment)
            portfolio.history += followUp.history
            return .unlearn(id, followUp: next)
        case let .move(id, status):
            guard let index = portfolio.actionItems.firstIndex(where: { $0.id == id }) else { throw PortfolioRefusal.notFound(.actionItem(id)) }
            let before = portfolio.actionItems[index]
            portfolio.history.append(try portfolio.actionItems[index].move(to: status, on: date, note: note))
            return .unmove(id, from: status, back: before.status, backDate: before.statusDate)
        case let .promote(id, card):
            guard let index = portfolio.backlog.firstIndex(where: { $0.id == id }) else { throw PortfolioRefusal.notFound(.backlogIdea(id)) }
            let previous = portfolio.backlog[index].fate
            let promoted = try portfolio.backlog[index].promote(as: next, card: card, on: date, note: note)
            portfolio.experiments.append(promoted.experiment)
            portfolio.history += promoted.history
            return .unpromote(id, next, previous: previous)
        case let .decide(id, _, _), let .answer(id, _), let .showOnBoard(id, _):
            guard let index = portfolio.backlog.firstIndex(where: { $0.id == id }) else { throw PortfolioRefusal.notFound(.backlogIdea(id)) }
            let reviewed = try portfolio.backlog[index].applyReview(edit, in: portfolio, on: date, note: note)!
            portfolio.history += reviewed.history
            return reviewed.undo
        case let .undo(undo):
            try apply(undo, to: &portfolio, on: date, note: note)
            return nil
        }
    }

    private static func apply(_ undo: PortfolioUndo, to portfolio: inout Portfolio, on date: CalendarDate, note: String) throws {
        switch undo {
        case let .unstart(id, previousStart):
            let index = try experiment(id, in: portfolio)
            portfolio.history.append(try portfolio.experiments[index].undoStart(previousStart: previousStart, on: date, note: note))
        case let .unlearn(id, followUp):
            let index = try experiment(id, in: portfolio)
            portfolio.history.append(try portfolio.experiments[index].undoLearning(on: date, note: note))
            if let followUp {
                let other = try experiment(followUp, in: portfolio)
                portfolio.history.append(try portfolio.experiments[other].withdrawal(undoing: .followsUp(id), on: date, note: note))
                portfolio.experiments.remove(at: other)
            }
        case let .unmove(id, from, back, backDate):
            guard let index = portfolio.actionItems.firstIndex(where: { $0.id == id }) else { throw PortfolioRefusal.notFound(.actionItem(id)) }
            portfolio.history.append(try portfolio.actionItems[index].undoMove(from: from, back: back, backDate: backDate, on: date, note: note))
        case let .unpromote(ideaID, experimentID, previous):
            guard let index = portfolio.backlog.firstIndex(where: { $0.id == ideaID }) else { throw PortfolioRefusal.notFound(.backlogIdea(ideaID)) }
            let other = try experiment(experimentID, in: portfolio)
            portfolio.history += try portfolio.backlog[index].undoPromotion(of: portfolio.experiments[other], back: previous, on: date, note: note)
            portfolio.experiments.remove(at: other)
        case let .unreview(id, from, back):
            guard let index = portfolio.backlog.firstIndex(where: { $0.id == id }) else { throw PortfolioRefusal.notFound(.backlogIdea(id)) }
            portfolio.history.append(try portfolio.backlog[index].undoReview(from: from, back: back, on: date, note: note))
        }
    }

    private static func experiment(_ id: ExperimentID, in portfolio: Portfolio) throws -> Int {
        guard let index = portfolio.experiments.firstIndex(where: { $0.id == id }) else { throw PortfolioRefusal.notFound(.experiment(id)) }
        return index
    }
}
