import Foundation
import IdeateCore
import IdeateTestSupport
import Testing

/// What a follow-up round shows from the portfolio, read once when the run starts: the earlier
/// experiments, then the action items still open — stuck ones too, overdue ones marked, closed
/// ones not — and what the minutes keep of them.
@Suite("Follow-up round", .offThePool, .timeLimit(.minutes(2)))
struct FollowupRoundTests {
    @Test("Open and stuck action items, soonest due first and undated last, at most 12, overdue marked on the day the run starts")
    func openActionItems() throws {
        var portfolio = try PortfolioFixture.portfolio()
        for number in 0..<14 {
            portfolio.actionItems.append(TrackedActionItem(id: ActionItemID(100 + number), what: "Extra \(number)", owner: "Sam",
                                                           due: number < 2 ? nil : PortfolioFixture.today.adding(days: number)))
        }
        let shown = OpenActionItem.review(of: portfolio, today: PortfolioFixture.today)
        #expect(shown.count == OpenActionItem.shown)
        let all = portfolio.actionItems.filter { !$0.status.isClosed }
        #expect(Set(shown.map(\.id)).isSubset(of: Set(all.map(\.id.description))), "no closed item")
        let dues = shown.compactMap(\.due)
        #expect(dues == dues.sorted() && shown.prefix(dues.count).allSatisfy { $0.due != nil }, "soonest first, undated last")
        #expect(shown.filter(\.isOverdue).allSatisfy { $0.due! < PortfolioFixture.today })
        #expect(shown.contains { $0.isStuck }, "a stuck item is still open business: \(shown.map(\.id))")
        #expect(shown.first { $0.workshop != nil } != nil, "the workshop an item came from is named")
    }

    @Test("The minutes list the open action items the round showed, hostile text escaped")
    func minutes() throws {
        var state = try PortfolioFixture.secondWorkshop()
        state.apply(.earlierExperimentsShown([]))
        state.apply(.actionItemsShown([OpenActionItem(id: "A4", what: "Ask IT | *now*", owner: "Kim", due: CalendarDate(iso: "2026-03-20"),
                                                      isOverdue: true, workshop: "Quick start"),
                                       OpenActionItem(id: "A7", what: "Book a room", owner: "Lee", isStuck: true)]))
        let markdown = MarkdownMinutes(timeZone: TimeZone(identifier: "UTC")!).render(MinutesReport(state: state))
        #expect(markdown.contains("""
            ## Action items still open

            *Shown at the start, from the company's portfolio.*

            | | What | Who | Due | From |
            |---|---|---|---|---|
            | A4 | Ask IT \\| \\*now\\* | Kim | 20 March 2026 (overdue) | Quick start |
            | A7 | Book a room | Lee | — (stuck) | — |
            """), "\(markdown)")
    }
}
