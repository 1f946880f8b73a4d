/// The rules of undo: each compensating change checks that the item is still as the change
/// left it, restores what it was, and returns the history rows that say so. Nothing is deleted
/// from the history; an experiment that a promotion or a "test again" opened is withdrawn only
/// while it is still planned.
extension Experiment {
    /// running → planned, with `previousStart` as its start date again.
    public mutating func undoStart(previousStart: CalendarDate?, on date: CalendarDate, note: String = "") throws(PortfolioRefusal) -> HistoryEntry {
        guard state == .running else { throw .changedSince(.experiment(id)) }
        state = .planned
        card.startDate = previousStart
        return HistoryEntry(subject: .experiment(id), date: date, change: .undone(.started), note: note)
    }

    /// learned → running; the learning card is dropped from the item and kept in the history.
    public mutating func undoLearning(on date: CalendarDate, note: String = "") throws(PortfolioRefusal) -> HistoryEntry {
        guard let learning else { throw .changedSince(.experiment(id)) }
        state = .running
        return HistoryEntry(subject: .experiment(id), date: date, change: .undone(.learned(learning.outcome, learning.decision)), note: note)
    }

    /// The history row of withdrawing this experiment, opened by `change` (a promotion or a
    /// follow-up) that is being undone; only a planned experiment can go.
    public func withdrawal(undoing change: PortfolioChange, on date: CalendarDate, note: String = "") throws(PortfolioRefusal) -> HistoryEntry {
        guard state == .planned else { throw .changedSince(.experiment(id)) }
        return HistoryEntry(subject: .experiment(id), date: date, change: .undone(change), note: note)
    }
}

extension TrackedActionItem {
    /// Back from `from` to `back` (with its earlier status date), even from done or dropped:
    /// this takes a mistaken key back, it does not reopen finished work.
    public mutating func undoMove(
        from: Status, back: Status, backDate: CalendarDate?, on date: CalendarDate, note: String = ""
    ) throws(PortfolioRefusal) -> HistoryEntry {
        guard status == from else { throw .changedSince(.actionItem(id)) }
        status = back
        statusDate = backDate
        return HistoryEntry(subject: .actionItem(id), date: date, change: .undone(.actionItemStatus(from: back, to: from)), note: note)
    }
}

extension BacklogIdea {
    /// Back to the fate it had (`previous`); `experiment` (what it became, still planned) is
    /// withdrawn.
    public mutating func undoPromotion(
        of experiment: Experiment, back previous: IdeaFate, on date: CalendarDate, note: String = ""
    ) throws(PortfolioRefusal) -> [HistoryEntry] {
        guard promotedTo == experiment.id else { throw .changedSince(.backlogIdea(id)) }
        let withdrawn = try experiment.withdrawal(undoing: .promotedFrom(id), on: date, note: note)
        fate = previous
        return [HistoryEntry(subject: .backlogIdea(id), date: date, change: .undone(.promoted(to: experiment.id)), note: note), withdrawn]
    }
}
