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
        source(of: path).flatMap { source in PlanParser.parse(source).mapError { Problems(lines: $0.all.map { $0.formatted(file: path) }) } }
    }

    /// The idea box's file (title and standing questions), or one formatted line per problem.
    static func parseBox(_ path: String) -> Result<BoxSettings, Problems> {
        source(of: path).flatMap { source in BoxSettings.parse(source).mapError { Problems(lines: $0.all.map { $0.formatted(file: path) }) } }
    }

    /// Whether `path` reads as a box file rather than a plan: it has `questions` and no `rounds`.
    static func isBoxFile(_ path: String) -> Bool {
        guard case let .success(source) = source(of: path) else { return false }
        let keys = source.split(separator: "\n").map { $0.prefix { $0 != ":" } }
        return keys.contains("questions") && !keys.contains("rounds")
    }

    /// A file's text, or why it cannot be read.
    static func source(of path: String) -> Result<String, Problems> {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file"
            return .failure(Problems(lines: ["\(path):1:1: cannot read the file (\(reason))"]))
        }
        guard let source = String(data: data, encoding: .utf8) else {
            return .failure(Problems(lines: ["\(path):1:1: the file is not UTF-8 text"]))
        }
        return .success(source)
    }
}
