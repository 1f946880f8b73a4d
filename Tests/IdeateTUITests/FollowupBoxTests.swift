import IdeateCore
import IdeateTestSupport
import Testing
@testable import IdeateTUI

/// The follow-up screen opening on the idea box: its status line, new ideas first, every review
/// decision with an answer, and ideas that arrive while the screen is open.
@Suite("Follow-up screen and the idea box", .offThePool, .timeLimit(.minutes(2)))
struct FollowupBoxTests {
    static func portfolio() throws -> Portfolio {
        var portfolio = try FollowupFixtures.portfolio()
        let week = ArrivalWeek(containing: FollowupFixtures.today.adding(days: -9))
        portfolio.backlog += [
            BacklogIdea(id: BacklogIdeaID(417), text: "A bench by the loading bay", kind: .box, arrivalWeek: week),
            BacklogIdea(id: BacklogIdeaID(52), text: "Colour labels on the shelves", kind: .box, arrivalWeek: ArrivalWeek(containing: FollowupFixtures.today),
                        question: "delivery"),
        ]
        return portfolio
    }

    @Test("The screen opens on the box: its status, new ideas oldest week first; x declines with an answer, b keeps an idea off the board, a refused merge keeps what was typed")
    func reviewOnTheScreen() async throws {
        let engine = InMemoryPortfolio(try Self.portfolio())
        let terminal = ScriptedTerminal()
        let remote = terminal.remote
        let (changes, arrived) = AsyncStream.makeStream(of: Void.self)
        let agenda = FollowupAgenda(window: try engine.agendaWindow(today: FollowupFixtures.today, range: FollowupApp.firstWindow),
                                    today: FollowupFixtures.today, box: try engine.boxStatus(today: FollowupFixtures.today))
        let app = FollowupApp(engine: engine, agenda: agenda, today: FollowupFixtures.today, terminal: terminal, portfolioPath: "p.sqlite", changes: changes)
        let loop = Task { await app.run() }
        let first = await remote.frame { $0.contains("New in the idea box (2)") }
        #expect(first?.contains("Idea box review due: 2 new, oldest waiting 14 days, no review yet (every 14)") == true, "\(first?.text ?? "")")
        #expect(first?.contains("▸ B417") == true, "the oldest new idea is chosen first")
        #expect(first?.contains("● new · waiting 14 days") == true)

        remote.type("x")
        #expect(await remote.frame { $0.contains("B417: declined · an answer for its author") } != nil)
        remote.type("The bay is a fire lane; we looked for another spot.")
        remote.type(.save)
        #expect(await remote.frame { $0.contains("B417 declined; its author will read the answer.") } != nil)
        let declined = try #require(engine.portfolio().backlog.first { $0.id == BacklogIdeaID(417) })
        #expect(declined.fate == .declined && declined.answer?.text == "The bay is a fire lane; we looked for another spot.")
        let afterDecline = await remote.frame { $0.contains("New in the idea box (1)") && $0.contains("Idea box: 1 new") }
        #expect(afterDecline?.contains("▸ B52") == true, "the next new idea is chosen: \(remote.lastFrame?.text ?? "")")

        remote.type("m")
        #expect(await remote.frame { $0.contains("Merge B52 into another idea or an experiment") } != nil)
        remote.type("A1")
        remote.type(.down)
        remote.type("Same as an older idea.")
        remote.type(.save)
        let refused = await remote.frame { $0.contains("Into: write an idea like B3 or an experiment like E2.") }
        #expect(refused?.contains("Same as an older idea.") == true, "a refusal keeps what was typed")
        remote.type(.escape)

        remote.type("b")
        #expect(await remote.frame { $0.contains("B52 is kept off the board: its author alone sees it and its answer.") } != nil)
        #expect(engine.portfolio().backlog.first { $0.id == BacklogIdeaID(52) }?.onBoard == false)
        remote.type("u")
        #expect(await remote.frame { $0.contains("Undone: B52 new again.") } != nil)
        #expect(engine.portfolio().backlog.first { $0.id == BacklogIdeaID(52) }?.onBoard == true)

        engine.arrive(BacklogIdea(id: BacklogIdeaID(999), text: "Music in the packing hall", kind: .box,
                                  arrivalWeek: ArrivalWeek(containing: FollowupFixtures.today)))
        arrived.yield()
        let shown = await remote.frame { $0.contains("Music in the packing hall") }
        #expect(shown?.contains("New in the idea box (2)") == true, "an idea that arrives is shown without a key")
        #expect(shown?.contains("▸ B52") == true, "the cursor stays on its idea")
        remote.type("q")
        await loop.value
    }

    @Test("Review keys open their forms only on ideas; help names them")
    func keysAndHelp() throws {
        let agenda = FollowupAgenda(try Self.portfolio(), today: FollowupFixtures.today)
        var model = FollowupModel()
        #expect(agenda.entries.prefix(2).map { "\($0.section.rawValue) \($0.item.subject)" } == ["New in the idea box B417", "New in the idea box B52"])
        for (key, heading) in [("k", "kept in the backlog"), ("t", "taken to the next workshop"), ("a", "Answer the author of B417")] {
            _ = model.handle(.character(Character(key)), agenda: agenda)
            guard case let .form(form)? = model.overlay else {
                Issue.record("\(key) opened no form")
                continue
            }
            #expect(form.heading.contains(heading), "\(form.heading)")
            _ = model.handle(.escape, agenda: agenda)
        }
        model.overlay = .help
        let help = try FollowupFixtures.render(model, width: 80, height: 24)
        #expect(help.text.contains("k keep  m merge  t to a workshop  x decline"))
        #expect(help.text.contains("a answer  b on/off the board"))
    }
}
