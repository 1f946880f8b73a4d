import Foundation
import IdeateCore

/// Reads a plan file from disk and reports its problems as `FILE:LINE:COLUMN: message`.
enum PlanFile {
    /// Every problem of one plan file, already formatted for the terminal.
    struct Problems: Error, CustomStringConvertible {
        var lines: [String]
        var description: String { lines.joined(separator: "\n") }
    }

    static func load(_ path: String) throws -> Plan {
        switch parse(path) {
        case let .success(plan): return plan
        case let .failure(problems): throw CommandLineError(problems.description)
        }
    }

    /// The plan, or one formatted line per problem.
    static func parse(_ path: String) -> Result<Plan, Problems> {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file"
            return .failure(Problems(lines: ["\(path):1:1: cannot read the file (\(reason))"]))
        }
        guard let source = String(data: data, encoding: .utf8) else {
            return .failure(Problems(lines: ["\(path):1:1: the file is not UTF-8 text"]))
        }
        return PlanParser.parse(source).mapError { Problems(lines: $0.all.map { $0.formatted(file: path) }) }
    }
}
