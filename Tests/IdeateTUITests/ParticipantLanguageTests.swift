import IdeateCore
import IdeateProtocol
import IdeateTestSupport
import IdeateTUI
import Testing

/// The participant's own screen (ssh and `ideate join`) in every language: snapshots per
/// language, and the pseudo-locale through every state of it with no English left and no
/// sentence cut off.
@Suite("Participant screen languages", .offThePool, .timeLimit(.minutes(2)))
struct ParticipantLanguageTests {
    typealias Fixture = ParticipantScreenTests

    /// Every state of the participant's screen, rendered in `language`.
    static func everyScreen(in language: Language, width: Int, height: Int) -> [(name: String, grid: CellGrid, overlaid: Bool)] {
        var screens: [(String, CellGrid, Bool)] = []
        func add(_ name: String, _ model: ParticipantModel, overlaid: Bool = false) {
            var model = model
            model.language = language
            screens.append((name, ParticipantScreen.render(model, now: Fixture.now, width: width, height: height), overlaid))
        }
        var entry = ParticipantModel()
        entry.codeEntry = .init(text: "K7P", problem: Sentence(ParticipantPhrase.codeShape, ["min": 4, "max": 12]))
        add("code entry", entry)
        entry.codeEntry = .init(text: "K7P2QX", problem: Sentence(ParticipantPhrase.sshNameNotCode))
        entry.codeEntry?.isChecking = true
        add("code being checked", entry)
        entry.showingHelp = true
        add("code help", entry, overlaid: true)
        entry.showingHelp = false
        entry.confirmingQuit = true
        add("leaving before joining", entry, overlaid: true)
        var joining = ParticipantModel()
        joining.connection = .reconnecting(Sentence(ParticipantPhrase.cannotReach, ["address": "10.0.0.5:7420"]))
        add("joining", joining)

        var lobby = Fixture.view(stage: .lobby, remaining: nil)
        lobby.wall = nil
        lobby.followupRound = FollowupRound(experiments: [
            EarlierExperiment(id: "E3", title: "Approve purchases", stage: .learned, learning: LearningCard(
                outcome: .invalidated, believed: "Most", observed: "Half", learned: "Not routine", decision: .pivot,
                date: CalendarDate(iso: "2026-04-09")!)),
            EarlierExperiment(id: "E5", title: "Calendar", stage: .running),
        ], actionItems: [OpenActionItem(id: "A4", what: "Printer", owner: "Kim", due: CalendarDate(iso: "2026-03-20"), isOverdue: false),
                         OpenActionItem(id: "A5", what: "Printer", owner: "Kim", isStuck: true),
                         OpenActionItem(id: "A6", what: "Printer", owner: "Kim", isOverdue: true),
                         OpenActionItem(id: "A7", what: "Printer", owner: "Kim")])
        add("lobby", Fixture.model(lobby))

        var ideation = Fixture.model(Fixture.view(stage: .phase(.ideate)))
        ideation.myIdeas = [
            .init(requestID: "1", ideaID: "a", text: "Shared inbox for orders", status: .saved),
            .init(requestID: "2", text: "Calendar", status: .sending),
            .init(requestID: "3", ideaID: "b", text: "Printer", status: .late),
            .init(requestID: "4", ideaID: "c", text: "Approve purchases", status: .withdrawn),
            .init(requestID: "5", text: "Most", status: .refused(Sentence(ConnectionPhrase.diskFull))),
            .init(requestID: "6", ideaID: "d", text: "Printer", status: .held),
        ]
        ideation.notice = Sentence(RefusalPhrase.textTooLong, ["field": .phrase(RefusalPhrase.fieldIdea), "limit": 500, "length": 501])
        add("ideation", ideation)
        ideation.focus = .list
        ideation.notice = Sentence(ConnectionPhrase.lateIdea)
        add("ideation, own list", ideation)
        ideation.showingHelp = true
        add("help", ideation, overlaid: true)
        ideation.showingHelp = false
        var saidDone = Fixture.view(stage: .phase(.ideate))
        saidDone.done = false
        ideation.received(saidDone, at: Fixture.now)
        add("ideation, may say done", ideation)
        saidDone.done = true
        ideation.received(saidDone, at: Fixture.now)
        add("ideation, said done", ideation)
        ideation.focus = .list
        add("ideation, said done, own list", ideation)
        var paused = Fixture.view(stage: .phase(.ideate))
        paused.paused = true
        add("paused", Fixture.model(paused))
        var rating = Fixture.view(stage: .phase(.rate))
        rating.toRate = [SharedIdea(id: "a", text: "Calendar"), SharedIdea(id: "b", text: "Printer")]
        rating.myRatings = ["a": SharedRating(impact: 4, effort: 2)]
        var rater = Fixture.model(rating)
        add("rating", rater)
        _ = rater.handle(.down, newRequestID: { "r" })
        _ = rater.handle(.character("3"), newRequestID: { "r" })
        add("rating, impact typed", rater)
        var rated = Fixture.view(stage: .phase(.rate), remaining: 0)
        rated.locked = true
        rated.ratings = [RatingResult(id: "a", text: "Calendar", raters: 5, impact: 4.5, effort: 2, impactSpread: 1, effortSpread: 3, disputed: true)]
        add("rated", Fixture.model(rated))
        var lastMinute = Fixture.view(stage: .phase(.ideate), remaining: 30_000)
        lastMinute.locked = false
        add("last minute", Fixture.model(lastMinute))
        var locked = Fixture.view(stage: .phase(.ideate), remaining: 0)
        locked.locked = true
        add("time is up", Fixture.model(locked))

        var build = Fixture.view(stage: .phase(.build))
        build.buildOn = SharedIdea(id: "a", text: "Shared inbox for orders")
        var building = Fixture.model(build)
        building.editing = "a"
        add("building on an idea, editing", building)
        add("waiting to build", Fixture.model(Fixture.view(stage: .phase(.build))))
        add("grouping", Fixture.model(Fixture.view(stage: .phase(.group), remaining: nil)))

        var vote = Fixture.view(stage: .phase(.vote))
        vote.myDots = ["b": 2]
        vote.dotsLeft = 1
        add("vote", Fixture.model(vote))
        var results = Fixture.view(stage: .phase(.review), remaining: nil)
        results.results = [RankedResult(id: "b", text: "Calendar", votes: 1_234, shortlisted: true)]
        add("results", Fixture.model(results))
        var finished = results
        finished.stage = .finished
        finished.myNumbers = ["B12", "B13"]
        finished.ideaBox = "http://10.0.0.5:7423/"
        var ended = Fixture.model(finished)
        ended.notice = Sentence(ParticipantPhrase.followIdeas, ["command": "ideate join http://10.0.0.5:7423/"])
        add("finished, with the idea box", ended)
        finished.ideaBox = nil
        var endedWithout = Fixture.model(finished)
        endedWithout.confirmingQuit = true
        add("finished, leaving", endedWithout, overlaid: true)
        var closed = Fixture.model(vote)
        closed.connection = .closed
        closed.notice = Sentence(ConnectionPhrase.tooManyTries)
        add("closed", closed)
        return screens
    }

