import IdeateCore
import IdeateTestSupport
import IdeateTUI
import Testing

/// Every screen as text and style roles at the smallest supported size and at a projector's 120×36.
@Suite("Screens", .offThePool, .timeLimit(.minutes(2)))
struct ScreenSnapshotTests {
    static let sizes = [(80, 24), (120, 36)]

    @Test("Lobby", arguments: sizes)
    func lobby(width: Int, height: Int) throws {
        try Snapshot.assert(ScreenFixtures.render(try ScreenFixtures.lobby(), width: width, height: height), named: "lobby-\(width)x\(height)")
    }

    @Test("Lobby with every way in: the QR code beside the text when there is room, the phone address as text always", arguments: sizes)
    func lobbyEveryWayIn(width: Int, height: Int) throws {
        try Snapshot.assert(ScreenFixtures.render(try ScreenFixtures.lobby(), width: width, height: height, context: ScreenFixtures.everyWayIn),
                            named: "lobby-every-way-in-\(width)x\(height)")
    }

    @Test("A follow-up round: one earlier experiment per page, its outcome, learning and decision, then the open action items; n and p move, the lobby follows", arguments: sizes)
    func followupRound(width: Int, height: Int) throws {
        var session = try ScreenFixtures.lobby()
        session.state.apply(.earlierExperimentsShown([
            EarlierExperiment(id: "E3", title: ScreenFixtures.ideas[0], workshop: "Quick start — one small improvement",
                              workshopDate: CalendarDate(iso: "2026-03-12"), stage: .learned, learning: LearningCard(
                                  outcome: .invalidated, believed: "Most small purchases are approved unchanged",
                                  observed: "Finance changed half of the amounts, often by more than 10 %",
                                  learned: "Small purchases are not routine: the second signature catches real mistakes",
                                  decision: .pivot, date: CalendarDate(iso: "2026-04-09")!)),
            EarlierExperiment(id: "E5", title: ScreenFixtures.ideas[2], stage: .running, reviewDate: CalendarDate(iso: "2026-05-01")),
        ]))
        session.state.apply(.actionItemsShown([
            OpenActionItem(id: "A4", what: "Ask IT for a second printer on floor 2", owner: "Kim", due: CalendarDate(iso: "2026-03-20"),
                           isOverdue: true, workshop: "Quick start — one small improvement"),
            OpenActionItem(id: "A7", what: ScreenFixtures.ideas[2], owner: "Facilities", isStuck: true),
        ]))
        var model = ConsoleModel()
        model.follow(session.state)
        #expect(model.earlierPage == 0, "a run with a follow-up round opens on it")
        try Snapshot.assert(ScreenFixtures.render(session, model: model, width: width, height: height), named: "followup-round-\(width)x\(height)")
        _ = model.handle(.character("n"), state: session.state, now: session.now)
        let second = ScreenFixtures.render(session, model: model, width: width, height: height)
        #expect(second.text.contains("2 of 3") && second.text.contains("Still running; the group looks at the result on 1 May 2026"))
        #expect(second.text.contains("␛[31mRED"), "hostile text made visible")
        _ = model.handle(.character("n"), state: session.state, now: session.now)
        try Snapshot.assert(ScreenFixtures.render(session, model: model, width: width, height: height), named: "followup-round-actions-\(width)x\(height)")
        _ = model.handle(.character("n"), state: session.state, now: session.now)
        #expect(model.earlierPage == nil && ScreenFixtures.render(session, model: model, width: width, height: height).text.contains("First question"))
        _ = model.handle(.character("p"), state: session.state, now: session.now)
        #expect(model.earlierPage == 2, "p in the lobby goes back to the last page")
        _ = model.handle(.escape, state: session.state, now: session.now)
        #expect(model.earlierPage == nil)
    }

    @Test("Ideation with CJK, emoji and hostile text", arguments: sizes)
    func ideation(width: Int, height: Int) throws {
        let (session, _) = try ScreenFixtures.ideation()
        try Snapshot.assert(ScreenFixtures.render(session, width: width, height: height), named: "ideate-\(width)x\(height)")
    }

    @Test("A full disk is on the projector until saving works again, above any other status")
    func storageProblem() throws {
        let (session, _) = try ScreenFixtures.ideation()
        var context = ScreenFixtures.context
        context.storageProblem = StorageFailure(cause: .diskFull, detail: "database or disk is full").description
        var model = ConsoleModel()
        model.status = ConsoleModel.Status(text: "Merged.", isProblem: false)
        let grid = ScreenFixtures.render(session, model: model, width: 120, height: 36, context: context)
        let statusLine = grid.line(34)
        #expect(statusLine.contains("⚠ The disk holding the run file is full"), "\(statusLine)")
        #expect(!grid.text.contains("Merged."))
    }

    @Test("Ideation paused, and in its last seconds")
    func ideationTimerStates() throws {
        var (session, _) = try ScreenFixtures.ideation()
        try session.facilitator(.pauseTimer)
        try Snapshot.assert(ScreenFixtures.render(session, width: 80, height: 24), named: "ideate-paused-80x24")
        try session.facilitator(.resumeTimer)
        session.wait(seconds: 185)
        try Snapshot.assert(ScreenFixtures.render(session, width: 80, height: 24), named: "ideate-last-seconds-80x24")
    }

    @Test("Grouping", arguments: sizes)
    func grouping(width: Int, height: Int) throws {
        let (session, ids) = try ScreenFixtures.grouping()
        var model = ConsoleModel()
        model.follow(session.state)
        model.marked = [ids[1]]
        try Snapshot.assert(ScreenFixtures.render(session, model: model, width: width, height: height), named: "group-\(width)x\(height)")
    }

