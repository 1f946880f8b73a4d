import IdeateCore
import IdeateProtocol
import IdeateTestSupport
import IdeateTUI
import Testing

/// Impact and effort on the console, the wall and a participant's terminal.
@Suite("Impact and effort on the screens", .offThePool, .timeLimit(.minutes(2)))
struct RatingScreenTests {
    @Test("While the room rates: how many have rated, the shortlist, no figure; once closed: the 2×2 and each idea's medians, the disputed one flagged")
    func consoleAndWall() throws {
        let open = try ScreenFixtures.rating(closed: false)
        let during = ScreenFixtures.render(open, width: 80, height: 24)
        try Snapshot.assert(during, named: "rating-open-80x24")
        #expect(during.text.contains("4 of 5 have rated") && !during.text.contains("spread"), "\(during.text)")
        let closed = try ScreenFixtures.render(ScreenFixtures.rating(closed: true), width: 120, height: 36)
        try Snapshot.assert(closed, named: "rating-closed-120x36")
        #expect(closed.text.contains("quick wins") && closed.text.contains("⚑ the room disagrees"), "\(closed.text)")
        let wall = WallView.render(state: try ScreenFixtures.rating(closed: true).state, context: ScreenFixtures.everyWayIn, earlierPage: nil,
                                   showingHelp: false, now: open.now, width: 80, height: 24)
        try Snapshot.assert(wall, named: "wall-rating-closed-80x24")
    }

    @Test("The review form opens with the room's figures for the idea, and says when the room disagrees")
    func reviewForm() throws {
        var session = try ScreenFixtures.rating(closed: true)
        try session.advance(to: .review)
        var model = ConsoleModel()
        model.settle(for: session.state)
        _ = model.handle(.enter, state: session.state, now: session.now)
        let grid = ScreenFixtures.render(session, model: model, width: 120, height: 36)
        #expect(grid.text.contains("The room rated it: impact 4.5 (spread 1) · effort 1.5 (spread 4)  ⚑ the room disagrees"), "\(grid.text)")
    }

    @Test("A participant rates with two digits, impact then effort; the cursor moves on; the figures come once the phase closed")
    func participant() throws {
        let session = try ScreenFixtures.rating(closed: false)
        let token = ParticipantToken("token-4")
        let shared = SharedViewParts(state: session.state)
        var model = ParticipantModel()
        model.connection = .connected
        model.received(ParticipantView.of(session.state, for: token, buildOn: nil, shared: shared, now: session.now), at: session.now)
        var number = 0
        func id() -> String { number += 1; return "r\(number)" }
        #expect(model.handle(.character("4"), newRequestID: id).isEmpty)
        let typed = ParticipantScreen.render(model, now: session.now, width: 80, height: 24)
        #expect(typed.text.contains("impact 4 · effort ?"), "\(typed.text)")
        let shortlist = session.state.shortlist(round: 0).map(\.idea.id.rawValue)
        #expect(model.handle(.character("2"), newRequestID: id) == [.send(.rate(idea: shortlist[0], impact: 4, effort: 2), id: "r1")])
        #expect(model.cursor == 1)
        #expect(model.handle(.character("9"), newRequestID: id).isEmpty, "only 1 to 5")
        try Snapshot.assert(ParticipantScreen.render(model, now: session.now, width: 80, height: 24), named: "participant-rating-80x24")
        let closed = try ScreenFixtures.rating(closed: true)
        var after = ParticipantModel()
        after.connection = .connected
        after.received(ParticipantView.of(closed.state, for: token, buildOn: nil, shared: SharedViewParts(state: closed.state), now: closed.now), at: closed.now)
        let results = ParticipantScreen.render(after, now: closed.now, width: 80, height: 24).text
        #expect(results.contains("impact 4.5 · effort 1.5 ⚑"), "\(results)")
    }
}
