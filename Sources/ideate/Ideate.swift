import ArgumentParser

/// The `ideate` command line: one entry point for planning, running and exporting workshops.
@main
struct Ideate: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "ideate",
        abstract: "Run innovation workshops from the terminal: anonymous ideas, deferred criticism, dot voting, minutes.",
        discussion: """
        A facilitator prepares a plan (sessions/*.yaml), runs it, and exports the minutes.

          ideate check sessions/quick-start.yaml          validate a plan
          ideate simulate sessions/quick-start.yaml \\
              --participants 8 --seed 7 --run /tmp/r.sqlite  run a whole workshop headless
          ideate export /tmp/r.sqlite                     print the minutes as Markdown

        Exit codes: 0 success, 1 a problem with the input or a run file, 64 wrong usage.
        """,
        version: version,
        subcommands: [Demo.self, Run.self, Join.self, Check.self, Simulate.self, Export.self, Themes.self]
    )
}
