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
/// An idea the round started with from the idea box (``BoxSeeding``) is not added again: it
/// goes back to its box number (``BoxReturn``) — merged into the experiment it became or the
/// idea it was merged into in the room, else kept in the backlog; a hidden one stays taken to
/// the workshop.
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

    /// Where a box idea went in the workshop, before the portfolio numbers the new items.
    public enum Destination: Equatable, Sendable {
        /// The experiment at this index of ``experiments``.
        case experiment(Int)
        /// The new backlog idea at this index of ``backlog``.
        case backlog(Int)
        /// An idea already in the portfolio (a box idea the round started with).
        case existing(BacklogIdeaID)

        /// Its item once the new ones are numbered from these first numbers, as
        /// ``numbered(firstExperiment:firstActionItem:firstBacklogIdea:)`` numbers them.
        func subject(firstExperiment: Int, firstBacklogIdea: Int) -> PortfolioSubject {
            switch self {
            case let .experiment(index): .experiment(ExperimentID(firstExperiment + index))
            case let .backlog(index): .backlogIdea(BacklogIdeaID(firstBacklogIdea + index))
            case let .existing(id): .backlogIdea(id)
            }
        }
    }

    /// A box idea back from the workshop: merged into `into`, or kept when `into` is nil, with the
    /// receipts of the workshop ideas merged into it when it is kept.
    public struct BoxReturn: Equatable, Sendable {
        public var idea: BacklogIdeaID
        public var into: Destination?
        public var receipts: [OwnershipProof]
    }

    public var workshop: Workshop
    public var experiments: [ExperimentDraft]
    public var actionItems: [ActionItemDraft]
    public var backlog: [BacklogDraft]
    public var boxReturns: [BoxReturn]
    /// Where each idea of the minutes went (merged ones where they were merged); hidden and
    /// withdrawn ideas are not here.
    public var placements: [String: Destination]

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
        boxReturns = []
        actionItems = []
        placements = [:]
        for round in report.rounds {
            let shortlisted = Set(round.shortlist.map(\.id))
            let receipts = Self.receipts(of: round)
            let fromBox = Dictionary(round.ideas.compactMap { idea in idea.fromBox.map { (idea.id, $0) } }, uniquingKeysWith: { first, _ in first })
            var destinations: [String: Destination] = [:]
            /// A box idea goes back to its number (kept); any other becomes a new backlog idea.
            func keep(_ id: String, text: String, kind: BacklogIdea.Kind) {
                if let box = fromBox[id] {
                    boxReturns.append(BoxReturn(idea: box, into: nil, receipts: receipts[id] ?? []))
                    destinations[id] = .existing(box)
                } else {
                    destinations[id] = .backlog(backlog.count)
                    backlog.append(BacklogDraft(text: text, kind: kind, round: round.number, receipts: receipts[id] ?? []))
                }
            }
            for entry in round.shortlist {
                guard let card = entry.review?.experiment else {
                    keep(entry.id, text: entry.text, kind: .shortlisted)
                    continue
                }
                destinations[entry.id] = .experiment(experiments.count)
                if let box = fromBox[entry.id] { boxReturns.append(BoxReturn(idea: box, into: .experiment(experiments.count), receipts: [])) }
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
                case "active", "late", "pending": keep(idea.id, text: idea.text, kind: .idea)
                case "parked": keep(idea.id, text: idea.text, kind: .parked)
                default: continue
                }
            }
            // A box idea merged into another in the room follows it there.
            for idea in round.ideas where idea.status == "merged" {
                guard let box = idea.fromBox, let root = idea.mergedInto, let destination = destinations[root] else { continue }
                boxReturns.append(BoxReturn(idea: box, into: destination, receipts: []))
            }
            for idea in round.ideas {
                if let destination = destinations[idea.id] ?? idea.mergedInto.flatMap({ destinations[$0] }) { placements[idea.id] = destination }
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
    /// A hidden, held-back or withdrawn idea's receipt goes nowhere, like the idea.
    private static func receipts(of round: MinutesReport.RoundReport) -> [String: [OwnershipProof]] {
        var receipts: [String: [OwnershipProof]] = [:]
        for idea in round.ideas {
            guard let receipt = idea.receipt else { continue }
            switch idea.status {
            case "merged": if let root = idea.mergedInto { receipts[root, default: []].append(receipt) }
            case "hidden", "held", "withdrawn": continue
            default: receipts[idea.id, default: []].append(receipt)
            }
        }
        return receipts
    }

    /// The receipts of the new items, numbered as ``numbered(firstExperiment:firstActionItem:firstBacklogIdea:)``
    /// numbers them, and of the workshop ideas merged into box ideas that went back to their number.
    public func receipts(firstExperiment: Int, firstBacklogIdea: Int) -> [IdeaReceipt] {
        let filed = experiments.enumerated().map { (Destination.experiment($0.offset), $0.element.receipts) }
            + backlog.enumerated().map { (Destination.backlog($0.offset), $0.element.receipts) }
            + boxReturns.map { (Destination.existing($0.idea), $0.receipts) }
        return filed.flatMap { destination, receipts in
            let subject = destination.subject(firstExperiment: firstExperiment, firstBacklogIdea: firstBacklogIdea)
            return receipts.map { IdeaReceipt(proof: $0, subject: subject) }
        }
    }

    /// What each box idea back from the workshop is decided, with the new items numbered as
    /// ``numbered(firstExperiment:firstActionItem:firstBacklogIdea:)`` numbers them.
    public func boxDecisions(firstExperiment: Int, firstBacklogIdea: Int) -> [(idea: BacklogIdeaID, decision: ReviewDecision)] {
        boxReturns.map { back in
            (back.idea, back.into.map { .merge(into: $0.subject(firstExperiment: firstExperiment, firstBacklogIdea: firstBacklogIdea)) } ?? .keep)
        }
    }

    /// The number each idea of the minutes has in the portfolio, once `additions` (what
    /// ``numbered(firstExperiment:firstActionItem:firstBacklogIdea:)`` gave, as the file numbered
    /// it) are in: what a participant notes to find their ideas on the idea box's board.
    public func numbers(given additions: Portfolio) -> [String: String] {
        let (firstExperiment, firstBacklogIdea) = (additions.experiments.first?.id.number ?? 1, additions.backlog.first?.id.number ?? 1)
        return placements.mapValues { $0.subject(firstExperiment: firstExperiment, firstBacklogIdea: firstBacklogIdea).description }
    }

    /// The note a box idea's history gets when the workshop decides it.
    public var boxReturnNote: String { "in the workshop “\(workshop.title)”" }

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
