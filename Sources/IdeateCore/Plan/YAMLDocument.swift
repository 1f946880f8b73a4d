import Yams
import Foundation

/// A strict reader over a YAML mapping that remembers where each value came from, so every
/// problem in a hand-written file can be reported at its line and column.
///
/// Shared by the plan and theme parsers: unknown keys get a did-you-mean, wrong types a plain
/// sentence, and problems are collected rather than stopping at the first.
public final class YAMLDocument {
    public private(set) var diagnostics: [SourceDiagnostic] = []

    public init() {}

    /// The root node of `source`, or nil after recording the syntax error.
    public func root(of source: String) -> Node? {
        do {
            guard let node = try Yams.compose(yaml: source) else {
                report(line: 1, column: 1, "the file is empty")
                return nil
            }
            return node
        } catch let error as YamlError {
            switch error {
            case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
                report(line: mark.line, column: mark.column, "YAML syntax: \(problem)")
            case let .duplicatedKeysInMapping(duplicates, context):
                report(line: context.mark.line, column: context.mark.column,
                       "duplicate key \(duplicates.map { "`\($0)`" }.joined(separator: ", "))")
            default:
                report(line: 1, column: 1, "YAML: \(error)")
            }
            return nil
        } catch {
            report(line: 1, column: 1, "YAML: \(error)")
            return nil
        }
    }

    public func report(_ node: Node?, _ message: String) {
        report(line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1, message)
    }

    public func report(line: Int, column: Int, _ message: String) {
        diagnostics.append(SourceDiagnostic(line: line, column: column, message: message))
    }

    /// The key/value pairs of `node` when it is a mapping whose keys are all in `allowed`;
    /// an unknown key is reported with the closest allowed key.
    public func mapping(_ node: Node, named name: String, allowed: [String]) -> [String: Node] {
        guard case let .mapping(mapping) = node else {
            report(node, "\(name) should be a mapping of `key: value` lines")
            return [:]
        }
        var fields: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else {
                report(keyNode, "keys in \(name) should be plain words")
                continue
            }
            if allowed.contains(key) {
                fields[key] = value
            } else if let suggestion = DidYouMean.suggestion(for: key, among: allowed) {
                report(keyNode, "unknown key `\(key)` in \(name); did you mean `\(suggestion)`?")
            } else {
                report(keyNode, "unknown key `\(key)` in \(name); expected one of \(allowed.map { "`\($0)`" }.joined(separator: ", "))")
            }
        }
        return fields
    }

    /// A scalar's text (trimmed), or nil after reporting what was expected.
    public func text(_ node: Node?, key: String, required: Bool, parentMark: Node? = nil) -> String? {
        guard let node else {
            if required { report(parentMark, "missing `\(key)`") }
            return nil
        }
        guard case let .scalar(scalar) = node else {
            report(node, "`\(key)` should be text, not a list or mapping")
            return nil
        }
        let value = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        if value.isEmpty, required {
            report(node, "`\(key)` is empty")
            return nil
        }
        return value
    }

    /// `true` or `false` (also `yes`/`no`), or nil after reporting the problem.
    public func bool(_ node: Node?, key: String) -> Bool? {
        guard let node else { return nil }
        guard case let .scalar(scalar) = node else {
            report(node, "`\(key)` should be true or false, not a list or mapping")
            return nil
        }
        switch scalar.string.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            report(node, "`\(key)` should be true or false, not “\(scalar.string)”")
            return nil
        }
    }

    /// A whole number in `range`, or nil after reporting the problem.
    public func integer(_ node: Node?, key: String, in range: ClosedRange<Int>) -> Int? {
        guard let node else { return nil }
        guard case let .scalar(scalar) = node, let value = Int(scalar.string) else {
            report(node, "`\(key)` should be a whole number")
            return nil
        }
        guard range.contains(value) else {
            report(node, "`\(key)` should be between \(range.lowerBound) and \(range.upperBound), not \(value)")
            return nil
        }
        return value
    }
}
