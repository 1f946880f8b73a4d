import Foundation
import IdeateCore
import IdeateTestSupport
import Testing

@Suite("Plans", .offThePool, .timeLimit(.minutes(2)))
struct PlanParserTests {
    static let sessionsFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("sessions")

    static func diagnostics(_ yaml: String) -> [String] {
        switch PlanParser.parse(yaml) {
        case .success: []
        case let .failure(problems): problems.all.map(\.description)
        }
    }

    static let valid = """
        title: T
        goal: G
        rounds:
          - prompt: P
            phases:
              ideate: 7m
              vote: 90s
        """

    @Test("Every bundled plan is valid, and quick-start takes ten minutes")
    func bundledPlans() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.sessionsFolder.path).filter { $0.hasSuffix(".yaml") }
        #expect(files.count >= 5)
        for file in files {
            let source = try String(contentsOf: Self.sessionsFolder.appendingPathComponent(file), encoding: .utf8)
            guard case let .success(plan) = PlanParser.parse(source) else {
                Issue.record("\(file) does not parse: \(PlanParser.parse(source))")
                continue
            }
            #expect(plan.rounds.allSatisfy { $0.phase(.ideate) != nil })
            if file == "quick-start.yaml" { #expect(plan.plannedSeconds == 600) }
        }
    }

    @Test("A minimal plan gets the defaults")
    func defaults() throws {
        let plan = try PlanParser.parse(Self.valid).get()
        #expect(plan.rounds[0].phases == [PhasePlan(kind: .ideate, seconds: 420), PhasePlan(kind: .vote, seconds: 90)])
        #expect(plan.anonymity.reveal == .batch)
        #expect(plan.voting == VotingSettings())
    }

    @Test("followup: true opens with a follow-up round; without it a plan is what it was, and is stored exactly as before")
    func followup() throws {
        #expect(try PlanParser.parse(Self.valid).get().followup == false)
        let plan = try PlanParser.parse("followup: true\n" + Self.valid).get()
        #expect(plan.followup)
        #expect(try PlanParser.parse("followup: no\n" + Self.valid).get().followup == false)
        #expect(Self.diagnostics("followup: maybe\n" + Self.valid) == ["1:11: `followup` should be true or false, not “maybe”"])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let old = String(decoding: try encoder.encode(try PlanParser.parse(Self.valid).get()), as: UTF8.self)
        #expect(!old.contains("followup"), "a plan without it is stored as before: \(old)")
        #expect(try JSONDecoder().decode(Plan.self, from: try encoder.encode(plan)) == plan)
        let bundled = try String(contentsOf: Self.sessionsFolder.appendingPathComponent("follow-up.yaml"), encoding: .utf8)
        let followUp = try PlanParser.parse(bundled).get()
        #expect(followUp.followup && followUp.plannedSeconds == 20 * 60, "twenty timed minutes after the follow-up round")
    }

    @Test("language: names the room's language; an unknown one is reported with a did-you-mean; a plan without it is stored as before")
    func language() throws {
        #expect(try PlanParser.parse(Self.valid).get().language == nil)
        let plan = try PlanParser.parse("language: fr\n" + Self.valid).get()
        #expect(plan.language == Language(code: "fr"))
        #expect(try PlanParser.parse("language: NL\n" + Self.valid).get().language == Language(code: "nl"))
        #expect(try PlanParser.parse("language: en-XA\n" + Self.valid).get().language == .pseudo)
        #expect(Self.diagnostics("language: dd\n" + Self.valid)
            == ["1:11: `language` should be one of `en`, `de`, `es`, `fr`, `nl`, `en-XA`, not `dd`; did you mean `de`?"])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(!String(decoding: try encoder.encode(try PlanParser.parse(Self.valid).get()), as: UTF8.self).contains("language"))
        #expect(try JSONDecoder().decode(Plan.self, from: try encoder.encode(plan)) == plan)
    }

    @Test("An unknown key is reported at its line and column with a did-you-mean")
    func unknownKey() {
        let yaml = Self.valid + "\nvotes_per_persen: 3\n"
        #expect(Self.diagnostics(yaml) == ["8:1: unknown key `votes_per_persen` in the plan; did you mean `votes_per_person`?"])
    }

    @Test("A bad duration, a missing prompt and impossible votes are each reported")
    func severalProblems() {
        let yaml = """
            title: T
            goal: G
            votes_per_person: 2
            max_votes_per_idea: 3
            rounds:
              - phases:
                  ideate: 7 minutes
                  vote: 2m
              - prompt: Second
                phases:
                  vote: 1m
                  reveiw: 5m
            """
        #expect(Self.diagnostics(yaml) == [
            "4:21: `max_votes_per_idea` (3) cannot exceed `votes_per_person` (2)",
            "6:5: missing `prompt`",
            "7:15: `7 minutes` is not a duration; write e.g. `90s`, `7m`, `1m30s`, `1h` or `open`",
            "11:7: every round needs an `ideate` phase",
            "12:7: unknown key `reveiw` in `phases`; did you mean `review`?",
        ])
    }

    @Test("YAML syntax errors point at the spot")
    func syntax() {
        #expect(Self.diagnostics("title: [unclosed\ngoal: G\n") == ["2:5: YAML syntax: did not find expected ',' or ']'"])
    }

    @Test("Durations", arguments: [
        ("90s", 90), ("7m", 420), ("1m30s", 90), ("1h", 3600), ("2h5m", 7500),
    ])
    func durations(text: String, seconds: Int) {
        #expect(DurationText.seconds(from: text) == .some(seconds))
        #expect(DurationText.seconds(from: DurationText.text(for: seconds)) == .some(seconds))
    }

    @Test("Non-durations (the last two overflow an Int; libFuzzer found them)", arguments: [
        "", "7", "m", "7 minutes", "0s", "30s1m", "-5m", "1.5m", "266666666666666666m", "2562047788015216h",
    ])
    func notDurations(text: String) {
        #expect(DurationText.seconds(from: text) == nil)
    }
}
