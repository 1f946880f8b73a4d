import ArgumentParser
import Foundation
import IdeateCore
import IdeateStore

/// `ideate portfolio box`: where the idea box stands and the ideas waiting for a review.
struct PortfolioBox: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "box", abstract: "Show the new ideas waiting for a review, oldest week first.")

    @OptionGroup var portfolio: PortfolioOptions

    func run() async throws {
        try await reportingErrors {
            let store = try ChangeOptions.existingStore(at: portfolio.path())
            print(try store.boxStatus(today: PortfolioFile.today).description)
            for idea in try store.newBoxIdeas() {
                let week = idea.arrivalWeek.map { " (\($0)" + (idea.question.map { ", \($0)" } ?? "") + ")" } ?? ""
                print("  \(idea.id)\(week): \(VisibleText.sanitized(idea.text, foldingLineBreaks: true))")
            }
        }
    }
}

/// `ideate portfolio rhythm 14`: how often the box is reviewed.
struct PortfolioRhythm: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rhythm", abstract: "Show or set how often the idea box is reviewed (default every 14 days).")

    @Argument(help: ArgumentHelp("Days between reviews, 1 to \(ReviewRhythm.maximumDays).", valueName: "days"))
    var days: Int?

    @OptionGroup var portfolio: PortfolioOptions

    func validate() throws {
        if let days, ReviewRhythm(days: days) == nil { throw ValidationError("a review rhythm is 1 to \(ReviewRhythm.maximumDays) days") }
    }

    func run() async throws {
        try await reportingErrors {
            let store = try ChangeOptions.existingStore(at: portfolio.path())
            if let days, let rhythm = ReviewRhythm(days: days) { try store.setReviewRhythm(rhythm) }
            print("The box is reviewed \(try store.reviewRhythm()).")
        }
    }
}

/// What every review decision takes beside the change's day and note: the answer to the author.
struct ReviewOptions: ParsableArguments {
    @Argument(help: "The idea, e.g. B12.", transform: Identifier<BacklogIdeaID>.parse)
    var idea: BacklogIdeaID

    @Option(help: ArgumentHelp("What the author reads: why, what next (at most \(ReviewAnswer.maximumCharacters) characters).",
                               valueName: "text"))
    var answer: String?

    @OptionGroup var change: ChangeOptions

    /// Decides `decision` and says what the idea's author now sees.
    func decide(_ decision: ReviewDecision) throws { try Self.perform(.decide(idea, decision, answer: answer), on: idea, change) }

    /// Saves `edit` of `idea` and says what its author now sees.
    static func perform(_ edit: PortfolioEdit, on idea: BacklogIdeaID, _ change: ChangeOptions) throws {
        let store = try change.store()
        _ = try store.perform(edit, on: change.day, note: change.note)
        try report(idea, in: store, on: change.day)
    }

    /// `B12 declined on 2026-12-06; its author reads: “…”`.
    static func report(_ id: BacklogIdeaID, in store: PortfolioStore, on day: CalendarDate) throws {
        let idea = try store.backlogIdea(id)
        let answer = idea.answer.map { "; its author reads: “\(VisibleText.sanitized($0.text, foldingLineBreaks: true))”" } ?? ""
        print("\(id) \(idea.fate) on \(day)\(answer)" + (idea.onBoard ? "" : " (kept off the board)"))
    }
}

/// `ideate portfolio keep B12`.
struct PortfolioKeep: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "keep", abstract: "Keep an idea in the backlog for later.")
    @OptionGroup var review: ReviewOptions
    func run() async throws { try await reportingErrors { try review.decide(.keep) } }
}

/// `ideate portfolio decline B12 --answer …`.
struct PortfolioDecline: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decline", abstract: "Decline an idea (say why in --answer: its author reads it).")
    @OptionGroup var review: ReviewOptions
    func run() async throws { try await reportingErrors { try review.decide(.decline) } }
}

/// `ideate portfolio take B12`.
struct PortfolioTake: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "take", abstract: "Take an idea to the next workshop (a plan's from_box round starts with it).")
    @OptionGroup var review: ReviewOptions
    func run() async throws { try await reportingErrors { try review.decide(.takeToWorkshop) } }
}

/// `ideate portfolio merge B12 --into E3`.
struct PortfolioMerge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge", abstract: "Merge an idea into another idea or an experiment; its author follows it there.")

    @Option(help: ArgumentHelp("The idea or experiment it joins, e.g. B3 or E2.", valueName: "id"), transform: MergeTarget.parse)
    var into: PortfolioSubject

    @OptionGroup var review: ReviewOptions

    func run() async throws { try await reportingErrors { try review.decide(.merge(into: into)) } }
}

/// `ideate portfolio answer B12 "…"`.
struct PortfolioAnswer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "answer", abstract: "Answer an idea's author, whatever its fate (replaces an earlier answer).")

    @Argument(help: ArgumentHelp("The idea, e.g. B12.", valueName: "idea"), transform: Identifier<BacklogIdeaID>.parse)
    var idea: BacklogIdeaID

    @Argument(help: ArgumentHelp("What the author reads (at most \(ReviewAnswer.maximumCharacters) characters).", valueName: "text"))
    var text: String

    @OptionGroup var change: ChangeOptions

    func run() async throws {
        try await reportingErrors { try ReviewOptions.perform(.answer(idea, text), on: idea, change) }
    }
}

/// `ideate portfolio board B12 off`.
struct PortfolioBoard: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "board",
        abstract: "Show an idea on the box's board (\"You said, we did\"), or keep it for its author only.")

    enum Shown: String, ExpressibleByArgument, CaseIterable {
        case on, off
    }

    @Argument(help: ArgumentHelp("The idea, e.g. B12.", valueName: "idea"), transform: Identifier<BacklogIdeaID>.parse)
    var idea: BacklogIdeaID

    @Argument(help: "on: everyone sees it and its answer; off: its author only.")
    var shown: Shown

    @OptionGroup var change: ChangeOptions

    func run() async throws {
        try await reportingErrors { try ReviewOptions.perform(.showOnBoard(idea, shown == .on), on: idea, change) }
    }
}

/// Reads `B3` or `E2` as what an idea may merge into; anything else is a usage error.
enum MergeTarget {
    static func parse(_ text: String) throws -> PortfolioSubject {
        guard let target = PortfolioSubject(mergeTarget: text) else { throw ValidationError("“\(text)” is neither an idea like B3 nor an experiment like E2") }
        return target
    }
}
