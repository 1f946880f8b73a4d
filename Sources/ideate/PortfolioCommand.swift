import ArgumentParser
import Foundation
import IdeateCore
import IdeateStore

/// `ideate portfolio`: the company's innovation record, and the commands that add to it and
/// change it from the shell (scripts; people mostly use the follow-up screen).
struct PortfolioCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portfolio",
        abstract: "The company's record: experiments, what they taught, action items, backlog.",
        discussion: """
        Every finished workshop is added to the portfolio (sessions/portfolio.sqlite): its \
        shortlisted ideas with experiment cards as planned experiments, its action items, \
        and its other ideas as a backlog, parked ones marked. Ideas sent to the idea box \
        (ideate box) arrive as new backlog ideas, with the week they came and nothing \
        finer, and wait for a review: keep, merge, take, decline or promote, each with an \
        answer the author reads. It keeps only what the minutes show, never who wrote an \
        idea. Without a subcommand it prints the report.

          ideate portfolio                             the report as Markdown
          ideate portfolio add sessions/runs/*.sqlite  add finished runs
          ideate portfolio start E3                    an experiment starts today
          ideate portfolio learn --help                write down what it taught
          ideate portfolio box                         the ideas waiting for a review
          ideate portfolio decline B12 --answer "…"    decide, and tell the author why
        """,
        subcommands: [PortfolioReportCommand.self, PortfolioAdd.self, PortfolioStart.self, PortfolioLearn.self, PortfolioAction.self,
                      PortfolioPromote.self, PortfolioBox.self, PortfolioKeep.self, PortfolioMerge.self, PortfolioTake.self,
                      PortfolioDecline.self, PortfolioAnswer.self, PortfolioBoard.self, PortfolioRhythm.self],
        defaultSubcommand: PortfolioReportCommand.self
    )
}

/// `ideate portfolio report`: the record as Markdown, CSV or JSON.
struct PortfolioReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print the portfolio report (the default).",
        discussion: """
        Markdown shows experiments by state and outcome with a chart, every learning card \
        (an assumption that proved wrong told as plainly as one that held), open and \
        overdue action items, the backlog by how often an idea came back, and what each \
        workshop led to. CSV has one row per experiment, action item and backlog idea; JSON \
        carries everything with its history (both versioned, formatVersion 1). With -o the \
        file is written atomically.

          ideate portfolio --format csv -o portfolio.csv
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown, csv, json
    }

    @Option(help: "Output format: markdown, csv or json.")
    var format: Format = .markdown

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "Report as of this day instead of today (what is due and overdue then).", valueName: "date"),
            transform: DateArgument.parse)
    var asOf: CalendarDate?

    @OptionGroup var portfolio: PortfolioOptions

    @OptionGroup var language: LanguageOption

    func run() async throws {
        try await reportingErrors {
            let store = try ChangeOptions.existingStore(at: portfolio.path())
            let report = PortfolioReport(try store.portfolio(), today: asOf ?? PortfolioFile.today, rhythm: try store.reviewRhythm())
            let text = switch format {
            case .markdown: MarkdownPortfolio(language: language.resolved()).render(report)
            case .csv: CSVPortfolio.render(report)
            case .json: try JSONPortfolio.render(report)
            }
            if let output {
                try AtomicFile.write(Data(text.utf8), to: output)
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
        }
    }
}

/// `ideate portfolio add RUN...`: adds finished runs by hand.
struct PortfolioAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add finished runs to the portfolio.",
        discussion: """
        A run that is already there (added when its workshop finished, or before) is left \
        as it is, so adding the same runs again changes nothing. A run that has not \
        finished is refused.
        """
    )

    @Argument(help: "Run files (.sqlite) of finished workshops.")
    var runs: [String]

    @OptionGroup var portfolio: PortfolioOptions

    func validate() throws {
        guard !runs.isEmpty else { throw ValidationError("Give at least one run file.") }
    }

    func run() async throws {
        let path = portfolio.path()
        var failed = false
        for run in runs {
            do {
                let store = try RunStore.open(at: run)
                switch try PortfolioFile.add(store, to: path) {
                case let .added(additions):
                    let workshop = additions.workshops[0]
                    print("Added \(Self.name(workshop)) to \(path): \(PortfolioFile.summary(additions)).")
                case let .alreadyThere(workshop):
                    print("\(Self.name(workshop)) is already in \(path); nothing changed.")
                }
            } catch {
                StandardError.write("ideate: \(run): \(error)")
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }

    static func name(_ workshop: Workshop) -> String {
        "“\(workshop.title)”" + (workshop.date.map { " (\($0))" } ?? "")
    }
}

/// Reads a date option the friendly way (`2026-12-01`, `+2w`, `fri`, `today`), counted from
/// the local today; a date that is not one is a usage error saying what would be understood.
enum DateArgument {
    static func parse(_ text: String) throws -> CalendarDate {
        do {
            return try DateInput.parse(text, today: PortfolioFile.today)
        } catch {
            throw ValidationError(error.description)
        }
    }
}
