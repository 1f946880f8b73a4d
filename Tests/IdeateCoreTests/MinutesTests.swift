import Foundation
import IdeateCore
import IdeateTestSupport
import Testing

@Suite("Minutes", .offThePool, .timeLimit(.minutes(2)))
struct MinutesTests {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let start = Instant(secondsSince1970: 1_773_324_000)  // 2026-03-12 14:00 UTC

    static func quickStartPlan() throws -> Plan {
        let source = try String(contentsOf: PlanParserTests.sessionsFolder.appendingPathComponent("quick-start.yaml"), encoding: .utf8)
        return try PlanParser.parse(source).get()
    }

    /// The state after a simulated run of `plan`.
    static func simulated(_ plan: Plan, seed: UInt64, participants: Int = 8, texts: [String]? = nil) async throws -> SessionState {
        let engine = InMemoryEngine(plan: plan, seed: seed)
        let simulator = WorkshopSimulator(plan: plan, participants: participants, seed: seed, start: start, ideaTexts: texts)
        _ = try await simulator.run(on: engine)
        return await engine.currentState()
    }

    static func markdown(_ state: SessionState, in language: Language = .english) -> String {
        MarkdownMinutes(timeZone: TimeZone(identifier: "UTC")!, localizer: Localizer(language)).render(MinutesReport(state: state))
    }

    @Test("The quick-start minutes for seed 7 match the reviewed golden file")
    func golden() async throws {
        let markdown = Self.markdown(try await Self.simulated(try Self.quickStartPlan(), seed: 7))
        let golden = Self.testsFolder.appendingPathComponent("Golden/quick-start-seed7.md")
        if ProcessInfo.processInfo.environment["IDEATE_UPDATE_GOLDEN"] == "1" {
            try markdown.write(to: golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(markdown == expected, "run with IDEATE_UPDATE_GOLDEN=1 to regenerate, then review the diff")
    }

    @Test("The same seed gives the same minutes; another seed does not")
    func deterministic() async throws {
        let plan = try Self.quickStartPlan()
        let first = Self.markdown(try await Self.simulated(plan, seed: 11))
        #expect(first == Self.markdown(try await Self.simulated(plan, seed: 11)))
        #expect(first != Self.markdown(try await Self.simulated(plan, seed: 12)))
    }

    static let hostile = [
        "# x", "| a |", "[x](javascript:alert(1))", "<script>alert(1)</script>", "\u{1B}[31mred\u{1B}[0m \u{1B}]0;title\u{07}",
        "\u{202E}evil", "nul\u{0}byte", "![img](http://x/y.png)", "*em* _em_ `code` ~~s~~ &amp; \\", "1. list", "- item",
        "> quote", "www.evil.example and https://evil.example", "mail me: a@b.example", "line\nbreak\r\nand\ttab",
        "<!-- comment -->", "---", "=== heading", "    indented code", "<https://auto.link>", "[ref]: https://x.example",
        "a\u{85}c\u{9B}31m", "\u{2066}isolate\u{2069}", "zero\u{200B}width",
    ]

    /// The HTML tags cmark-gfm makes of `markdown`, in order.
    static func tagSequence(of markdown: String) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["cmark-gfm", "-e", "table", "-e", "autolink", "-e", "strikethrough", "-e", "tagfilter"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(markdown.utf8))
        try input.fileHandleForWriting.close()
        let html = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "cmark-gfm is needed for this test: bash .ci/install-deps")
        let tag = try Regex("<(/?[a-zA-Z][a-zA-Z0-9]*)")
        return html.matches(of: tag).map { String(html[$0.range]) }
    }

    @Test("Hostile text creates no Markdown element and no control character reaches the file, in every language; each language's minutes have English's structure",
          arguments: ["en", "de", "fr", "nl", "es", "en-XA"])
    func escaping(code: String) async throws {
        let language = Language(code: code)
        let plan = try Self.quickStartPlan()
        let hostile = try await Self.simulated(plan, seed: 5, participants: 6, texts: Self.hostile)
        let neutral = try await Self.simulated(plan, seed: 5, participants: 6,
                                               texts: Self.hostile.indices.map { "plain idea \($0)" })
        let hostileMarkdown = Self.markdown(hostile, in: language)
        #expect(hostile.ideas.values.contains { $0.text.contains("<script>") }, "the hostile texts went through")
        let neutralTags = try Self.tagSequence(of: Self.markdown(neutral, in: language))
        #expect(try Self.tagSequence(of: hostileMarkdown) == neutralTags)
        #expect(try neutralTags == Self.tagSequence(of: Self.markdown(neutral)), "the translation's Markdown is English's")
        let forbidden = hostileMarkdown.unicodeScalars.filter { scalar in
            (scalar.value < 0x20 && scalar != "\n") || (0x7F...0x9F).contains(scalar.value)
                || [0x202E, 0x2066, 0x2069, 0x200B].contains(scalar.value)
        }
        #expect(forbidden.isEmpty, "found \(forbidden.map { String($0.value, radix: 16) })")
    }

