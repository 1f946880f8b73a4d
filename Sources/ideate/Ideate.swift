import ArgumentParser

/// The `ideate` command line: one entry point for planning, running and exporting workshops.
@main
struct Ideate: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "ideate",
        abstract: "Run innovation workshops from the terminal: anonymous ideas, deferred criticism, dot voting, minutes.",
        discussion: """
        A facilitator prepares a plan (sessions/*.yaml), runs it, and exports the \
        minutes. Participants join from a phone or over ssh, with nothing to install, or \
        with ideate join.

          ideate demo                              try it with simulated colleagues
          ideate check sessions/quick-start.yaml   validate a plan
          ideate run sessions/quick-start.yaml     run it; the lobby says how to join
          ideate export sessions/runs/FILE.sqlite  print the minutes as Markdown
          ideate followup                          go through what is due, record learning
          ideate portfolio                         what became of every experiment

        Exit codes: 0 success, 1 a problem with the input or a run file, 64 wrong usage.
        """,
        version: version,
        subcommands: [Demo.self, Run.self, Join.self, Check.self, Simulate.self, Export.self, Followup.self, PortfolioCommand.self, BoxCommand.self, Themes.self]
    )
}
