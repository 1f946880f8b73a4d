import IdeateCore
import IdeateTestSupport
import IdeateTUI
import Testing

/// The wall, the room's view on the projector while the console runs on the facilitator's
/// screen: the room's parts of every stage, nothing of the facilitator's.
@Suite("The wall", .offThePool, .timeLimit(.minutes(2)))
struct WallViewTests {
    static func render(_ session: TestSession, width: Int = 80, height: Int = 24, earlierPage: Int? = nil, help: Bool = false) -> CellGrid {
        WallView.render(state: session.state, context: ScreenFixtures.everyWayIn, earlierPage: earlierPage, showingHelp: help,
                        now: session.now, width: width, height: height)
    }

    /// Every stage of the fixture workshop, with an idea hidden while ideas flow.
    static func everyStage(in language: Language? = nil) throws -> [(name: String, session: TestSession)] {
        var ideation = try ScreenFixtures.ideation(in: language)
        try ideation.0.facilitator(.hide(ideation.1[3]))
        return [
            ("lobby", try ScreenFixtures.lobby(in: language)), ("ideation", ideation.0), ("grouping", try ScreenFixtures.grouping(in: language).0),
            ("vote", try ScreenFixtures.voting(in: language).0), ("results", try ScreenFixtures.results(in: language).0),
            ("review", try ScreenFixtures.review(in: language).0), ("end", try ScreenFixtures.finished(in: language)),
            ("rating", try ScreenFixtures.rating(in: language, closed: false)), ("rated", try ScreenFixtures.rating(in: language, closed: true)),
        ]
    }

    @Test("No stage shows a hidden or parked idea, a facilitator's key, a status or a file path", arguments: [(80, 24), (120, 36)])
    func nothingOfTheFacilitators(width: Int, height: Int) throws {
        let hidden = "reversed text attempt", parked = ScreenFixtures.ideas[7]
        for (name, session) in try Self.everyStage() {
            let text = Self.render(session, width: width, height: height).text
            #expect(!text.contains(hidden), "\(name) shows the hidden idea:\n\(text)")
            if !["lobby", "ideation"].contains(name) { #expect(!text.contains(parked), "\(name) shows the parked idea:\n\(text)") }
            for facilitators in ["Press n", "n start", "q quit", "[ ]", "parked", "sessions/runs", "ideate export"] {
                #expect(!text.contains(facilitators), "\(name) shows \(facilitators):\n\(text)")
            }
            #expect(text.contains("? help  q leave"), "\(name):\n\(text)")
        }
    }

    @Test("Lobby, ideation and grouping as the room sees them")
    func snapshots() throws {
        let stages = Dictionary(uniqueKeysWithValues: try Self.everyStage().map { ($0.name, $0.session) })
        try Snapshot.assert(Self.render(try #require(stages["lobby"])), named: "wall-lobby-80x24")
        try Snapshot.assert(Self.render(try #require(stages["ideation"]), width: 120, height: 36), named: "wall-ideate-120x36")
        try Snapshot.assert(Self.render(try #require(stages["grouping"])), named: "wall-group-80x24")
    }

    @Test("While ideas flow the newest stay in view: nothing is selected, the list is scrolled to the end")
    func newestInView() throws {
        var (session, _) = try ScreenFixtures.ideation()
        let token = ParticipantToken("token-0")
        for number in 1...30 { _ = try session.submit("Later idea \(number)", by: token) }
        let grid = Self.render(session)
        #expect(grid.text.contains("Later idea 30"), "\(grid.text)")
        #expect(!grid.cells.contains { $0.role == .selection })
    }

    @Test("The follow-up round turns with the console's page")
    func followupPage() throws {
        var followed = try ScreenFixtures.lobby()
        followed.state.apply(.earlierExperimentsShown([EarlierExperiment(id: "E5", title: "Shared calendar", stage: .running)]))
        #expect(Self.render(followed, earlierPage: nil).text.contains("How to join"))
        let page = Self.render(followed, earlierPage: 0).text
        #expect(!page.contains("How to join"), "\(page)")
    }

    @Test("The console says how to open the wall and how many are attached; the room's screen says nothing of walls")
    func consoleNamesTheWall() throws {
        let session = try ScreenFixtures.lobby()
        var context = ScreenFixtures.everyWayIn
        #expect(!ScreenFixtures.render(session, width: 120, height: 36, context: context).text.contains("wall"))
        context.wallCommand = "ssh -p 7422 wall-4kq9xm2p@192.168.1.20"
        let none = ScreenFixtures.render(session, width: 120, height: 36, context: context)
        #expect(none.text.contains("Wall for the projector: ssh -p 7422 wall-4kq9xm2p@192.168.1.20 (0 walls"), "\(none.text)")
        #expect(none.line(0).hasSuffix("2 joined · 0 walls attached "))
        context.wallsAttached = 1
        #expect(ScreenFixtures.render(session, width: 120, height: 36, context: context).line(0).hasSuffix("2 joined · 1 wall attached "))
    }

    @Test("The pseudo-locale through every wall screen and its help: no English of ideate's, nothing cut off")
    func pseudoLocale() throws {
        let typed = Set((ScreenFixtures.ideas + [ScreenFixtures.plan().title, ScreenFixtures.plan().rounds[0].prompt, ScreenFixtures.plan().goal,
                                                 "Approvals", "Hand-offs", "Write the rule", "Finance", "Most small purchases",
                                                 "ideate join", "ssh", "http"]).flatMap(LanguageScreenTests.words))
        for (name, session) in try Self.everyStage(in: .pseudo) {
            for (width, height, help) in [(80, 24, false), (120, 36, false), (80, 24, true)] {
                let text = Self.render(session, width: width, height: height, help: help).text
                let english = Set(LanguageScreenTests.words(text)).intersection(LanguageScreenTests.englishWords).subtracting(typed)
                #expect(english.isEmpty, "\(name) at \(width)×\(height) shows English: \(english.sorted())\n\(text)")
                let rows = text.split(separator: "\n").filter { !$0.contains("␛") }.joined(separator: "\n")
                #expect(help || rows.count(where: { $0 == "[" }) == rows.count(where: { $0 == "]" }), "\(name) cuts a sentence off:\n\(text)")
            }
        }
    }
}

@Suite("The wall's link to the console", .offThePool, .timeLimit(.minutes(1)))
struct WallLinkTests {
    @Test("At most four walls at once; one that leaves makes room for another")
    func bounded() {
        let link = WallLink()
        #expect((1...WallLink.maximumWalls).allSatisfy { _ in link.attach() })
        #expect(!link.attach())
        #expect(link.attachedWalls == WallLink.maximumWalls)
        link.detach()
        #expect(link.attach())
    }
}