    @Test("Ideation, the vote and the code entry at 80×24 in each language", arguments: ["de", "fr", "nl", "es"])
    func snapshots(code: String) throws {
        let screens = Self.everyScreen(in: Language(code: code), width: 80, height: 24)
        for name in ["code entry", "ideation", "vote", "lobby"] {
            let grid = try #require(screens.first { $0.name == name }?.grid)
            try Snapshot.assert(grid, named: "participant-\(name.replacingOccurrences(of: " ", with: "-"))-\(code)-80x24")
        }
    }

    /// Words of four letters or more in the English sentences a participant's screen can show.
    static let englishWords: Set<String> = {
        let namespaces = ["participant.", "common.", "connection.", "refusal."]
        let sentences = Translations.shared.template.entries.filter { key, _ in namespaces.contains { key.hasPrefix($0) } }
            .flatMap { [$0.value.english] + ($0.value.englishPlural.map { [$0] } ?? []) }
        return Set(sentences.flatMap(LanguageScreenTests.words)).subtracting(["ideate"])
    }()

    @Test("The pseudo-locale through every participant screen: no English sentence of ideate's, nothing cut off", arguments: [(80, 24), (120, 36)])
    func pseudoLocale(width: Int, height: Int) {
        let typed = Set((["Quick start — one small improvement", "What is one thing that slows you down every week, and how could we remove it?",
                          "Shared inbox for orders", "Calendar", "Printer", "Approve purchases", "Most", "Not routine", "ideate join http"])
            .flatMap(LanguageScreenTests.words))
        for (name, grid, overlaid) in Self.everyScreen(in: .pseudo, width: width, height: height) {
            let text = grid.text
            let english = Set(LanguageScreenTests.words(text)).intersection(Self.englishWords).subtracting(typed)
            #expect(english.isEmpty, "\(name) at \(width)×\(height) shows English: \(english.sorted())\n\(text)")
            let rows = text.split(separator: "\n").filter { !$0.contains("␛") }.joined(separator: "\n")
            let balanced = rows.count(where: { $0 == "[" }) == rows.count(where: { $0 == "]" })
            #expect(overlaid || balanced, "\(name) at \(width)×\(height) cuts a sentence off:\n\(text)")
        }
    }
}

