import IdeateCore
import IdeateProtocol
import IdeateTestSupport
import IdeateTUI
import Testing

/// "I'm done" on the screens: the console counts, never names; a participant says it with
/// Ctrl-D (or d in their list), reads that they did, and takes it back.
@Suite("\"I'm done\" on the screens", .offThePool, .timeLimit(.minutes(2)))
struct DoneScreenTests {
    /// Where `text` starts on `grid`, if it is there.
    static func position(of text: String, in grid: CellGrid) -> (x: Int, y: Int)? {
        for y in 0..<grid.height {
            let line = grid.line(y)
            if let range = line.range(of: text) { return (line.distance(from: line.startIndex, to: range.lowerBound), y) }
        }
        return nil
    }

    @Test("The console shows how many are done out of everyone in the room, and forgets it with the phase")
    func consoleCounts() throws {
        var (session, _) = try ScreenFixtures.ideation()
        #expect(!ScreenFixtures.render(session, width: 120, height: 36).text.contains("done"))
        try session.participant(ParticipantToken("token-1"), .sayDone)
        try session.participant(ParticipantToken("token-3"), .sayDone)
        for (width, height) in [(120, 36), (80, 24)] {
            let grid = ScreenFixtures.render(session, width: width, height: height)
            let at = try #require(Self.position(of: "2 of 5 done", in: grid), "\(grid.text)")
            #expect(grid[at.x, at.y].role == .accent)
        }
        try session.facilitator(.advance)
        #expect(!ScreenFixtures.render(session, width: 120, height: 36).text.contains("of 5 done"))
    }

    @Test("The console's count in German and French (one is singular in French, so is zero)")
    func consoleCountTranslated() throws {
        var (german, _) = try ScreenFixtures.ideation(in: Language(code: "de"))
        try german.participant(ParticipantToken("token-0"), .sayDone)
        #expect(ScreenFixtures.render(german, width: 120, height: 36).text.contains("1 von 5 fertig"))
        var (french, _) = try ScreenFixtures.ideation(in: Language(code: "fr"))
        try french.participant(ParticipantToken("token-0"), .sayDone)
        #expect(ScreenFixtures.render(french, width: 120, height: 36).text.contains("1 sur 5 a terminé"))
        try french.participant(ParticipantToken("token-2"), .sayDone)
        #expect(ScreenFixtures.render(french, width: 120, height: 36).text.contains("2 sur 5 ont terminé"))
    }

    @Test("Ctrl-D while typing, or d in one's list, says done; the view decides which way; nothing when the phase does not take it")
    func participantKeys() {
        var view = ParticipantScreenTests.view(stage: .phase(.ideate))
        var number = 0
        func id() -> String { number += 1; return "r\(number)" }
        var model = ParticipantScreenTests.model(view)
        #expect(model.handle(.done, newRequestID: id).isEmpty, "a view without `done`: the phase does not take it")
        view.done = false
        model.received(view, at: ParticipantScreenTests.now)
        for character in "half" { _ = model.handle(.character(character), newRequestID: id) }
        #expect(model.handle(.done, newRequestID: id) == [.send(.done, id: "r1")])
        #expect(model.input == "half", "what was typed stays")
        view.done = true
        model.received(view, at: ParticipantScreenTests.now)
        #expect(model.handle(.done, newRequestID: id) == [.send(.undone, id: "r2")])
        model.focus = .list
        #expect(model.handle(.character("d"), newRequestID: id) == [.send(.undone, id: "r3")])
    }

    @Test("A participant who said done reads it, with the key that takes it back")
    func participantScreen() throws {
        var view = ParticipantScreenTests.view(stage: .phase(.ideate))
        view.done = false
        var model = ParticipantScreenTests.model(view)
        let before = ParticipantScreen.render(model, now: ParticipantScreenTests.now, width: 80, height: 24)
        #expect(before.line(23).contains("Ctrl-D I'm done"), "\(before.line(23))")
        view.done = true
        model.received(view, at: ParticipantScreenTests.now)
        let grid = ParticipantScreen.render(model, now: ParticipantScreenTests.now, width: 80, height: 24)
        try Snapshot.assert(grid, named: "participant-done-80x24")
        let at = try #require(Self.position(of: "✓ You said you're done", in: grid))
        #expect(grid[at.x, at.y].role == .accent)
        #expect(grid.line(23).contains("Ctrl-D not done yet"), "\(grid.line(23))")
    }
}
