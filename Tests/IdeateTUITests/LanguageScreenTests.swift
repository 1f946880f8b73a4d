import Foundation
import IdeateCore
import IdeateTestSupport
import IdeateTUI
import Testing

/// The projector in each language: snapshots of the main screens at 80×24, and the
/// pseudo-locale through every console screen to find text left in English or cut off.
@Suite("Screens in each language", .offThePool, .timeLimit(.minutes(2)))
struct LanguageScreenTests {
    /// Every console screen of a workshop, in `language`, at `width`×`height`.
    /// Every console screen of a workshop, in `language`, at `width`×`height`; `overlaid` when a
    /// panel covers part of the screen (what it hides may be half a sentence).
    static func everyScreen(in language: Language, width: Int, height: Int) throws -> [(name: String, text: String, overlaid: Bool)] {
        var screens: [(String, String, Bool)] = []
        func add(_ name: String, _ session: TestSession, model: ConsoleModel = ConsoleModel(), context: ConsoleContext = ScreenFixtures.context) {
            let text = ScreenFixtures.render(session, model: model, width: width, height: height, context: context).text
            screens.append((name, text, model.overlay != nil))
        }
        add("lobby", try ScreenFixtures.lobby(in: language), context: ScreenFixtures.everyWayIn)
        var locked = try ScreenFixtures.lobby(in: language)
        try locked.facilitator(.lockRoom)
        add("lobby, room locked", locked)
        add("ideation", try ScreenFixtures.ideation(in: language).0)
        var saidDone = try ScreenFixtures.ideation(in: language).0
        try saidDone.participant(ParticipantToken("token-0"), .sayDone)
        add("ideation, one of five done", saidDone)
        var paused = try ScreenFixtures.ideation(in: language).0
        try paused.facilitator(.pauseTimer)
        add("ideation, paused", paused)
        add("grouping", try ScreenFixtures.grouping(in: language).0)
        let moderated = try ModerationConsoleTests.moderated(queued: ["Calendar", "Printer in the hall", "Most", "Half"], in: language).0
        var queue = ConsoleModel()
        queue.settle(for: moderated.state)
        add("ideation, moderation queue", moderated, model: queue)
        var duplicates = try TestSession.withLikelyDuplicates(plan: ScreenFixtures.plan(in: language)).0
        try duplicates.advance(to: .group)
        var suggested = ConsoleModel()
        suggested.settle(for: duplicates.state)
        add("grouping, likely duplicates", duplicates, model: suggested)
        add("vote", try ScreenFixtures.voting(in: language).0)
        add("results", try ScreenFixtures.results(in: language).0)
        let grouping = try ScreenFixtures.grouping(in: language).0
        for (name, key) in [("help", Key.character("?")), ("quit", .character("q")), ("cluster name", .character("c"))] {
            var model = ConsoleModel()
            model.follow(grouping.state)
            _ = model.handle(key, state: grouping.state, now: grouping.now)
            add(name, grouping, model: model)
        }
        let review = try ScreenFixtures.review(in: language).0
        var form = ConsoleModel()
        _ = form.handle(.enter, state: review.state, now: review.now)
        add("review form", review, model: form)
        var context = ScreenFixtures.context
        context.minutes = .notWritten(reason: "disk full")
        context.portfolio = .notAdded(reason: "disk full")
        add("end", try ScreenFixtures.finished(in: language), context: context)
        var followup = try ScreenFixtures.lobby(in: language)
        followup.state.apply(.earlierExperimentsShown([
            EarlierExperiment(id: "E3", title: "Approve", workshop: "Quick start", workshopDate: CalendarDate(iso: "2026-03-12"), stage: .learned,
                              learning: LearningCard(outcome: .invalidated, believed: "Most", observed: "Half", learned: "Not routine",
                                                     decision: .pivot, date: CalendarDate(iso: "2026-04-09")!)),
            EarlierExperiment(id: "E5", title: "Calendar", stage: .running, reviewDate: CalendarDate(iso: "2026-05-01")),
        ]))
        followup.state.apply(.actionItemsShown([OpenActionItem(id: "A4", what: "Printer", owner: "Kim", due: CalendarDate(iso: "2026-03-20"),
                                                               isOverdue: true, workshop: "Quick start")]))
        var pages = ConsoleModel()
        pages.follow(followup.state)
        for page in 0..<3 {
            add("follow-up round, page \(page + 1)", followup, model: pages)
            _ = pages.handle(.character("n"), state: followup.state, now: followup.now)
        }
        return screens
    }

