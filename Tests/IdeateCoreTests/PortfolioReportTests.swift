import Foundation
import IdeateCore
import IdeateTestSupport
import Testing

/// What a finished workshop brings into the portfolio: only what its minutes show.
@Suite("Portfolio intake", .offThePool, .timeLimit(.minutes(2)))
struct PortfolioIntakeTests {
    @Test("Shortlisted ideas with a card become planned experiments; the rest goes to the backlog; hidden and merged ideas do not")
    func fromMinutes() throws {
        let state = try ExportFixture.finished().state
        let intake = try PortfolioFixture.intake(state, run: "run-one", added: "2026-03-20")
        #expect(intake.workshop.date == PortfolioFixture.date("2026-03-12"))
        #expect(intake.workshop.addedOn == PortfolioFixture.date("2026-03-20"))
        #expect(intake.experiments.map(\.title) == ["Cut the \"weekly\" report, or shrink it | one page"])
        let card = try #require(intake.experiments.first?.card)
        #expect(card.metric == "Questions about the report, per week")
        #expect(card.failureCriterion == "Audit asks for page 4 | twice")
        #expect(card.reviewDate == PortfolioFixture.date("2026-04-09"))
        let texts = intake.backlog.map(\.text)
        #expect(!texts.contains("Something rude about accounting"), "a hidden idea stays out")
        #expect(!texts.contains("Retire the weekly report"), "a merged duplicate stays out")
        #expect(intake.backlog.first { $0.text == "Bigger parking spaces" }?.kind == .parked)
        #expect(intake.backlog.first { $0.text.hasPrefix("Two lines") }?.kind == .shortlisted, "shortlisted without a card")
        #expect(intake.actionItems.map(\.due) == ["2026-03-19", "2026-03-26", "2026-03-13"].map(PortfolioFixture.date))
        #expect(intake.actionItems[0].idea == "Cut the \"weekly\" report, or shrink it | one page")
    }

    @Test("Dates typed in the room are read from the workshop's day; words that are no date are kept in the note")
    func typedDates() throws {
        let intake = try PortfolioFixture.intake(try PortfolioFixture.secondWorkshop(), run: "run-two", added: "2026-04-20")
        #expect(intake.experiments.first?.card.reviewDate == PortfolioFixture.date("2026-04-16"), "+2w from Thursday 2026-04-02")
        #expect(intake.actionItems.map(\.due) == [PortfolioFixture.date("2026-04-03"), nil], "fri after 2026-04-02; next month is no date")
        #expect(intake.actionItems[1].note == "due date as typed in the workshop: next month")
    }

    @Test("A run that has not finished is refused")
    func unfinished() throws {
        var session = try ExportFixture.finished()
        session.state = SessionState(plan: ExportFixture.plan(), replaying: Array(session.log.dropLast(3)))
        #expect(throws: PortfolioRefusal.runNotFinished(title: "Export contract | golden run")) {
            try WorkshopIntake(report: MinutesReport(state: session.state), run: RunIdentity("r"), today: PortfolioFixture.today,
                               timeZone: PortfolioFixture.zone)
        }
    }

    @Test("Nothing in the portfolio ties an idea to a person: no pseudonym, owner tag or request tag")
    func anonymous() throws {
        let session = try ExportFixture.finished()
        let json = try JSONPortfolio.render(PortfolioReport(try PortfolioFixture.portfolio(), today: PortfolioFixture.today))
        let stored = String(decoding: try JSONEncoder().encode(try PortfolioFixture.portfolio()), as: UTF8.self)
        var secrets = Set(session.state.ideas.values.compactMap { $0.owner?.rawValue })
        secrets.formUnion(session.state.ideas.values.compactMap { $0.requestTag?.rawValue })
        secrets.formUnion(session.state.participants.map(\.rawValue))
        #expect(!secrets.isEmpty)
        for secret in secrets {
            #expect(!json.contains(secret))
            #expect(!stored.contains(secret))
        }
    }
}

/// The portfolio report in its three formats, pinned by golden files, and held to the minutes'
/// escaping guarantees.
@Suite("Portfolio report", .offThePool, .timeLimit(.minutes(2)))
struct PortfolioReportTests {
    static func report() throws -> PortfolioReport { PortfolioReport(try PortfolioFixture.portfolio(), today: PortfolioFixture.today) }

    @Test("Markdown matches Golden/portfolio.md")
    func markdown() throws {
        try ExportGoldenTests.expectGolden(MarkdownPortfolio().render(try Self.report()), named: "portfolio.md")
    }

