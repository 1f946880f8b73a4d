import Foundation
import IdeateTestSupport
import Testing

/// `--help` is read at whatever width the terminal has: prose is written as paragraphs and
/// wrapped by the argument parser, so no line may end early (a word that would have fitted
/// was pushed to the next line) and none may run past the width.
@Suite("Help text", .offThePool, .timeLimit(.minutes(5)))
struct HelpTextTests {
    static let commands = [
        [], ["demo"], ["run"], ["join"], ["check"], ["simulate"], ["export"], ["themes"], ["portfolio"], ["portfolio", "report"],
        ["followup"], ["portfolio", "add"], ["portfolio", "start"], ["portfolio", "learn"], ["portfolio", "action"], ["portfolio", "promote"],
    ]

    /// The first word of a line, or nil when the line starts a new item (blank, an option, an
    /// argument, a heading) rather than continuing the one above.
    static func continuation(_ line: Substring) -> Substring? {
        let trimmed = line.drop(while: { $0 == " " })
        guard let word = trimmed.split(separator: " ").first,
              !word.hasPrefix("-"), !word.hasPrefix("<"), !word.hasSuffix(":") else { return nil }
        return word
    }

    /// Lines that end although the next line's first word would have fitted after them.
    static func cutShort(_ text: String, width: Int) -> [String] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var found: [String] = []
        for (line, next) in zip(lines, lines.dropFirst()) where !line.isEmpty && !line.hasPrefix("USAGE:") {
            let indent = line.prefix(while: { $0 == " " }).count, nextIndent = next.prefix(while: { $0 == " " }).count
            // Prose continues prose at the margin; an option's help continues in its column
            // (an option whose name fills the column starts its help on the next line).
            let hasHelpColumn = indent == nextIndent || line.dropFirst(indent).contains("  ")
            let sameBlock = indent == 0 ? nextIndent == 0 : nextIndent > 4 && hasHelpColumn
            guard sameBlock, let word = continuation(next) else { continue }
            // The parser keeps the last column free.
            if line.count + 1 + word.count < width { found.append("\(line) ⏎ \(word)") }
        }
        return found
    }

    @Test("Every command's --help wraps prose at 80 and 120 columns without cutting a line short or running over",
          arguments: [80, 120])
    func proseWraps(width: Int) throws {
        for command in Self.commands {
            let help = try IdeateProcess.run(command + ["--help"], environment: ["COLUMNS": String(width)])
            #expect(help.status == 0)
            let shown = (["ideate"] + command).joined(separator: " ")
            #expect(Self.cutShort(help.stdout, width: width).isEmpty,
                    "\(shown) --help at \(width) columns cuts these lines short:\n\(Self.cutShort(help.stdout, width: width).joined(separator: "\n"))")
            let over = help.stdout.split(separator: "\n").filter { $0.count > width && !$0.hasPrefix("USAGE:") }
            #expect(over.isEmpty, "\(shown) --help at \(width) columns has lines past the width:\n\(over.joined(separator: "\n"))")
        }
    }

    @Test("The check catches a paragraph hard-wrapped in the source and wrapped again")
    func checkCatchesDoubleWrapping() {
        let doubleWrapped = """
            Participants join from their own terminals with `ideate join HOST:PORT` and the
            code
            shown on the lobby screen.
            """
        #expect(Self.cutShort(doubleWrapped, width: 80) == ["code ⏎ shown"])
        #expect(Self.cutShort("A short paragraph that fits.\n\n  ideate run plan.yaml", width: 80).isEmpty)
    }
}