    @Test("The lobby, ideation, vote and results at 80×24 in each language", arguments: ["de", "fr", "nl", "es"])
    func snapshots(code: String) throws {
        let language = Language(code: code)
        func render(_ session: TestSession, context: ConsoleContext = ScreenFixtures.context) -> CellGrid {
            ScreenFixtures.render(session, width: 80, height: 24, context: context)
        }
        try Snapshot.assert(render(try ScreenFixtures.lobby(in: language), context: ScreenFixtures.everyWayIn), named: "lobby-\(code)-80x24")
        try Snapshot.assert(render(try ScreenFixtures.ideation(in: language).0), named: "ideate-\(code)-80x24")
        try Snapshot.assert(render(try ScreenFixtures.voting(in: language).0), named: "vote-\(code)-80x24")
        try Snapshot.assert(render(try ScreenFixtures.results(in: language).0), named: "results-\(code)-80x24")
    }

    /// Words of four letters or more in the English sentences the console can show.
    static let englishWords: Set<String> = {
        let namespaces = ["console.", "common.", "minutes."]
        let sentences = Translations.shared.template.entries.filter { key, _ in namespaces.contains { key.hasPrefix($0) } }
            .flatMap { [$0.value.english] + ($0.value.englishPlural.map { [$0] } ?? []) }
        return Set(sentences.flatMap(words)).subtracting(["ideate"])
    }()

    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { !$0.isASCII || !$0.isLetter }).map { $0.lowercased() }.filter { $0.count >= 4 }
    }

    @Test("The pseudo-locale through every console screen: no English sentence of ideate's, nothing cut off", arguments: [(80, 24), (120, 36)])
    func pseudoLocale(width: Int, height: Int) throws {
        // What people typed (ideas, the plan's title and question) stays as written.
        let context = ScreenFixtures.everyWayIn
        let typed = Set((ScreenFixtures.ideas + [ScreenFixtures.plan().title, ScreenFixtures.plan().rounds[0].prompt, ScreenFixtures.plan().goal]
                         + [context.joinCommand, context.sshCommand, context.phoneURL].compactMap { $0 } + ["Approvals", "Hand-offs", "Quick start", "Approve", "Calendar", "Most", "Half", "Not routine", "Printer",
                            "Days from request to approval", "Head of finance", "One shared inbox for order changes", "Fix the printer in the hall",
                            "Shared inbox for all orders", "The hall printer jams", "Shorter meetings", "Printer in the hall", "inbox", "order", "shared", "ideate portfolio add", "ideate export", "disk full", "ideate run PLAN --resume"])
            .flatMap(Self.words))
        for (name, text, overlaid) in try Self.everyScreen(in: .pseudo, width: width, height: height) {
            let english = Set(Self.words(text)).intersection(Self.englishWords).subtracting(typed)
            #expect(english.isEmpty, "\(name) at \(width)×\(height) shows English: \(english.sorted())\n\(text)")
            // Each pseudo sentence is bracketed (a wrapped one over several rows): a bracket opened
            // and never closed is a sentence cut off. Rows showing a hostile idea's escape are left out.
            let rows = text.split(separator: "\n").filter { !$0.contains("␛") }.joined(separator: "\n")
            #expect(overlaid || rows.count(where: { $0 == "[" }) == rows.count(where: { $0 == "]" }), "\(name) at \(width)×\(height) cuts a sentence off:\n\(text)")
        }
    }
}
