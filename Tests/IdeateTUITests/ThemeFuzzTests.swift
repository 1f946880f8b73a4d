import Foundation
import IdeateCore
import IdeateTUI
import PropertyBased
import IdeateTestSupport
import Testing

/// Broken theme files never crash the parser and always get diagnostics inside the file.
@Suite("Fuzz replay: themes", .offThePool, .timeLimit(.minutes(2)))
struct ThemeFuzzTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("IdeateCoreTests/FuzzCorpus")
    static let cases = Int(ProcessInfo.processInfo.environment["IDEATE_FUZZ_CASES"] ?? "") ?? 400

    static func check(_ text: String) {
        if case let .failure(problems) = ThemeParser.parse(text) {
            #expect(!problems.all.isEmpty)
            let lines = max(1, text.split(separator: "\n", omittingEmptySubsequences: false).count)
            for problem in problems.all { #expect((1...lines + 1).contains(problem.line)) }
        }
    }

    @Test("The theme corpus replays without a crash")
    func corpus() throws {
        for file in try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path) where file.hasPrefix("theme-") {
            Self.check(String(decoding: try Data(contentsOf: Self.corpus.appendingPathComponent(file)), as: UTF8.self))
        }
    }

    @Test("Mutated themes")
    func mutated() async throws {
        let source = Array(try String(contentsOfFile: Self.corpus.deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("themes/default.yaml").path, encoding: .utf8))
        let pieces = Array("\n :-[]{},&*!|>'\"#0123456789")
        let mutation = zip(Gen.int(in: 0...(source.count - 1)), Gen.int(in: 0...1), Gen.int(in: 0...(pieces.count - 1)))
        await propertyCheck(count: Self.cases, input: mutation.array(of: 1...5)) { mutations in
            var text = source
            for (position, kind, piece) in mutations {
                let at = min(position, max(0, text.count - 1))
                if kind == 0, !text.isEmpty { text.remove(at: at) } else { text.insert(pieces[piece], at: at) }
            }
            Self.check(String(text))
        }
    }
}