    @Test("CSV matches Golden/portfolio.csv")
    func csv() throws {
        try ExportGoldenTests.expectGolden(CSVPortfolio.render(try Self.report()), named: "portfolio.csv")
    }

    @Test("JSON matches Golden/portfolio.json")
    func json() throws {
        try ExportGoldenTests.expectGolden(try JSONPortfolio.render(try Self.report()), named: "portfolio.json")
    }

    @Test("Due, overdue and returning ideas are worked out relative to today")
    func relativeToToday() throws {
        let report = try Self.report()
        #expect(report.due.map(\.id) == [ExperimentID(2)], "E2's review (2026-04-16) has passed; E3's (2026-05-15) has not")
        #expect(report.openActionItems.filter { $0.isOverdue(on: report.today) }.map(\.id) == [ActionItemID(3), ActionItemID(2), ActionItemID(4)])
        #expect(report.backlog.first?.text == "Bigger parking spaces")
        #expect(report.backlog.first?.workshopCount == 2, "parked in one workshop, written again in the next")
        #expect(report.backlog.dropFirst().allSatisfy { $0.workshopCount == 1 })
        #expect(report.stageCounts == [.planned: 2, .running: 1, .learned: 2])
        #expect(report.outcomeCounts == [.invalidated: 1, .validated: 1])
        let later = PortfolioReport(try PortfolioFixture.portfolio(), today: PortfolioFixture.date("2026-03-01"))
        #expect(later.due.isEmpty && later.openActionItems.allSatisfy { !$0.isOverdue(on: later.today) })
    }

