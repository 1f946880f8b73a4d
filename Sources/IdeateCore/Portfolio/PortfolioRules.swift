/// The rules of follow-up, pure like the workshop's: each takes the item, the day (from an
/// injected clock) and a note, and either changes the item and returns what the history keeps,
/// or refuses with a ``PortfolioRefusal`` and changes nothing.
///
/// - Experiments: planned → running → learned, never back and never skipping running.
/// - Learning cards need what was observed and what was learned; "we believed" defaults to the
///   test card's assumption. Only "test again" opens a follow-up.
/// - Action items: open → done, stuck or dropped; stuck → open, done or dropped; done and
///   dropped are final.
/// - A backlog idea is promoted once, with at least an assumption and a success criterion.
extension Experiment {
    /// planned → running; the test card's start date becomes `date`.
    public mutating func start(on date: CalendarDate, note: String = "") throws(PortfolioRefusal) -> HistoryEntry {
        guard state == .planned else { throw .experimentAlreadyStarted(id, state.stage) }
        state = .running
        card.startDate = date
        return HistoryEntry(subject: .experiment(id), date: date, change: .started, note: note)
    }

    /// running → learned, with its learning card.
    public mutating func learn(_ learning: LearningCard, note: String = "") throws(PortfolioRefusal) -> HistoryEntry {
        guard state == .running else { throw .experimentNotRunning(id, state.stage) }
        var missing: [PortfolioRefusal.Field] = []
        if learning.observed.trimmingWhitespace.isEmpty { missing.append(.observed) }
        if learning.learned.trimmingWhitespace.isEmpty { missing.append(.learned) }
        guard missing.isEmpty else { throw .missing(missing) }
        if let started = card.startDate, learning.date < started {
            throw .learnedBeforeStart(id, started: started, learned: learning.date)
        }
        var card = learning
        if card.believed.trimmingWhitespace.isEmpty { card.believed = self.card.assumption }
        state = .learned(card)
        return HistoryEntry(subject: .experiment(id), date: learning.date, change: .learned(learning.outcome, learning.decision), note: note)
    }

    /// The planned experiment a "test again" opens (once, as the learning card is recorded):
    /// the same question and card, without dates, linked back to this one.
    public func followUp(as newID: ExperimentID, on date: CalendarDate) throws(PortfolioRefusal) -> (experiment: Experiment, history: [HistoryEntry]) {
        guard let learning, learning.decision == .testAgain else { throw .notTestingAgain(id) }
        var card = self.card
        card.startDate = nil
        card.reviewDate = nil
        let next = Experiment(id: newID, title: title, card: card, workshop: workshop, round: round, followsUp: id)
        return (next, [
            HistoryEntry(subject: .experiment(id), date: date, change: .followUpOpened(newID)),
            HistoryEntry(subject: .experiment(newID), date: date, change: .followsUp(id)),
        ])
    }
}

extension TrackedActionItem {
    /// Moves the item to `status` on `date`.
    public mutating func move(to status: Status, on date: CalendarDate, note: String = "") throws(PortfolioRefusal) -> HistoryEntry {
        guard !self.status.isClosed else { throw .actionItemClosed(id, self.status) }
        guard status != self.status else { throw .actionItemUnchanged(id, status) }
        let change = PortfolioChange.actionItemStatus(from: self.status, to: status)
        self.status = status
        statusDate = date
        return HistoryEntry(subject: .actionItem(id), date: date, change: change, note: note)
    }
}

extension BacklogIdea {
    /// Turns the idea into a planned experiment with `card`.
    public mutating func promote(
        as newID: ExperimentID, card: TestCard, on date: CalendarDate, note: String = ""
    ) throws(PortfolioRefusal) -> (experiment: Experiment, history: [HistoryEntry]) {
        if let promotedTo { throw .alreadyPromoted(id, to: promotedTo) }
        var missing: [PortfolioRefusal.Field] = []
        if card.assumption.trimmingWhitespace.isEmpty { missing.append(.assumption) }
        if card.successCriterion.trimmingWhitespace.isEmpty { missing.append(.successCriterion) }
        guard missing.isEmpty else { throw .missing(missing) }
        fate = .promoted(newID)
        let experiment = Experiment(id: newID, title: text, card: card, workshop: workshop, round: round, promotedFrom: id)
        return (experiment, [
            HistoryEntry(subject: .backlogIdea(id), date: date, change: .promoted(to: newID), note: note),
            HistoryEntry(subject: .experiment(newID), date: date, change: .promotedFrom(id), note: note),
        ])
    }
}
