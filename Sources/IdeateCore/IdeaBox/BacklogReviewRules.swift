/// What a review left an idea with: its fate, the answer to its author and whether everyone may
/// see it. An undo of a review restores it whole, and only while the idea still has what the
/// review gave it.
public struct ReviewOutcome: Equatable, Sendable {
    public var fate: IdeaFate
    public var answer: ReviewAnswer?
    public var onBoard: Bool

    public init(fate: IdeaFate, answer: ReviewAnswer?, onBoard: Bool) {
        self.fate = fate
        self.answer = answer
        self.onBoard = onBoard
    }
}

/// The rules of reviewing new and backlog ideas, pure like the others: each takes the idea, the
/// day and a note, and either changes the idea and returns what the history keeps, or refuses
/// with a ``PortfolioRefusal`` and changes nothing.
///
/// - Any idea may be decided again (kept, merged, taken to a workshop, declined), except one
///   promoted to an experiment: undo the promotion first.
/// - An idea merges into another idea or an experiment, never into itself nor into an idea that
///   is itself merged (merge into where that one went), so merges never form a loop.
/// - An answer is at most ``ReviewAnswer/maximumCharacters`` characters and not empty; a
///   decision may carry one, or keep the answer the idea had.
extension BacklogIdea {
    /// What a review has left it with.
    public var review: ReviewOutcome { ReviewOutcome(fate: fate, answer: answer, onBoard: onBoard) }

    /// Decides `decision` for the idea on `date`, with `answer` to the author (nil: keep the
    /// answer it has). `portfolio` is where a merge target is looked up.
    public mutating func decide(
        _ decision: ReviewDecision, answer text: String?, in portfolio: Portfolio, on date: CalendarDate, note: String = ""
    ) throws(PortfolioRefusal) -> [HistoryEntry] {
        if let promotedTo { throw .alreadyPromoted(id, to: promotedTo) }
        if case let .merge(target) = decision { try Self.checkMerge(of: id, into: target, in: portfolio) }
        let newAnswer = try text.map { (text) throws(PortfolioRefusal) in try ReviewAnswer(checking: text, on: date) }
        guard decision.fate != fate || (newAnswer != nil && newAnswer?.text != answer?.text) else {
            throw .reviewUnchanged(id, fate)
        }
        var entries: [HistoryEntry] = []
        if decision.fate != fate {
            fate = decision.fate
            entries.append(HistoryEntry(subject: .backlogIdea(id), date: date, change: .reviewed(decision.fate), note: note))
            if case let .merge(target) = decision {
                entries.append(HistoryEntry(subject: target, date: date, change: .mergedFrom(id), note: note))
            }
        }
        if let newAnswer, newAnswer.text != answer?.text {
            answer = newAnswer
            entries.append(HistoryEntry(subject: .backlogIdea(id), date: date, change: .answered(newAnswer.text), note: note))
        }
        return entries
    }

    /// Gives (or replaces) the answer to the author, whatever the fate.
    public mutating func answer(_ text: String, on date: CalendarDate, note: String = "") throws(PortfolioRefusal) -> HistoryEntry {
        let newAnswer = try ReviewAnswer(checking: text, on: date)
        guard newAnswer.text != answer?.text else { throw .reviewUnchanged(id, fate) }
        answer = newAnswer
        return HistoryEntry(subject: .backlogIdea(id), date: date, change: .answered(newAnswer.text), note: note)
    }

    /// Shows the idea to everyone, or to its author only.
    public mutating func show(onBoard: Bool, on date: CalendarDate, note: String = "") throws(PortfolioRefusal) -> HistoryEntry {
        guard onBoard != self.onBoard else { throw .boardUnchanged(id, onBoard: onBoard) }
        self.onBoard = onBoard
        return HistoryEntry(subject: .backlogIdea(id), date: date, change: .board(shown: onBoard), note: note)
    }

    /// Takes a review back: the idea returns to `back`, but only while it still has `from`
    /// (what the review gave it); nothing is erased from the history.
    public mutating func undoReview(from: ReviewOutcome, back: ReviewOutcome, on date: CalendarDate, note: String = "") throws(PortfolioRefusal) -> HistoryEntry {
        guard review == from else { throw .changedSince(.backlogIdea(id)) }
        let change: PortfolioChange =
            if from.fate != back.fate { .reviewed(from.fate) } else if from.onBoard != back.onBoard { .board(shown: from.onBoard) } else { .answered(from.answer?.text ?? "") }
        fate = back.fate
        answer = back.answer
        onBoard = back.onBoard
        return HistoryEntry(subject: .backlogIdea(id), date: date, change: .undone(change), note: note)
    }

    /// A merge goes to an idea or experiment that exists, is not the idea itself, and is not
    /// itself merged away.
    static func checkMerge(of id: BacklogIdeaID, into target: PortfolioSubject, in portfolio: Portfolio) throws(PortfolioRefusal) {
        switch target {
        case let .backlogIdea(other):
            guard other != id else { throw .mergeIntoItself(id) }
            guard let idea = portfolio.backlog.first(where: { $0.id == other }) else { throw .notFound(target) }
            if case let .merged(into) = idea.fate { throw .mergeIntoMerged(other, into: into) }
        case let .experiment(experiment):
            guard portfolio.experiments.contains(where: { $0.id == experiment }) else { throw .notFound(target) }
        case .actionItem:
            throw .cannotMergeInto(target)
        }
    }
}

extension BacklogIdea {
    /// A review edit (``PortfolioEdit/decide(_:_:answer:)``, ``PortfolioEdit/answer(_:_:)``,
    /// ``PortfolioEdit/showOnBoard(_:_:)``) applied to this idea: the history it keeps and what
    /// takes it back. Shared by the portfolio file and the in-memory portfolio of tests.
    /// - Returns: nil for an edit that is not a review of this idea.
    public mutating func applyReview(
        _ edit: PortfolioEdit, in portfolio: Portfolio, on date: CalendarDate, note: String
    ) throws(PortfolioRefusal) -> (history: [HistoryEntry], undo: PortfolioUndo)? {
        let before = review
        let history: [HistoryEntry]
        switch edit {
        case let .decide(idea, decision, text) where idea == id:
            history = try decide(decision, answer: text, in: portfolio, on: date, note: note)
        case let .answer(idea, text) where idea == id:
            history = [try answer(text, on: date, note: note)]
        case let .showOnBoard(idea, shown) where idea == id:
            history = [try show(onBoard: shown, on: date, note: note)]
        default:
            return nil
        }
        return (history, .unreview(id, from: review, back: before))
    }
}
