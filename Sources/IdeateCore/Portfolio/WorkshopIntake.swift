import Foundation

/// What a finished workshop brings into the portfolio, worked out from its minutes
/// (``MinutesReport``), so the portfolio can hold nothing the minutes may not show:
///
/// - each shortlisted idea with an experiment card becomes a planned experiment; its review
///   date, typed in the room, is read as a date counted from the workshop's day (`+2w`, `fri`);
/// - each action item becomes a tracked one, its due date read the same way;
/// - every other idea on the wall goes to the backlog — parked ones marked parked, shortlisted
///   ones without a card marked shortlisted; hidden (moderated) and merged-away ideas do not.
///
/// Each experiment and backlog idea carries the receipts of the ideas it holds (its own and those
/// merged into it in the room), so their authors' devices can follow it (``IdeaReceipt``).
///
/// A date that cannot be read is left empty and what was typed is kept in the history note.
public struct WorkshopIntake: Equatable, Sendable {
    /// An experiment before the portfolio numbers it.
    public struct ExperimentDraft: Equatable, Sendable {
        public var title: String
        public var card: TestCard
        public var round: Int
        public var note: String
        public var receipts: [OwnershipProof]
    }

    /// An action item before the portfolio numbers it.
    public struct ActionItemDraft: Equatable, Sendable {
        public var what: String
        public var owner: String
        public var due: CalendarDate?
        public var round: Int
        public var idea: String?
        public var note: String
    }

    /// A backlog idea before the portfolio numbers it.
    public struct BacklogDraft: Equatable, Sendable {
        public var text: String
        public var kind: BacklogIdea.Kind
        public var round: Int
        public var receipts: [OwnershipProof]
    }

    public var workshop: Workshop
    public var experiments: [ExperimentDraft]
    public var actionItems: [ActionItemDraft]
    public var backlog: [BacklogDraft]

    /// - Parameters:
    ///   - report: the minutes of a finished run.
    ///   - run: the run's identity (``RunIdentity``), which makes adding it twice change nothing.
    ///   - today: the day it is added.
    ///   - timeZone: where the workshop's day is counted.
    /// - Throws: ``PortfolioRefusal/runNotFinished(title:)`` for a run that has not ended.
    public init(report: MinutesReport, run: RunIdentity, today: CalendarDate, timeZone: TimeZone) throws(PortfolioRefusal) {
        guard report.finishedAt != nil else { throw .runNotFinished(title: report.title) }
        let day = report.startedAt.map { CalendarDate($0, in: timeZone) }
        workshop = Workshop(run: run, title: report.title, goal: report.goal, date: day, participants: report.participants,
                            ideaCount: report.ideaCount, voteCount: report.voteCount, addedOn: today)
        let base = day ?? today
        experiments = []
        backlog = []
        for round in report.rounds {
            let shortlisted = Set(round.shortlist.map(\.id))
            let receipts = Self.receipts(of: round)
            for entry in round.shortlist {
                guard let card = entry.review?.experiment else {
                    backlog.append(BacklogDraft(text: entry.text, kind: .shortlisted, round: round.number, receipts: receipts[entry.id] ?? []))
                    continue
                }
                let review = Self.date(card.reviewDate, from: base, named: "review date")
                experiments.append(ExperimentDraft(
                    title: entry.text,
                    card: TestCard(assumption: card.assumption, smallestTest: card.smallestTest, metric: card.metric,
                                   successCriterion: card.successCriterion, failureCriterion: card.failureCriterion,
                                   owner: card.owner, reviewDate: review.date),
                    round: round.number, note: review.note, receipts: receipts[entry.id] ?? []))
            }
            for idea in round.ideas where !shortlisted.contains(idea.id) {
                switch idea.status {
                case "active", "late", "pending":
                    backlog.append(BacklogDraft(text: idea.text, kind: .idea, round: round.number, receipts: receipts[idea.id] ?? []))
                case "parked":
                    backlog.append(BacklogDraft(text: idea.text, kind: .parked, round: round.number, receipts: receipts[idea.id] ?? []))
                default: continue
                }
            }
        }
        let texts = Dictionary(report.rounds.flatMap(\.ideas).map { ($0.id, $0.text) }, uniquingKeysWith: { first, _ in first })
        actionItems = report.actionItems.map { item in
            let due = Self.date(item.due, from: base, named: "due date")
            return ActionItemDraft(what: item.what, owner: item.owner, due: due.date, round: item.round,
                                   idea: item.idea.flatMap { texts[$0] }, note: due.note)
        }
    }

