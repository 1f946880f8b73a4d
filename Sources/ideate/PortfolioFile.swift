import ArgumentParser
import Foundation
import IdeateCore
import IdeateRuntime
import IdeateStore
import IdeateTUI

/// `--portfolio FILE`, shared by every command that touches the company's portfolio.
struct PortfolioOptions: ParsableArguments {
    @Option(name: .customLong("portfolio"), help: ArgumentHelp(
        "The company's portfolio file (default: sessions/portfolio.sqlite).", valueName: "file"))
    var file: String?

    /// The file to use: `--portfolio`, else `fallback`.
    func path(or fallback: String = PortfolioFile.defaultPath) -> String { file ?? fallback }
}

/// Where the portfolio lives and how a finished run gets into it.
enum PortfolioFile {
    static let defaultPath = "sessions/portfolio.sqlite"

    /// `sessions/portfolio.sqlite` in the plan's folder when that is a `sessions` folder, as
    /// for run files.
    static func path(besidePlan plan: String) -> String {
        let folder = (plan as NSString).deletingLastPathComponent
        let sessions = (folder as NSString).lastPathComponent == "sessions" ? folder : "sessions"
        return sessions + "/portfolio.sqlite"
    }

    /// The demo's own portfolio beside its runs, so trying ideate never fills the real one.
    static func demoPath(besideRun run: String) -> String {
        let folder = (run as NSString).deletingLastPathComponent
        return (folder.isEmpty ? "" : folder + "/") + "demo.portfolio.sqlite"
    }

    /// The local "today", for dates typed relative to it.
    static var today: CalendarDate { CalendarDate(SystemClock().now, in: .current) }

    /// Adds the finished run in `store` to the portfolio at `path`.
    static func add(_ store: RunStore, to path: String) throws -> PortfolioAddition {
        try addNumbering(store, to: path).addition
    }

    /// Adds the finished run in `store` to the portfolio at `path`, with each of its ideas'
    /// numbers there (by idea id) when it was added now.
    static func addNumbering(_ store: RunStore, to path: String) throws -> (addition: PortfolioAddition, numbers: [String: String]) {
        guard let run = try store.identity() else { throw CommandLineError("\(store.path): the run has not started") }
        let intake = try WorkshopIntake(report: MinutesReport(state: try store.replay()), run: run, today: today, timeZone: .current)
        let addition = try PortfolioStore.open(at: path).add(intake)
        guard case let .added(additions) = addition else { return (addition, [:]) }
        return (addition, intake.numbers(given: additions))
    }

    /// What a follow-up round shows from the portfolio at `path` (nothing when there is none yet).
    static func followupRound(at path: String) throws -> (experiments: [EarlierExperiment], actionItems: [OpenActionItem]) {
        guard FileManager.default.fileExists(atPath: path) else { return ([], []) }
        // Experiments, action items and workshops are all it shows: not the whole history.
        let items = try PortfolioStore.open(at: path).items()
        return (EarlierExperiment.review(of: items), OpenActionItem.review(of: items, today: today))
    }

    /// The ideas a `from_box` round starts with: those the reviewer took to the next workshop.
    static func ideasTakenToWorkshop(at path: String) throws -> [BacklogIdea] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        return try PortfolioStore.open(at: path).ideasTakenToWorkshop()
    }

    /// The idea box last opened over the portfolio at `path` (nil when there is no file or box).
    static func ideaBox(at path: String) throws -> IdeaBoxAddress? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try PortfolioStore.open(at: path).boxAddress()
    }

    /// What `addition` brought, e.g. "2 experiments, 1 action item, 5 backlog ideas".
    static func summary(_ additions: Portfolio, in language: Language = .english) -> String {
        let t = Localizer(language)
        return [t.count(.experiments, additions.experiments.count), t.count(.actionItems, additions.actionItems.count),
                t.count(.backlogIdeas, additions.backlog.count)].joined(separator: ", ")
    }
}

/// Writes the minutes beside the run file and then adds the run to the portfolio when a
/// workshop finishes. The minutes come first: a portfolio that cannot be written loses nothing
/// and is reported on its own.
enum FinishedRun {
    /// Writes the minutes, adds the run to the portfolio, and tells the engine the numbers its
    /// ideas got there (participants' end screens list their own).
    static func record(_ state: SessionState, store: RunStore, portfolioPath: String, engine: any WorkshopEngine, at now: Instant) async -> FinishOutcome {
        let minutes = writeMinutes(state, runPath: store.path)
        let (portfolio, numbers) = addToPortfolio(store, path: portfolioPath, language: state.roomLanguage)
        if !numbers.isEmpty { _ = try? await engine.execute(.facilitator(.notePortfolioNumbers(numbers)), at: now) }
        return FinishOutcome(minutes: minutes, portfolio: portfolio)
    }

    static func writeMinutes(_ state: SessionState, runPath: String) -> MinutesOutcome {
        let path = (runPath as NSString).deletingPathExtension + ".md"
        let markdown = MarkdownMinutes(localizer: Localizer(state.plan.language ?? .english)).render(MinutesReport(state: state))
        do {
            try AtomicFile.write(Data(markdown.utf8), to: path)
            return .written(path: path)
        } catch {
            return .notWritten(reason: "\(error)")
        }
    }

    static func addToPortfolio(_ store: RunStore, path: String, language: Language = .english) -> (PortfolioOutcome, numbers: [String: String]) {
        do {
            let (addition, numbers) = try PortfolioFile.addNumbering(store, to: path)
            switch addition {
            case let .added(additions): return (.added(path: path, summary: PortfolioFile.summary(additions, in: language)), numbers)
            case .alreadyThere: return (.alreadyThere(path: path), [:])
            }
        } catch {
            return (.notAdded(reason: "\(error)"), [:])
        }
    }
}