    @Test("A follow-up round's minutes say what became of earlier experiments, from what the run stored, hostile text escaped")
    func earlierExperiments() async throws {
        var state = try await Self.simulated(try Self.quickStartPlan(), seed: 5, participants: 6, texts: Self.hostile.indices.map { "idea \($0)" })
        #expect(!Self.markdown(state).contains("What became of earlier experiments"), "no section without a follow-up round")
        let day = CalendarDate(iso: "2026-04-09")!
        state.apply(.earlierExperimentsShown([
            EarlierExperiment(id: "E3", title: "Approve purchases under 500 €", workshop: "Quick start", workshopDate: CalendarDate(iso: "2026-03-12"),
                              stage: .learned, learning: LearningCard(outcome: .invalidated, believed: "Most are approved unchanged",
                                                                      observed: "Finance changed half", learned: "Not routine", decision: .pivot, date: day)),
            EarlierExperiment(id: "E5", title: "Shared calendar", stage: .running, reviewDate: CalendarDate(iso: "2026-05-01")),
        ]))
        let markdown = Self.markdown(state)
        #expect(markdown.contains("""
            ## What became of earlier experiments

            *Shown at the start, from the company's portfolio: 1 learned from, 1 still running.*

            ### E3 — Approve purchases under 500 €

            *From “Quick start” (12 March 2026) · learned 9 April 2026*

            | Learning card | |
            |---|---|
            | Outcome | invalidated |
            | We believed | Most are approved unchanged |
            | We observed | Finance changed half |
            | We learned | Not routine |
            | Therefore we will | pivot |

            ### E5 — Shared calendar

            *Added by hand · still running, review 1 May 2026*
            """), "\(markdown)")
        #expect(markdown.range(of: "What became of earlier experiments")!.lowerBound < markdown.range(of: "## Round 1")!.lowerBound,
                "it comes first, as it did in the room")

        let shown = { (text: String) in
            EarlierExperiment(id: "E1", title: text, workshop: text, stage: .learned,
                              learning: LearningCard(outcome: .validated, believed: text, observed: text, learned: text, decision: .stop, date: day))
        }
        var hostile = state, neutral = state
        hostile.apply(.earlierExperimentsShown(Self.hostile.map(shown)))
        neutral.apply(.earlierExperimentsShown(Self.hostile.indices.map { shown("plain \($0)") }))
        #expect(try Self.tagSequence(of: Self.markdown(hostile)) == Self.tagSequence(of: Self.markdown(neutral)))
    }

    @Test("CSV quotes every cell and never starts a formula")
    func csv() {
        #expect(CSVMinutes.cell("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(CSVMinutes.cell("+1") == "\"'+1\"")
        #expect(CSVMinutes.cell("@sum") == "\"'@sum\"")
        #expect(CSVMinutes.cell("two\nlines") == "\"two lines\"")
        #expect(CSVMinutes.cell("plain") == "\"plain\"")
    }

    @Test("JSON carries every idea with id, text, cluster, status and votes, and nothing about people")
    func json() async throws {
        let state = try await Self.simulated(try Self.quickStartPlan(), seed: 7)
        let json = try JSONMinutes.render(MinutesReport(state: state))
        let decoded = try JSONDecoder().decode(JSONMinutesDocument.self, from: Data(json.utf8))
        let exported = decoded.rounds.flatMap(\.ideas)
        #expect(Set(exported.map(\.id)) == Set(state.ideas.values.filter { !$0.isWithdrawn }.map(\.id.rawValue)))
        #expect(exported.allSatisfy { $0.votes != nil })
        #expect(!json.contains("simulated-7"), "no token")
        for idea in state.ideas.values { if let tag = idea.owner { #expect(!json.contains(tag.rawValue)) } }
    }
}
