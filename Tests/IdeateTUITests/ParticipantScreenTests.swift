import IdeateCore
import IdeateProtocol
import IdeateTestSupport
import IdeateTUI
import Testing

/// The participant's screen, as text, in each phase.
@Suite("Participant screen", .offThePool, .timeLimit(.minutes(2)))
struct ParticipantScreenTests {
    static let now = Instant(secondsSince1970: 1_773_324_000)

    static func view(stage: ParticipantView.Stage, remaining: Int64? = 192_000) -> ParticipantView {
        var view = ParticipantView(
            title: "Quick start — one small improvement", stage: stage, round: 1, rounds: 1,
            prompt: "What is one thing that slows you down every week, and how could we remove it?",
            remainingMilliseconds: remaining, paused: false, locked: false, votesPerPerson: 3, maxVotesPerIdea: 2)
        view.wall = [SharedIdea(id: "a", text: "Shared inbox for orders"), SharedIdea(id: "b", text: "会議を短くする 🚀"),
                     SharedIdea(id: "c", text: "\u{1B}[31mred\u{1B}[0m")]
        return view
    }

    static func model(_ view: ParticipantView) -> ParticipantModel {
        var model = ParticipantModel()
        model.connection = .connected
        model.received(view, at: now)
        return model
    }

    @Test("A refused idea (the facilitator's disk was full) comes back into the empty text box; resending replaces it")
    func refusedIdeaComesBack() {
        var model = Self.model(Self.view(stage: .phase(.ideate)))
        var number = 0
        func id() -> String { number += 1; return "r\(number)" }
        for character in "Shared calendar" { _ = model.handle(.character(character), newRequestID: id) }
        _ = model.handle(.enter, newRequestID: id)
        #expect(model.input.isEmpty)
        let refusal = StorageFailure(cause: .diskFull, detail: "").participantSentence
        model.answered(Reply(id: "r1", outcome: .refused(.notSaved, refusal)))
        #expect(model.input == "Shared calendar")
        #expect(model.notice == refusal)
        #expect(model.myIdeas.map(\.status) == [.refused(refusal)])
        let resend = model.handle(.enter, newRequestID: id)
        #expect(resend == [.send(.submit(text: "Shared calendar"), id: "r2")])
        #expect(model.myIdeas.map(\.requestID) == ["r2"])
    }

    @Test("Ideation: text box with a count, my ideas with their states")
    func ideation() throws {
        var model = Self.model(Self.view(stage: .phase(.ideate)))
        var number = 0
        func id() -> String { number += 1; return "r\(number)" }
        for text in ["Fewer approval steps", "会議を短くする 🚀", "Too late?"] {
            for character in text { _ = model.handle(.character(character), newRequestID: id) }
            _ = model.handle(.enter, newRequestID: id)
        }
        model.answered(Reply(id: "r1", outcome: .saved(idea: "x1", late: false)))
        model.answered(Reply(id: "r3", outcome: .saved(idea: "x3", late: true)))
        for character in "Half typed" { _ = model.handle(.character(character), newRequestID: id) }
        try Snapshot.assert(ParticipantScreen.render(model, now: Self.now.advanced(bySeconds: 2), width: 80, height: 24),
                            named: "participant-ideate-80x24")
        #expect(model.myIdeas.map(\.status) == [.saved, .sending, .late])
    }

    @Test("Vote: dots left, my dots, no counts")
    func vote() throws {
        var view = Self.view(stage: .phase(.vote))
        view.myDots = ["b": 2]
        view.dotsLeft = 1
        var model = Self.model(view)
        _ = model.handle(.down, newRequestID: { "x" })
        let actions = model.handle(.character(" "), newRequestID: { "v1" })
        #expect(actions == [.send(.vote(idea: "b"), id: "v1")])
        try Snapshot.assert(ParticipantScreen.render(model, now: Self.now, width: 80, height: 24), named: "participant-vote-80x24")
    }

    @Test("Results after the vote closes, read-only")
    func results() throws {
        var view = Self.view(stage: .phase(.review), remaining: nil)
        view.results = [RankedResult(id: "b", text: "会議を短くする 🚀", votes: 3, shortlisted: true),
                        RankedResult(id: "a", text: "Shared inbox for orders", votes: 1, shortlisted: false)]
        try Snapshot.assert(ParticipantScreen.render(Self.model(view), now: Self.now, width: 80, height: 24),
                            named: "participant-results-80x24")
    }

    @Test("The lobby of a follow-up round lists what became of earlier experiments and the open action items, scrolled with ↑↓")
    func followupRound() throws {
        var view = Self.view(stage: .lobby, remaining: nil)
        view.wall = nil
        view.followupRound = FollowupRound(experiments: [
            EarlierExperiment(id: "E3", title: "Approve purchases under 500 €", stage: .learned, learning: LearningCard(
                outcome: .invalidated, believed: "Most are approved unchanged", observed: "Finance changed half",
                learned: "Small purchases are not routine", decision: .pivot, date: CalendarDate(iso: "2026-04-09")!)),
            EarlierExperiment(id: "E5", title: "\u{1B}[31mShared calendar", stage: .running),
        ], actionItems: [OpenActionItem(id: "A4", what: "Ask IT for a printer", owner: "Kim", due: CalendarDate(iso: "2026-03-20"), isOverdue: true)])
        var model = Self.model(view)
        _ = model.handle(.down, newRequestID: { "x" })
        #expect(model.cursor == 1)
        _ = model.handle(.down, newRequestID: { "x" })
        _ = model.handle(.down, newRequestID: { "x" })
        #expect(model.cursor == 2, "the list has three lines")
        try Snapshot.assert(ParticipantScreen.render(model, now: Self.now, width: 80, height: 24), named: "participant-lobby-followup-80x24")
    }

    @Test("At the end a participant reads the numbers their own ideas got in the portfolio, to note and find on the idea box's board")
    func portfolioNumbers() {
        var view = Self.view(stage: .finished, remaining: nil)
        view.results = [RankedResult(id: "a", text: "Shared inbox for orders", votes: 2, shortlisted: true)]
        view.myNumbers = ["B7", "B12"]
        view.ideaBox = "http://ideas.example.lan:7423/"
        let grid = ParticipantScreen.render(Self.model(view), now: Self.now, width: 80, height: 24)
        #expect(grid.text.contains("Your ideas are in the company's portfolio as B7, B12: note them; the idea"), "\(grid.text)")
        #expect(grid.text.contains("box (http://ideas.example.lan:7423/) shows what becomes of them."), "\(grid.text)")
        #expect(grid.text.contains("Shared inbox for orders"), "the results stay below")
    }

    @Test("The countdown runs on locally between views, and stops when paused")
    func localCountdown() {
        var model = Self.model(Self.view(stage: .phase(.ideate), remaining: 60_000))
        #expect(model.remainingMilliseconds(at: Self.now.advanced(bySeconds: 5)) == 55_000)
        var paused = Self.view(stage: .phase(.ideate), remaining: 60_000)
        paused.paused = true
        model.received(paused, at: Self.now)
        #expect(model.remainingMilliseconds(at: Self.now.advanced(bySeconds: 5)) == 60_000)
    }
}
