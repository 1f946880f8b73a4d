import ArgumentParser
import Foundation
import IdeateCore
import IdeateStore

/// `ideate export`: the minutes of a run, as Markdown, CSV or JSON.
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export the minutes of a run.",
        discussion: """
        Markdown is what a facilitator hands out; CSV has one idea per row for \
        spreadsheets; JSON carries every idea with its id, text, cluster, status and votes. \
        Rounds count from 1; JSON times are ISO 8601 with this machine's UTC offset. JSON \
        and CSV are versioned (formatVersion 2, see "Export formats" in README.md). No \
        export names a participant. With -o the file is written atomically (it is complete \
        or absent).

          ideate export sessions/runs/quick-start.sqlite -o minutes.md
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown, csv, json
    }

    @Argument(help: "The run file (.sqlite) to export.")
    var run: String

    @Option(help: "Output format: markdown, csv or json.")
    var format: Format = .markdown

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    @OptionGroup var language: LanguageOption

    func run() async throws {
        try await reportingErrors {
            let state = try RunStore.open(at: run).replay()
            let text = try Self.render(state, as: format, in: language.chosen ?? state.roomLanguage)
            if let output {
                try AtomicFile.write(Data(text.utf8), to: output)
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
        }
    }

    /// The minutes in `format`; Markdown is written in `language` (CSV and JSON are data).
    static func render(_ state: SessionState, as format: Format, in language: Language) throws -> String {
        let report = MinutesReport(state: state)
        switch format {
        case .markdown: return MarkdownMinutes(localizer: Localizer(language)).render(report)
        case .csv: return CSVMinutes.render(report)
        case .json: return try JSONMinutes.render(report)
        }
    }
}