    /// The receipts each idea of `round` carries: its own, and those of the ideas merged into it.
    /// A hidden or withdrawn idea's receipt goes nowhere, like the idea.
    private static func receipts(of round: MinutesReport.RoundReport) -> [String: [OwnershipProof]] {
        var receipts: [String: [OwnershipProof]] = [:]
        for idea in round.ideas {
            guard let receipt = idea.receipt else { continue }
            switch idea.status {
            case "merged": if let root = idea.mergedInto { receipts[root, default: []].append(receipt) }
            case "hidden", "withdrawn": continue
            default: receipts[idea.id, default: []].append(receipt)
            }
        }
        return receipts
    }

    /// The receipts of the new items, numbered as ``numbered(firstExperiment:firstActionItem:firstBacklogIdea:)``
    /// numbers them.
    public func receipts(firstExperiment: Int, firstBacklogIdea: Int) -> [IdeaReceipt] {
        experiments.enumerated().flatMap { offset, draft in
            draft.receipts.map { IdeaReceipt(proof: $0, subject: .experiment(ExperimentID(firstExperiment + offset))) }
        } + backlog.enumerated().flatMap { offset, draft in
            draft.receipts.map { IdeaReceipt(proof: $0, subject: .backlogIdea(BacklogIdeaID(firstBacklogIdea + offset))) }
        }
    }

    /// A date typed in the room, read from the workshop's day; a note when it could not be.
    private static func date(_ typed: String, from base: CalendarDate, named name: String) -> (date: CalendarDate?, note: String) {
        guard !typed.trimmingWhitespace.isEmpty else { return (nil, "") }
        do {
            return (try DateInput.parse(typed, today: base), "")
        } catch {
            return (nil, "\(name) as typed in the workshop: \(typed)")
        }
    }

    /// The portfolio's new items, numbered from the given first numbers (the next free ones in
    /// the file), with a history entry for each dated the workshop's day.
    public func numbered(firstExperiment: Int, firstActionItem: Int, firstBacklogIdea: Int) -> Portfolio {
        let day = workshop.date ?? workshop.addedOn
        var additions = Portfolio(workshops: [workshop])
        for (offset, draft) in experiments.enumerated() {
            let id = ExperimentID(firstExperiment + offset)
            additions.experiments.append(Experiment(id: id, title: draft.title, card: draft.card, workshop: workshop.run, round: draft.round))
            additions.history.append(HistoryEntry(subject: .experiment(id), date: day, change: .addedFromWorkshop, note: draft.note))
        }
        for (offset, draft) in actionItems.enumerated() {
            let id = ActionItemID(firstActionItem + offset)
            additions.actionItems.append(TrackedActionItem(id: id, what: draft.what, owner: draft.owner, due: draft.due,
                                                           workshop: workshop.run, round: draft.round, idea: draft.idea))
            additions.history.append(HistoryEntry(subject: .actionItem(id), date: day, change: .addedFromWorkshop, note: draft.note))
        }
        for (offset, draft) in backlog.enumerated() {
            additions.backlog.append(BacklogIdea(id: BacklogIdeaID(firstBacklogIdea + offset), text: draft.text, kind: draft.kind,
                                                 workshop: workshop.run, round: draft.round))
        }
        return additions
    }
}

/// Where one idea's author follows it: the proof their device keeps, and the backlog idea or
/// experiment the idea became (or was merged into).
public struct IdeaReceipt: Equatable, Sendable {
    public var proof: OwnershipProof
    public var subject: PortfolioSubject

    public init(proof: OwnershipProof, subject: PortfolioSubject) {
        self.proof = proof
        self.subject = subject
    }
}
