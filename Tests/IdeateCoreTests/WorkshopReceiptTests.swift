import Foundation
import IdeateCore
import IdeateTestSupport
import Testing

/// Workshop ideas stay followable by their authors: each idea a device sends carries a fresh
/// receipt, and the intake hands every receipt to the backlog idea or experiment its idea
/// became — merged ideas' receipts to the idea they were merged into — and to nothing when the
/// idea was hidden. The minutes never show one.
@Suite("Workshop receipts", .offThePool, .timeLimit(.minutes(2)))
struct WorkshopReceiptTests {
    static func proof(_ digit: Character) -> OwnershipProof { TestSession.receipt(digit) }

    @Test("Each receipt follows its idea into the portfolio: merged ideas' receipts to where they were merged, hidden ideas' nowhere")
    func receiptsFollowTheirIdeas() throws {
        let state = try TestSession.followedWorkshop()
        let intake = try WorkshopIntake(report: MinutesReport(state: state), run: RunIdentity("r"), today: CalendarDate(iso: "2026-03-12")!,
                                        timeZone: TimeZone(identifier: "UTC")!)
        #expect(intake.experiments.map(\.title) == ["Idea A"])
        #expect(Set(intake.experiments[0].receipts) == [Self.proof("a"), Self.proof("b")])
        let byText = Dictionary(uniqueKeysWithValues: intake.backlog.map { ($0.text, $0.receipts) })
        #expect(byText["Idea C"] == [Self.proof("c")])
        #expect(byText["Said aloud"] == [])
        #expect(byText["Idea D"] == nil)

        let receipts = intake.receipts(firstExperiment: 7, firstBacklogIdea: 100)
        let subjects = Dictionary(uniqueKeysWithValues: receipts.map { ($0.proof, $0.subject.description) })
        let ideaC = intake.backlog.firstIndex { $0.text == "Idea C" }!
        #expect(subjects == [Self.proof("a"): "E7", Self.proof("b"): "E7", Self.proof("c"): "B\(100 + ideaC)"])

        // The numbers each idea got, for a participant's end screen: merged ideas where they
        // went, a hidden one none.
        let numbers = intake.numbers(given: intake.numbered(firstExperiment: 7, firstActionItem: 1, firstBacklogIdea: 100))
        let numberOf = Dictionary(uniqueKeysWithValues: state.ideas.values.map { ($0.text, numbers[$0.id.rawValue] ?? "none") })
        #expect(numberOf["Idea A"] == "E7" && numberOf["Idea B"] == "E7" && numberOf["Idea C"] == "B\(100 + ideaC)")
        #expect(numberOf["Idea D"] == "none", "a hidden idea has no number")
        #expect(numberOf["Said aloud"]?.hasPrefix("B") == true)
    }

    @Test("No receipt appears in the minutes, in Markdown or JSON")
    func minutesShowNoReceipt() throws {
        let report = MinutesReport(state: try TestSession.followedWorkshop())
        let markdown = MarkdownMinutes(timeZone: TimeZone(identifier: "UTC")!).render(report)
        let json = try JSONMinutes.render(report, timeZone: TimeZone(identifier: "UTC")!)
        for digit: Character in ["a", "b", "c", "d"] {
            let hex = Self.proof(digit).hex
            #expect(!markdown.contains(hex) && !json.contains(hex))
        }
    }
}