    @Test("The JSON writes every key, null included, and carries its formatVersion")
    func everyKey() throws {
        let json = try JSONPortfolio.render(try Self.report())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["formatVersion"] as? Int == PortfolioFormatVersion.current)
        let document = try JSONDecoder().decode(JSONPortfolioDocument.self, from: Data(json.utf8))
        func expectKeys(_ value: Any?, of instance: Any) {
            // A field written as null is stored by its property wrapper as `_name`.
            let fields = Set(Mirror(reflecting: instance).children.compactMap(\.label).map { $0.hasPrefix("_") ? String($0.dropFirst()) : $0 })
            #expect(Set((value as? [String: Any])?.keys.map { $0 } ?? []) == fields, "\(type(of: instance))")
        }
        let experiments = try #require(object["experiments"] as? [[String: Any]])
        let planned = try #require(document.experiments.firstIndex { $0.learning == nil && $0.card.startDate == nil })
        expectKeys(experiments[planned], of: document.experiments[planned])
        expectKeys(experiments[planned]["card"], of: document.experiments[planned].card)
        #expect(experiments[planned]["learning"] is NSNull)
        let items = try #require(object["actionItems"] as? [[String: Any]])
        expectKeys(items[4], of: document.actionItems[4])
        #expect(items[4]["due"] is NSNull)
        let backlog = try #require(object["backlog"] as? [[String: Any]])
        expectKeys(backlog[0], of: document.backlog[0])
        expectKeys((object["workshops"] as? [[String: Any]])?.first, of: document.workshops[0])
    }

    /// The fixture with every text a person typed replaced, the `n`-th by `text(n)`; empty
    /// texts stay empty so the report's shape is the same whatever the replacement.
    static func replacingTexts(_ portfolio: Portfolio, with text: (Int) -> String) -> Portfolio {
        var counter = 0
        func next(_ original: String) -> String {
            guard !original.isEmpty else { return original }
            counter += 1
            return text(counter)
        }
        var result = portfolio
        for index in result.workshops.indices {
            result.workshops[index].title = next(result.workshops[index].title)
            result.workshops[index].goal = next(result.workshops[index].goal)
        }
        for index in result.experiments.indices {
            var experiment = result.experiments[index]
            experiment.title = next(experiment.title)
            for path in [\TestCard.assumption, \.smallestTest, \.metric, \.successCriterion, \.failureCriterion, \.owner] {
                experiment.card[keyPath: path] = next(experiment.card[keyPath: path])
            }
            if case var .learned(learning) = experiment.state {
                learning.believed = next(learning.believed)
                learning.observed = next(learning.observed)
                learning.learned = next(learning.learned)
                experiment.state = .learned(learning)
            }
            result.experiments[index] = experiment
        }
        for index in result.actionItems.indices {
            result.actionItems[index].what = next(result.actionItems[index].what)
            result.actionItems[index].owner = next(result.actionItems[index].owner)
            result.actionItems[index].idea = result.actionItems[index].idea.map(next)
        }
        for index in result.backlog.indices {
            result.backlog[index].text = next(result.backlog[index].text)
            if let answer = result.backlog[index].answer { result.backlog[index].answer = ReviewAnswer(text: next(answer.text), date: answer.date) }
        }
        for index in result.history.indices { result.history[index].note = next(result.history[index].note) }
        return result
    }

    @Test("The portfolio report in each language: English's Markdown structure with the hostile corpus adding none; the pseudo-locale shows no English of ideate's",
          arguments: ["de", "fr", "nl", "es", "en-XA"])
    func inEachLanguage(code: String) throws {
        let language = Language(code: code)
        let portfolio = try PortfolioFixture.portfolio()
        let hostile = MinutesTests.hostile
        let hostilePortfolio = Self.replacingTexts(portfolio) { hostile[$0 % hostile.count] + " \($0)" }
        let neutralPortfolio = Self.replacingTexts(portfolio) { "plain text \($0)" }
        let english = try MinutesTests.tagSequence(of: MarkdownPortfolio().render(PortfolioReport(neutralPortfolio, today: PortfolioFixture.today)))
        let neutral = MarkdownPortfolio(language: language).render(PortfolioReport(neutralPortfolio, today: PortfolioFixture.today))
        let hostileMarkdown = MarkdownPortfolio(language: language).render(PortfolioReport(hostilePortfolio, today: PortfolioFixture.today))
        #expect(try MinutesTests.tagSequence(of: neutral) == english, "the same elements as English")
        #expect(try MinutesTests.tagSequence(of: hostileMarkdown) == english, "hostile text adds no element")
        guard language == .pseudo else { return }
        let words = { (text: String) in
            Set(text.split(whereSeparator: { !$0.isASCII || !$0.isLetter }).map { $0.lowercased() }.filter { $0.count >= 4 })
        }
        let sentences = Translations.shared.template.entries.filter { $0.key.hasPrefix("portfolio.") }.flatMap { [$0.value.english] + ($0.value.englishPlural.map { [$0] } ?? []) }
        let ours = words(sentences.joined(separator: " ")).subtracting(["ideate", "portfolio", "promote", "mermaid", "showdata", "title", "plain", "text"])
        let shown = words(neutral).intersection(ours).subtracting(["chart", "beta", "axis", "line"])
        #expect(shown.isEmpty, "English in the pseudo-locale report: \(shown.sorted())")
    }

    @Test("The minutes' hostile corpus creates no Markdown element in the portfolio report, and no control character reaches it")
    func escaping() throws {
        let portfolio = try PortfolioFixture.portfolio()
        let hostile = MinutesTests.hostile
        // The number keeps every replaced text distinct, so no two backlog ideas merge in one variant only.
        var used = Set<Int>()
        let hostilePortfolio = Self.replacingTexts(portfolio) { number in
            used.insert(number % hostile.count)
            return hostile[number % hostile.count] + " \(number)"
        }
        let neutralPortfolio = Self.replacingTexts(portfolio) { "plain text \($0)" }
        #expect(used.count == hostile.count, "every hostile text went through")
        let hostileMarkdown = MarkdownPortfolio().render(PortfolioReport(hostilePortfolio, today: PortfolioFixture.today))
        let neutralMarkdown = MarkdownPortfolio().render(PortfolioReport(neutralPortfolio, today: PortfolioFixture.today))
        #expect(try MinutesTests.tagSequence(of: hostileMarkdown) == MinutesTests.tagSequence(of: neutralMarkdown))
        let forbidden = hostileMarkdown.unicodeScalars.filter { scalar in
            (scalar.value < 0x20 && scalar != "\n") || (0x7F...0x9F).contains(scalar.value)
                || [0x202E, 0x2066, 0x2069, 0x200B].contains(scalar.value)
        }
        #expect(forbidden.isEmpty, "found \(forbidden.map { String($0.value, radix: 16) })")
        let csv = CSVPortfolio.render(PortfolioReport(hostilePortfolio, today: PortfolioFixture.today))
        #expect(!csv.contains("\"="), "no CSV cell starts a formula")
        let intakeRows = PortfolioReport(hostilePortfolio, today: PortfolioFixture.today).intake.months.count + 1
        #expect(csv.split(separator: "\r\n").count == 1 + portfolio.experiments.count + portfolio.actionItems.count + portfolio.backlog.count + intakeRows,
                "one line per row: line breaks are folded")
    }
}