/// The idea box's terminal screen (`ideate join http://…`, and ssh) in the pseudo-locale: every
/// sentence it can show is ideate's own in the reader's language, and none is cut off.
@Suite("Idea box screen languages", .offThePool, .timeLimit(.minutes(2)))
struct BoxJoinLanguageTests {
    static func model(in language: Language, overSSH: Bool = false) -> BoxJoinModel {
        let day = CalendarDate(iso: "2026-12-07")!
        func proof(_ digit: Character) -> OwnershipProof { OwnershipProof(hex: String(repeating: digit, count: 64))! }
        let answer = ReviewAnswer(text: "Printer", date: day)
        var model = BoxJoinModel(book: ReceiptBook(entries: [
            .init(number: "B1", secret: "s1", proof: proof("1"), text: "Calendar", sent: day, fate: FateNotice(id: BacklogIdeaID(1), fate: .declined, answer: answer)),
            .init(number: "B2", secret: "s2", proof: proof("2"), text: "Calendar", sent: day, fate: FateNotice(id: BacklogIdeaID(2), fate: .merged, into: "B9", then: .kept)),
            .init(number: "B3", secret: "s3", proof: proof("3"), text: "Calendar", sent: day),
            .init(number: "B4", proof: proof("4"), text: "Calendar", sent: day),
        ], decoySeed: 3))
        var unsent = ReceiptBook.Entry(secret: "s5", proof: proof("5"), text: "Calendar", sent: day)
        unsent.isUnsent = true
        model.book.entries.append(unsent)
        model.board = BoxBoard(title: "Acme", questions: [BoxQuestion(id: "q", text: "Printer", until: day)], buckets: 8, recent: [
            BoardItem(date: day, id: "B7", text: "Calendar", fate: FateNotice(id: BacklogIdeaID(7), fate: .workshop)),
            BoardItem(date: day, id: "B8", text: "Calendar", fate: FateNotice(id: BacklogIdeaID(8), fate: .merged, into: "B9")),
            BoardItem(date: day, id: "B10", text: "Calendar", fate: FateNotice(id: BacklogIdeaID(10), fate: .kept)),
        ])
        model.status = .init(Sentence(BoxPhrase.savedLookAgain, ["id": "B3"]), isProblem: false)
        model.keepsReceipts = !overSSH
        model.language = language
        return model
    }

    @Test("The pseudo-locale through the box's terminal screen, on this computer and over ssh, with its help: no English, nothing cut off")
    func pseudoLocale() {
        let english: Set<String> = {
            let sentences = Translations.shared.template.entries.filter { key, _ in key.hasPrefix("box.") || key.hasPrefix("participant.") }
                .flatMap { [$0.value.english] + ($0.value.englishPlural.map { [$0] } ?? []) }
            return Set(sentences.flatMap(LanguageScreenTests.words)).subtracting(["ideate", "acme", "calendar", "printer"])
        }()
        var help = Self.model(in: .pseudo)
        help.showingHelp = true
        for (name, model, overlaid) in [("this computer", Self.model(in: .pseudo), false), ("over ssh", Self.model(in: .pseudo, overSSH: true), false),
                                        ("help", help, true)] {
            let text = BoxJoinScreen.render(model, width: 80, height: 70).text
            let shown = Set(LanguageScreenTests.words(text)).intersection(english)
            #expect(shown.isEmpty, "\(name) shows English: \(shown.sorted())\n\(text)")
            let balanced = text.count(where: { $0 == "[" }) == text.count(where: { $0 == "]" })
            #expect(overlaid || balanced, "\(name) cuts a sentence off:\n\(text)")
        }
    }
}