    @Test("Vote", arguments: sizes)
    func vote(width: Int, height: Int) throws {
        let (session, _) = try ScreenFixtures.voting()
        try Snapshot.assert(ScreenFixtures.render(session, width: width, height: height), named: "vote-\(width)x\(height)")
    }

    @Test("While the vote is open the screen is the same whatever the votes are")
    func noTallyLeaks() throws {
        func frame(votes: [(Int, Int)]) throws -> String {
            var (session, ids) = try ScreenFixtures.grouping()
            try session.advance(to: .vote)
            for (voter, idea) in votes { try session.participant(ParticipantToken("token-\(voter)"), .castVote(ids[idea])) }
            session.wait(seconds: 30)
            return ScreenFixtures.render(session, width: 120, height: 36).text
        }
        #expect(try frame(votes: [(0, 0), (0, 0), (1, 4), (2, 1)]) == frame(votes: [(0, 5), (1, 1), (1, 1), (2, 2)]))
    }

    @Test("Results", arguments: sizes)
    func results(width: Int, height: Int) throws {
        let (session, _) = try ScreenFixtures.results()
        try Snapshot.assert(ScreenFixtures.render(session, width: width, height: height), named: "results-\(width)x\(height)")
    }

    @Test("Review with the form open", arguments: sizes)
    func review(width: Int, height: Int) throws {
        let (session, _) = try ScreenFixtures.review()
        var model = ConsoleModel()
        _ = model.handle(.enter, state: session.state, now: session.now)
        for character in "Cheap" { _ = model.handle(.character(character), state: session.state, now: session.now) }
        try Snapshot.assert(ScreenFixtures.render(session, model: model, width: width, height: height), named: "review-\(width)x\(height)")
    }

    @Test("End", arguments: sizes)
    func end(width: Int, height: Int) throws {
        var context = ScreenFixtures.context
        context.minutes = .written(path: "sessions/runs/quick-start.md")
        context.portfolio = .added(path: "sessions/portfolio.sqlite", summary: "2 experiments, 1 action item, 5 backlog ideas")
        try Snapshot.assert(ScreenFixtures.render(try ScreenFixtures.finished(), width: width, height: height, context: context),
                            named: "end-\(width)x\(height)")
    }

    @Test("End of the demo: minutes and a portfolio that could not be written say why; the next three things to try fit 80 columns")
    func endOfDemo() throws {
        var context = ScreenFixtures.context
        context.minutes = .notWritten(reason: "sessions/runs/demo.md: cannot write: No space left on device")
        context.portfolio = .notAdded(reason: "sessions/runs/demo.portfolio.sqlite: the change was not saved: disk full")
        context.nextSteps = [
            NextStep("A real workshop:", "ideate run sessions/quick-start.yaml"),
            NextStep("Colleagues join:", "ssh -p 7422 CODE@HOST, or ideate join HOST:7420"),
            NextStep("As a spreadsheet:", "ideate export sessions/runs/demo-20261124-172422.sqlite --format csv"),
        ]
        try Snapshot.assert(ScreenFixtures.render(try ScreenFixtures.finished(), width: 80, height: 24, context: context),
                            named: "end-demo-80x24")
    }

    @Test("Help overlay")
    func help() throws {
        let (session, _) = try ScreenFixtures.grouping()
        var model = ConsoleModel()
        _ = model.handle(.character("?"), state: session.state, now: session.now)
        try Snapshot.assert(ScreenFixtures.render(session, model: model, width: 80, height: 24), named: "help-group-80x24")
    }

    @Test("Snapshots pin roles: each role has its own letter, and a frame that differs only in a role differs")
    func rolesInSnapshots() {
        #expect(Set(StyleRole.allCases.map(Snapshot.letter(for:))).count == StyleRole.allCases.count)
        var plain = CellGrid(width: 12, height: 1)
        plain.put("⚠ Disk full", x: 0, y: 0, role: .text)
        var warning = CellGrid(width: 12, height: 1)
        warning.put("⚠ Disk full", x: 0, y: 0, role: .warning)
        #expect(plain.text == warning.text)
        #expect(Snapshot.render(warning) == "⚠ Disk full\nroles: .=text W=warning\nWWWWWWWWWWW.\n")
        #expect(Snapshot.render(plain) != Snapshot.render(warning))
    }

    @Test("Below 80×24 the console asks for a larger terminal")
    func tooSmall() throws {
        let grid = ScreenFixtures.render(try ScreenFixtures.lobby(), width: 79, height: 24)
        #expect(grid.text.contains("Please enlarge the terminal to at least 80×24 (now 79×24)."))
    }

    @Test("No control character or bidi override reaches a cell, on any screen")
    func noRawControls() throws {
        let screens = [
            try ScreenFixtures.ideation().0, try ScreenFixtures.grouping().0, try ScreenFixtures.voting().0,
            try ScreenFixtures.results().0, try ScreenFixtures.finished(),
        ]
        for session in screens {
            let grid = ScreenFixtures.render(session, width: 120, height: 36)
            let unsafe = grid.cells.flatMap { $0.text.unicodeScalars }.filter {
                $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value)
            }
            #expect(unsafe.isEmpty)
        }
    }

    @Test("Wide characters never break alignment: every row is exactly the width")
    func alignment() throws {
        let (session, _) = try ScreenFixtures.ideation()
        let grid = ScreenFixtures.render(session, width: 120, height: 36)
        for y in 0..<grid.height {
            let width = (0..<grid.width).reduce(0) { $0 + Int(grid[$1, y].width) }
            #expect(width == grid.width, "row \(y) is \(width) columns")
        }
    }
}
