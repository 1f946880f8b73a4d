import Foundation
import IdeateCore
import IdeateTestSupport
import Testing

/// The demo in German in a real 80×24 terminal: every phase, the help, the review form and the
/// end, with no English word of ideate's own on screen (what the plan and the simulated
/// colleagues typed stays as written).
@Suite("Languages end to end", .offThePool, .serialized, .timeLimit(.minutes(10)))
struct LanguageEndToEndTests {
    /// Words of ideate's English sentences that German does not share.
    static let englishOnly: Set<String> = {
        func words(_ text: String) -> [String] {
            text.split(whereSeparator: { !$0.isLetter }).map { $0.lowercased() }.filter { $0.count >= 3 }
        }
        let template = Translations.shared.template.entries.values.flatMap { [$0.english] + ($0.englishPlural.map { [$0] } ?? []) }
        let german = Translations.shared.files["de"]!.entries.values.flatMap(\.forms)
        return Set(template.flatMap(words)).subtracting(german.flatMap(words))
    }()

    @Test("ideate demo --language de walks every phase at 80×24 with no English word of the UI on screen")
    func germanDemo() throws {
        let run = NSTemporaryDirectory() + "ideate-de-\(UUID().uuidString.prefix(8)).sqlite"
        let portfolio = (run as NSString).deletingPathExtension + ".portfolio.sqlite"
        defer {
            for path in [run, portfolio] { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
            try? FileManager.default.removeItem(atPath: (run as NSString).deletingPathExtension + ".md")
        }
        let plan = try PlanParser.parse(String(contentsOf: IdeateProcess.projectFolder.appendingPathComponent("sessions/demo.yaml"), encoding: .utf8)).get()
        // What the simulated colleagues type (their ideas, and "Yes, and we could try … with one
        // team first" when they build on one), the plan, and the commands shown.
        // A typed word cut to fit a column ("Big" of "Bigger") is typed too: every start of one counts.
        let typedWords = (IdeaBank.typedTexts + [plan.title, plan.goal, "Yes, and we could try with one team first"] + plan.rounds.map(\.prompt)
                          + ["ideate", "sessions", "quick-start", "yaml", "ssh", "CODE", "HOST", "join", "export", "format", "csv", "sqlite", "tmp",
                             "portfolio", "run", "PLAN", "resume"])
            .flatMap { $0.split(whereSeparator: { !$0.isLetter }).map { $0.lowercased() } }
        let typed = Set(typedWords.flatMap { word in (3...max(3, word.count)).map { String(word.prefix($0)) } })
        let terminal = try TmuxSession("\(IdeateProcess.binary.path) demo --language de --speed 5 --run \(run) --portfolio \(portfolio)",
                                       width: 80, height: 24)
        var screens: [(String, String)] = []
        func capture(_ name: String, _ text: String) throws { screens.append((name, try terminal.waitFor(text))) }
        /// `n` ends the phase: with time left it asks first.
        func nextPhase(to header: String) throws {
            try terminal.press("n")
            let screen = try terminal.waitUntil("asked or moved to \(header)") { $0.contains("jetzt beenden") || $0.contains(header) }
            if screen.contains("jetzt beenden") {
                screens.append(("the confirmation before \(header)", screen))
                try terminal.press("y")
            }
            try capture(header, header)
        }

        try capture("lobby", "n startet die erste Runde.")
        try terminal.press("n")
        try terminal.waitFor("an der Wand")
        try capture("ideation", "• ")
        try terminal.press("?")
        try capture("help", "Tasten auf diesem Bildschirm")
        try terminal.press("Escape")
        try terminal.waitUntil("the help closed") { !$0.contains("Tasten auf diesem Bildschirm") }
        try nextPhase(to: "Ideen weiterdenken")
        try nextPhase(to: "Gruppieren")
        try nextPhase(to: "Abstimmung")
        // The simulated colleagues vote before the vote is closed (a slow demo leaves them the
        // time), so the review has a shortlist.
        try capture("the vote", "8 von 8 haben abgestimmt")
        func step(_ key: String, _ name: String, shows text: String) throws {
            try terminal.press(key)
            try capture(name, text)
        }
        try step("x", "results", shows: "Ergebnisse")
        try step("n", "review", shows: "Die Auswahl bewerten")
        try step("Enter", "review form", shows: "Experimentkarte")
        try terminal.press("Escape")
        try terminal.waitUntil("the form closed") { !$0.contains("Experimentkarte") }
        for (key, name, text) in [("n", "the last confirmation", "Workshop beenden und das Protokoll schreiben?"), ("y", "end", "Ins Portfolio"),
                                  ("q", "quit", "ideate beenden?")] {
            try step(key, name, shows: text)
        }
        try terminal.press("y")
        try terminal.waitFor("EXITED 0")

        for (name, screen) in screens {
            // A typed text cut off to fit ("Let any…") leaves a piece of a word: not a word of ideate's.
            let whole = screen.replacing(/\p{L}+…/, with: "…")
            let words = Set(whole.split(whereSeparator: { !$0.isLetter }).map { $0.lowercased() }.filter { $0.count >= 3 })
            let english = words.intersection(Self.englishOnly).subtracting(typed)
            #expect(english.isEmpty, "\(name) shows English: \(english.sorted())\n\(screen)")
            #expect(screen.split(separator: "\n", omittingEmptySubsequences: false).allSatisfy { $0.count <= 80 })
        }
        let minutes = try String(contentsOfFile: (run as NSString).deletingPathExtension + ".md", encoding: .utf8)
        #expect(minutes.contains("Workshop-Protokoll") && minutes.contains("Ideensammlung"), "the minutes are in German:\n\(minutes)")
    }
}
