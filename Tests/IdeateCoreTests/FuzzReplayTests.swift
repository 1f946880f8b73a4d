import Foundation
import IdeateCore
import PropertyBased
import IdeateTestSupport
import Testing

/// Bad input never crashes a parser and always gets an answer that points inside the file.
/// The corpus in `FuzzCorpus/` holds inputs that once mattered; the property runs add random
/// ones (IDEATE_FUZZ_CASES raises their number for long runs outside CI).
@Suite("Fuzz replay: plans", .offThePool, .timeLimit(.minutes(2)))
struct FuzzReplayTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("FuzzCorpus")
    static let cases = Int(ProcessInfo.processInfo.environment["IDEATE_FUZZ_CASES"] ?? "") ?? 400

    static func checkPlan(_ text: String) {
        switch PlanParser.parse(text) {
        case .success: break
        case let .failure(problems):
            #expect(!problems.all.isEmpty)
            let lineCount = max(1, text.split(separator: "\n", omittingEmptySubsequences: false).count)
            for problem in problems.all {
                #expect((1...lineCount + 1).contains(problem.line), "line \(problem.line) outside \(lineCount) lines")
                #expect(problem.column >= 1)
            }
        }
    }

    @Test("The plan corpus replays without a crash")
    func corpus() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).filter { $0.hasPrefix("plan-") }
        #expect(files.count >= 5)
        for file in files {
            let data = try Data(contentsOf: Self.corpus.appendingPathComponent(file))
            Self.checkPlan(String(decoding: data, as: UTF8.self))
        }
    }

    static let validPlan = """
        title: T
        goal: G
        votes_per_person: 3
        rounds:
          - prompt: P
            phases:
              ideate: 7m
              vote: 90s
        """

    @Test("Mutated plans: deleted, repeated and swapped characters")
    func mutatedPlans() async {
        let source = Array(Self.validPlan)
        let pieces = Array("\n :-[]{}&*!|>'\"#%@`\t0123456789hmsé🚀")
        let mutation = zip(Gen.int(in: 0...(source.count - 1)), Gen.int(in: 0...2), Gen.int(in: 0...(pieces.count - 1)), Gen.int(in: 1...8))
        await propertyCheck(count: Self.cases, input: mutation.array(of: 1...6)) { mutations in
            var text = source
            for (position, kind, piece, length) in mutations {
                let at = min(position, max(0, text.count - 1))
                switch kind {
                case 0: text.removeSubrange(at..<min(text.count, at + length))
                case 1: text.insert(contentsOf: Array(repeating: pieces[piece], count: length), at: at)
                default: if !text.isEmpty { text[at] = pieces[piece] }
                }
            }
            Self.checkPlan(String(text))
        }
    }

    @Test("Random text as a plan")
    func randomPlans() async {
        await propertyCheck(count: Self.cases, input: Gen.character(in: "\u{0}"..."\u{2FFF}").string(of: 0...200)) { text in
            Self.checkPlan(text)
        }
    }
}
