import ArgumentParser
import IdeateCore

/// `ideate check`: validates plans before a workshop, with line-precise errors.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate plan files and the idea box's file.",
        discussion: """
        Prints one line per problem as FILE:LINE:COLUMN: message and exits 1; exits 0 \
        when every file is valid. A file with `questions` and no `rounds` is read as \
        the idea box's file (its title and standing questions).

          ideate check sessions/*.yaml
        """
    )

    @Argument(help: "Plan files or box files (YAML) to check.")
    var plans: [String]

    mutating func run() throws {
        var problems = 0
        for path in plans {
            if PlanFile.isBoxFile(path) {
                switch PlanFile.parseBox(path) {
                case let .success(box):
                    print("\(path): ok — idea box “\(box.title)”, \(box.questions.count) standing question\(box.questions.count == 1 ? "" : "s")")
                case let .failure(found):
                    problems += found.lines.count
                    for line in found.lines { StandardError.write(line) }
                }
                continue
            }
            switch PlanFile.parse(path) {
            case let .success(plan):
                let minutes = plan.plannedSeconds / 60
                print("\(path): ok — \(plan.rounds.count) round\(plan.rounds.count == 1 ? "" : "s"), \(minutes) min planned"
                      + (plan.followup ? ", opens with a follow-up round" : ""))
            case let .failure(found):
                problems += found.lines.count
                for line in found.lines { StandardError.write(line) }
            }
        }
        if problems > 0 { throw ExitCode(1) }
    }
}
