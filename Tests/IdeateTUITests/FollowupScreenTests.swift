import IdeateCore
@testable import IdeateTUI
import IdeateTestSupport
import Testing

/// The follow-up screen as text and style roles, and its keys without a terminal.
@Suite("Follow-up screen", .offThePool, .timeLimit(.minutes(2)))
struct FollowupScreenTests {
    static let sizes = [(80, 24), (120, 36)]

    @Test("The list: due and overdue first, then by state, the backlog with hostile text made visible", arguments: sizes)
    func list(width: Int, height: Int) throws {
        try Snapshot.assert(try FollowupFixtures.render(width: width, height: height), named: "followup-\(width)x\(height)")
    }

    @Test("An opened experiment: test card, learning card, where it came from, its history", arguments: sizes)
    func opened(width: Int, height: Int) throws {
        let agenda = FollowupAgenda(try FollowupFixtures.portfolio(), today: FollowupFixtures.today)
        var model = FollowupModel()
        model.cursor = try #require(agenda.index(of: .experiment(ExperimentID(4))))
        model.isOpen = true
        try Snapshot.assert(try FollowupFixtures.render(model, width: width, height: height), named: "followup-opened-\(width)x\(height)")
    }

    @Test("The learning card form, with a date echoed and a wrong one marked", arguments: sizes)
    func learningForm(width: Int, height: Int) throws {
        let portfolio = try FollowupFixtures.portfolio()
        var form = FollowupForm.learning(portfolio.experiments[0])
        form.fields[2].value = "Finance changed half of the amounts"
        form.fields[5].value = width == 80 ? "+2x" : "fri"
        form.current = 5
        var model = FollowupModel()
        model.overlay = .form(form)
        try Snapshot.assert(try FollowupFixtures.render(model, width: width, height: height), named: "followup-learning-\(width)x\(height)")
    }

    @Test("Help lists every key; below 80×24 the screen asks for more room")
    func helpAndTooSmall() throws {
        var model = FollowupModel()
        model.overlay = .help
        let help = try FollowupFixtures.render(model, width: 80, height: 24)
        for key in ["Enter  open it", "s  start", "l  its learning card", "k  stuck", "p  promote", "u  undo"] {
            #expect(help.text.contains(key), "help names “\(key)”")
        }
        #expect(try FollowupFixtures.render(width: 79, height: 24).text.contains("Please enlarge the terminal"))
    }

    @Test("The agenda orders what is due by date, keeps a due experiment out of its state's section, and hides promoted ideas")
    func agendaOrder() throws {
        var portfolio = try FollowupFixtures.portfolio()
        portfolio.backlog[4].fate = .promoted(ExperimentID(9))
        let agenda = FollowupAgenda(portfolio, today: FollowupFixtures.today)
        #expect(agenda.entries.map { "\($0.section.rawValue) \($0.item.subject)" } == [
            "Due or overdue A1", "Due or overdue E1", "Due or overdue E2", "Running E3", "Open action items A2", "Open action items A3",
            "Learned E4", "Backlog B1", "Backlog B2", "Backlog B3", "Backlog B4", "Backlog B6", "Closed action items A4",
        ])
        #expect(agenda.dueCount == 3)
    }

    @Test("Keys: s only on a planned experiment, l only on a running one, d k x o on action items, p on the backlog, u takes back the newest change")
    func keys() throws {
        let agenda = FollowupAgenda(try FollowupFixtures.portfolio(), today: FollowupFixtures.today)
        var model = FollowupModel()
        func select(_ subject: PortfolioSubject) throws { model.cursor = try #require(agenda.index(of: subject)) }
        try select(.experiment(ExperimentID(2)))
        #expect(model.handle(.character("l"), agenda: agenda).isEmpty)
        #expect(model.status?.text.contains("press s to start it") == true)
        #expect(model.handle(.character("s"), agenda: agenda) == [.perform(.start(ExperimentID(2)), note: "", done: "E2 is running.")])
        try select(.experiment(ExperimentID(3)))
        #expect(model.handle(.character("s"), agenda: agenda).isEmpty && model.status?.isProblem == true)
        #expect(model.handle(.character("l"), agenda: agenda).isEmpty)
        guard case let .form(form)? = model.overlay else { Issue.record("l opens the learning card"); return }
        #expect(form.purpose == .learning(ExperimentID(3)) && form.fields[1].value == "Rooms stand empty because nobody knows they are free")
        #expect(model.handle(.escape, agenda: agenda).isEmpty && model.overlay == nil)
        try select(.actionItem(ActionItemID(3)))
        #expect(model.handle(.character("o"), agenda: agenda) == [.perform(.move(ActionItemID(3), to: .open), note: "", done: "A3 open.")])
        try select(.backlogIdea(BacklogIdeaID(1)))
        _ = model.handle(.character("p"), agenda: agenda)
        guard case let .form(promotion)? = model.overlay else { Issue.record("p opens the test card"); return }
        #expect(promotion.purpose == .promotion(BacklogIdeaID(1)))
        model.overlay = nil
        #expect(model.handle(.character("u"), agenda: agenda).isEmpty && model.status?.text == "Nothing to undo.")
        model.undoStack = [.unstart(ExperimentID(1), previousStart: nil), .unmove(ActionItemID(1), from: .done, back: .open, backDate: nil)]
        #expect(model.handle(.character("u"), agenda: agenda) == [
            .perform(.undo(.unmove(ActionItemID(1), from: .done, back: .open, backDate: nil)), note: "undone on the follow-up screen",
                     done: "Undone: A1 open again."),
        ])
        model.isOpen = true
        #expect(model.handle(.escape, agenda: agenda).isEmpty && !model.isOpen, "Esc goes back to the list first")
        #expect(model.handle(.character("q"), agenda: agenda) == [.quit])
    }
}

@Suite("Ideas that came back", .offThePool, .timeLimit(.minutes(1)))
struct CameBackTests {
    @Test("English ordinals: 1st 2nd 3rd 4th 11th 12th 13th 21st 22nd 101st 111th")
    func ordinals() {
        #expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map(Ordinal.english) == ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th"])
    }

    @Test("A backlog idea written for the third time says \"3rd time\" in the follow-up list; the first writing says nothing")
    func thirdTime() throws {
        var portfolio = try FollowupFixtures.portfolio()
        let next = portfolio.backlog.count
        for (offset, text) in ["Bigger parking spaces!", "bigger  PARKING spaces"].enumerated() {
            portfolio.backlog.append(BacklogIdea(id: BacklogIdeaID(next + offset + 1), text: text, kind: .idea, round: 1))
        }
        let agenda = FollowupAgenda(portfolio, today: FollowupFixtures.today)
        #expect(agenda.timesWritten(BacklogIdeaID(next + 2)) == 3 && agenda.timesWritten(BacklogIdeaID(next + 1)) == 2)
        #expect(agenda.timesWritten(BacklogIdeaID(1)) == nil)
        var model = FollowupModel()
        model.settle(on: agenda)
        let grid = FollowupScreen.render(agenda: agenda, model: model, history: [], portfolioPath: "p", width: 120, height: 60).grid
        let row = try #require(grid.text.split(separator: "\n").first { $0.contains("bigger  PARKING spaces") })
        #expect(row.contains("3rd time ·"), "\(row)")
    }
}
