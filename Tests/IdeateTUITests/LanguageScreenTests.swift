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
    static func everyScreen(in language: Language, width: Int, height: Int) throws -> [(name: String, text: String)] {
        var screens: [(String, String)] = []
        func add(_ name: String, _ session: TestSession, model: ConsoleModel = ConsoleModel(), context: ConsoleContext = ScreenFixtures.context) {
            screens.append((name, ScreenFixtures.render(session, model: model, width: width, height: height, context: context).text))
        }
        add("lobby", try ScreenFixtures.lobby(in: language), context: ScreenFixtures.everyWayIn)
        var locked = try ScreenFixtures.lobby(in: language)
        try locked.facilitator(.lockRoom)
        add("lobby, room locked", locked)
        add("ideation", try ScreenFixtures.ideation(in: language).0)
        var paused = try ScreenFixtures.ideation(in: language).0
        try paused.facilitator(.pauseTimer)
        add("ideation, paused", paused)
        add("grouping", try ScreenFixtures.grouping(in: language).0)
        add("vote", try ScreenFixtures.voting(in: language).0)
        add("results", try ScreenFixtures.results(in: language).0)
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
        let namespaces = ["console.", "common."]
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
                         + [context.joinCommand, context.sshCommand, context.phoneURL].compactMap { $0 }).flatMap(Self.words))
        for (name, text) in try Self.everyScreen(in: .pseudo, width: width, height: height) {
            let english = Set(Self.words(text)).intersection(Self.englishWords).subtracting(typed)
            #expect(english.isEmpty, "\(name) at \(width)×\(height) shows English: \(english.sorted())\n\(text)")
            // Each pseudo sentence is bracketed (a wrapped one over several rows): a bracket opened
            // and never closed is a sentence cut off. Rows showing a hostile idea's escape are left out.
            let rows = text.split(separator: "\n").filter { !$0.contains("␛") }.joined(separator: "\n")
            #expect(rows.count(where: { $0 == "[" }) == rows.count(where: { $0 == "]" }), "\(name) at \(width)×\(height) cuts a sentence off:\n\(text)")
        }
    }
}
