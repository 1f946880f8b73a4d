import Foundation
import IdeateCore
import IdeateTestSupport
import Testing

/// Workshops join the loop: a round with `from_box: true` starts with the ideas the box's
/// reviewer took to the next workshop, anonymous on its wall, and what the room decides goes
/// back to each idea's box number.
@Suite("Box ideas in a workshop", .offThePool, .timeLimit(.minutes(2)))
struct BoxSeedingTests {
    static let yaml = """
        title: T
        goal: G
        anonymity:
          min_participants: 3
        rounds:
          - prompt: First
            phases:
              ideate: 5m
          - prompt: From the box
            from_box: true
            phases:
              ideate: 5m
              group: 2m
              vote: 2m
              review: open
        """

    static func boxIdea(_ number: Int, _ text: String, week: String, fate: IdeaFate = .takenToWorkshop) -> BacklogIdea {
        var idea = BacklogIdea(id: BacklogIdeaID(number), text: text, kind: .box, arrivalWeek: ArrivalWeek(containing: CalendarDate(iso: week)!))
        idea.fate = fate
        return idea
    }

    @Test("`from_box: true` is read per round, stored only when set, and only one round may have it")
    func planFlag() throws {
        let plan = try PlanParser.parse(Self.yaml).get()
        #expect(plan.rounds.map(\.fromBox) == [false, true] && BoxSeeding.round(of: plan) == 1)
        let stored = String(decoding: try JSONEncoder().encode(plan.rounds[0]), as: UTF8.self)
        #expect(!stored.contains("fromBox"), "a round without it is stored as before")
        #expect(try JSONDecoder().decode(Plan.self, from: try JSONEncoder().encode(plan)) == plan)
        let twice = Self.yaml.replacingOccurrences(of: "  - prompt: First\n", with: "  - prompt: First\n    from_box: true\n")
        #expect(PlanParserTests.diagnostics(twice).contains { $0.contains("only one round may start with the idea box's ideas") })
        #expect(PlanParserTests.diagnostics(Self.yaml.replacingOccurrences(of: "from_box: true", with: "from_box: maybe"))
            .contains { $0.contains("from_box") })
    }

    @Test("The round starts with the ideas taken to the workshop, oldest week first, at most 40, on its wall, with no owner or receipt")
    func seeding() throws {
        let plan = try PlanParser.parse(Self.yaml).get()
        var taken = (1...45).map { Self.boxIdea(100 + $0, "Box idea \($0)", week: $0 <= 2 ? "2026-01-05" : "2026-02-02") }
        taken.append(Self.boxIdea(7, "Only kept", week: "2025-12-01", fate: .kept))
        var random = SeededRandom(seed: 5)
        let events = BoxSeeding.events(for: plan, taken: taken, random: &random)
        var state = SessionState(plan: plan)
        for event in events { state.apply(event) }
        let seeded = state.ideas.values.filter { $0.fromBox != nil }
        #expect(seeded.count == BoxSeeding.maximumIdeas)
        #expect(!seeded.contains { $0.text == "Only kept" }, "only ideas taken to the workshop")
        #expect(seeded.contains { $0.text == "Box idea 1" } && seeded.contains { $0.text == "Box idea 2" }, "the oldest week first")
        #expect(seeded.allSatisfy { $0.round == 1 && $0.source == .box && $0.owner == nil && $0.receipt == nil && $0.isOnWall })
        let wall = state.wallIdeaIDs(round: 1)
        #expect(Set(wall) == Set(seeded.map(\.id)) && state.wallIdeaIDs(round: 0).isEmpty)
        #expect(wall.map { state.ideas[$0]!.fromBox!.number } != wall.map { state.ideas[$0]!.fromBox!.number }.sorted(),
                "shuffled, not in the box's order")
        #expect(BoxSeeding.events(for: TestSession.plan(), taken: taken, random: &random).isEmpty, "no round asks for them")
    }

    @Test("What the room decides goes back to each box idea: merged into its experiment or where it was merged, else kept; receipts merged into it follow it")
    func returns() throws {
        let taken = [Self.boxIdea(12, "Box: route labels", week: "2026-01-05"), Self.boxIdea(13, "Box: tape guns", week: "2026-01-05"),
                     Self.boxIdea(14, "Box: same as route labels", week: "2026-01-12"), Self.boxIdea(15, "Box: hidden", week: "2026-01-12")]
        let session = try TestSession.workshopWithBoxIdeas(taken)
        let report = MinutesReport(state: session.state)
        let intake = try WorkshopIntake(report: report, run: RunIdentity("r"), today: CalendarDate(iso: "2026-03-12")!, timeZone: TimeZone(identifier: "UTC")!)
        #expect(intake.experiments.map(\.title) == ["Box: route labels"])
        #expect(!intake.backlog.contains { $0.text.hasPrefix("Box:") }, "box ideas are not added again")
        let decisions = intake.boxDecisions(firstExperiment: 9, firstBacklogIdea: 300)
        let byIdea = Dictionary(uniqueKeysWithValues: decisions.map { ($0.idea.number, $0.decision) })
        #expect(byIdea == [12: .merge(into: .experiment(ExperimentID(9))), 13: .keep, 14: .merge(into: .experiment(ExperimentID(9)))],
                "the hidden B15 stays taken to the workshop")
        let receipts = intake.receipts(firstExperiment: 9, firstBacklogIdea: 300)
        #expect(receipts == [IdeaReceipt(proof: TestSession.receipt("e"), subject: .backlogIdea(BacklogIdeaID(13)))])
        let markdown = MarkdownMinutes(timeZone: TimeZone(identifier: "UTC")!).render(report)
        #expect(markdown.contains("Box: tape guns *(merged: “Tape guns, and spare tape”)* (1) *(from the idea box, B13)*"), "\(markdown)")
    }
}
