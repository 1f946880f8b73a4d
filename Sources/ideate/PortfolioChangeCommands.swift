import ArgumentParser
import Foundation
import IdeateCore
import IdeateStore

/// `ideate portfolio start E3`: an experiment starts.
struct PortfolioStart: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start", abstract: "Mark a planned experiment as running.")

    @Argument(help: "The experiment, e.g. E3.", transform: Identifier<ExperimentID>.parse)
    var experiment: ExperimentID

    @OptionGroup var change: ChangeOptions

    func run() async throws {
        try await reportingErrors {
            let started = try change.store().start(experiment, on: change.day, note: change.note)
            print("\(started.id) running since \(change.day): \(started.title)")
        }
    }
}

/// `ideate portfolio learn E3 …`: the learning card of a running experiment.
struct PortfolioLearn: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn",
        abstract: "Record what a running experiment taught: its learning card.",
        discussion: """
        We believed (the assumption, unless --believed rephrases it), we observed, we \
        learned, therefore we will: persevere, pivot, stop or test-again. test-again opens \
        a planned follow-up experiment with the same card, linked to this one.
        """
    )

    enum OutcomeArgument: String, ExpressibleByArgument, CaseIterable {
        case validated, invalidated, unclear
    }

    enum DecisionArgument: String, ExpressibleByArgument, CaseIterable {
        case persevere, pivot, stop
        case testAgain = "test-again"
    }

    @Argument(help: "The experiment, e.g. E3.", transform: Identifier<ExperimentID>.parse)
    var experiment: ExperimentID

    @Option(help: "What the test showed about the assumption.")
    var outcome: OutcomeArgument

    @Option(help: "We believed … (default: the test card's assumption).")
    var believed = ""

    @Option(help: "We observed …")
    var observed: String

    @Option(help: "We learned …")
    var learned: String

    @Option(help: "Therefore we will …")
    var decision: DecisionArgument

    @OptionGroup var change: ChangeOptions

    func run() async throws {
        try await reportingErrors {
            let card = LearningCard(
                outcome: LearningCard.Outcome(rawValue: outcome.rawValue)!, believed: believed, observed: observed, learned: learned,
                decision: LearningCard.Decision(rawValue: decision.rawValue)!, date: change.day)
            let (learnedFrom, followUp) = try change.store().learn(experiment, card, note: change.note)
            print("\(learnedFrom.id) learned on \(change.day): \(card.outcome.rawValue); therefore we will \(card.decision.phrase).")
            if let followUp { print("Follow-up \(followUp.id) opened, planned: \(followUp.title)") }
        }
    }
}

/// `ideate portfolio action A2 --status done`: an action item moves on.
struct PortfolioAction: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "action",
        abstract: "Set an action item's status: open, done, stuck or dropped.",
        discussion: "Done and dropped are final; a stuck item can be opened again, done or dropped."
    )

    enum StatusArgument: String, ExpressibleByArgument, CaseIterable {
        case open, done, stuck, dropped
    }

    @Argument(help: "The action item, e.g. A2.", transform: Identifier<ActionItemID>.parse)
    var item: ActionItemID

    @Option(help: "Where the item stands now.")
    var status: StatusArgument

    @OptionGroup var change: ChangeOptions

    func run() async throws {
        try await reportingErrors {
            let moved = try change.store().move(item, to: TrackedActionItem.Status(rawValue: status.rawValue)!, on: change.day,
                                                note: change.note)
            print("\(moved.id) \(moved.status.rawValue) on \(change.day): \(moved.what)")
        }
    }
}

/// `ideate portfolio promote B4 …`: a backlog idea becomes a planned experiment.
struct PortfolioPromote: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promote",
        abstract: "Turn a backlog idea into a planned experiment with a test card.",
        discussion: "The card needs at least the assumption and the success criterion, written before the test starts."
    )

    @Argument(help: "The backlog idea, e.g. B4.", transform: Identifier<BacklogIdeaID>.parse)
    var idea: BacklogIdeaID

    @Option(help: "We believe …")
    var assumption: String

    @Option(help: "To verify, we will …")
    var test = ""

    @Option(help: "And measure …")
    var metric = ""

    @Option(help: "We are right if …")
    var success: String

    @Option(help: "We stop or change course if …")
    var failure = ""

    @Option(help: "Who runs it.")
    var owner = ""

    @Option(help: ArgumentHelp("When it starts (e.g. mon, +1w, 2026-12-01).", valueName: "date"), transform: DateArgument.parse)
    var start: CalendarDate?

    @Option(help: ArgumentHelp("When the group looks at the result (e.g. +4w).", valueName: "date"), transform: DateArgument.parse)
    var review: CalendarDate?

    @Option(help: ArgumentHelp("What the idea's author reads (at most \(ReviewAnswer.maximumCharacters) characters).",
                               valueName: "text"))
    var answer: String?

    @OptionGroup var change: ChangeOptions

    func run() async throws {
        try await reportingErrors {
            let card = TestCard(assumption: assumption, smallestTest: test, metric: metric, successCriterion: success,
                                failureCriterion: failure, owner: owner, startDate: start, reviewDate: review)
            if let answer { _ = try ReviewAnswer(checking: answer, on: change.day) }
            let store = try change.store()
            let experiment = try store.promote(idea, card: card, on: change.day, note: change.note)
            print("\(idea) promoted to \(experiment.id), planned" + (review.map { ", review \($0)" } ?? "") + ": \(experiment.title)")
            if let answer {
                _ = try store.perform(.answer(idea, answer), on: change.day, note: change.note)
                print("Its author reads: “\(VisibleText.sanitized(answer.trimmingCharacters(in: .whitespacesAndNewlines), foldingLineBreaks: true))”")
            }
        }
    }
}

/// What every change takes: the day it happened, a note for the history, the portfolio file.
struct ChangeOptions: ParsableArguments {
    @Option(name: .customLong("on"), help: ArgumentHelp(
        "The day it happened (default today; e.g. 2026-12-01, -2d, fri).", valueName: "date"), transform: DateArgument.parse)
    var date: CalendarDate?

    @Option(help: "A short note kept in the history.")
    var note = ""

    @OptionGroup var portfolio: PortfolioOptions

    var day: CalendarDate { date ?? PortfolioFile.today }

    /// The portfolio, which must exist: a change to an empty one would only be refused.
    func store() throws -> PortfolioStore { try Self.existingStore(at: portfolio.path()) }

    static func existingStore(at path: String) throws -> PortfolioStore {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandLineError("\(path): no portfolio yet; a finished workshop creates it, or ideate portfolio add RUN")
        }
        return try PortfolioStore.open(at: path)
    }
}

/// Reads an id argument such as `E3` (or plain `3`); anything else is a usage error.
enum Identifier<ID: PortfolioIdentifier> {
    static func parse(_ text: String) throws -> ID {
        guard let id = ID(text) else { throw ValidationError("“\(text)” is not a number like \(ID.letter)3") }
        return id
    }
}
