import Foundation
import IdeateCore
import IdeateTestSupport
import Testing

/// The three exports of ``ExportFixture`` pinned byte for byte: the contract README.md's
/// "Export formats" describes. A change to a golden file is a change to the contract; when it is
/// intended, raise ``ExportFormatVersion`` for JSON or CSV shape changes and update README.md.
@Suite("Export contract", .offThePool, .timeLimit(.minutes(2)))
struct ExportGoldenTests {
    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    /// A fixed zone, one hour east of UTC, so the goldens do not depend on the machine and the
    /// offset is visible.
    static let zone = TimeZone(secondsFromGMT: 3600)!

    static func report() throws -> MinutesReport { MinutesReport(state: try ExportFixture.finished().state) }

    /// Compares `actual` with `Golden/NAME`; with IDEATE_UPDATE_GOLDEN=1 it rewrites the file first.
    static func expectGolden(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = goldenFolder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["IDEATE_UPDATE_GOLDEN"] == "1" {
            try Data(actual.utf8).write(to: file, options: .atomic)
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        guard actual != expected else { return }
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(actualLines, expectedLines).enumerated().first { $1.0 != $1.1 }?.offset ?? min(actualLines.count, expectedLines.count)
        let show = { (lines: [Substring]) in line < lines.count ? "\(lines[line].debugDescription)" : "(end of file)" }
        Issue.record("""
            Golden/\(name) no longer matches the export, first at line \(line + 1):
              golden: \(show(expectedLines))
              export: \(show(actualLines))
            If the change is intended, run IDEATE_UPDATE_GOLDEN=1 swift test --filter ExportGoldenTests,
            review the diff, raise ExportFormatVersion when a JSON field or CSV column changed, and update
            "Export formats" in README.md.
            """, sourceLocation: sourceLocation)
    }

    @Test("Markdown minutes match Golden/export-contract.md")
    func markdown() throws {
        try Self.expectGolden(MarkdownMinutes(timeZone: Self.zone).render(try Self.report()), named: "export-contract.md")
    }

    @Test("CSV matches Golden/export-contract.csv")
    func csv() throws {
        try Self.expectGolden(CSVMinutes.render(try Self.report()), named: "export-contract.csv")
    }

    @Test("JSON matches Golden/export-contract.json")
    func json() throws {
        try Self.expectGolden(try JSONMinutes.render(try Self.report(), timeZone: Self.zone), named: "export-contract.json")
    }
}

/// What the contract promises beyond the bytes: 1-based rounds, times with an offset, every key
/// written.
@Suite("Export contract rules", .offThePool, .timeLimit(.minutes(2)))
struct ExportContractTests {
    static func document() throws -> JSONMinutesDocument {
        let json = try JSONMinutes.render(try ExportGoldenTests.report(), timeZone: ExportGoldenTests.zone)
        return try JSONDecoder().decode(JSONMinutesDocument.self, from: Data(json.utf8))
    }

    @Test("Times are ISO 8601 to the second with the zone's offset, UTC included")
    func timestamps() throws {
        let instant = Instant(millisecondsSince1970: 1_795_525_509_750)  // 2026-11-24 13:05:09.750 UTC
        #expect(ExportTimestamp(timeZone: TimeZone(secondsFromGMT: 3600)!).string(for: instant) == "2026-11-24T14:05:09+01:00")
        #expect(ExportTimestamp(timeZone: TimeZone(secondsFromGMT: 0)!).string(for: instant) == "2026-11-24T13:05:09+00:00")
        #expect(ExportTimestamp(timeZone: TimeZone(secondsFromGMT: -(3 * 3600 + 1800))!).string(for: instant) == "2026-11-24T09:35:09-03:30")
        let summer = Instant(secondsSince1970: 1_783_000_000)  // 2026-07-02 13:46:40 UTC
        #expect(ExportTimestamp(timeZone: TimeZone(identifier: "Europe/Berlin")!).string(for: summer) == "2026-07-02T15:46:40+02:00")
    }

    @Test("Rounds count from 1 in the JSON: rounds and action items alike")
    func oneBasedRounds() throws {
        let document = try Self.document()
        #expect(document.formatVersion == ExportFormatVersion.current)
        #expect(document.rounds.map(\.number) == [1, 2])
        #expect(document.actionItems.map(\.round) == [1, 2, 2])
        for item in document.actionItems {
            guard let idea = item.idea else { continue }
            let round = document.rounds.first { $0.ideas.contains { $0.id == idea } }
            #expect(round?.number == item.round, "action item \(item.id) names an idea of round \(round?.number ?? 0)")
        }
    }

    @Test("Every field of the JSON document is written, null included")
    func everyKeyWritten() throws {
        let json = try JSONMinutes.render(try ExportGoldenTests.report(), timeZone: ExportGoldenTests.zone)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let document = try Self.document()
        func expectKeys(_ value: Any, of instance: Any) {
            // A field written as null is stored by its property wrapper as `_name`.
            let fields = Set(Mirror(reflecting: instance).children.compactMap(\.label).map { $0.hasPrefix("_") ? String($0.dropFirst()) : $0 })
            #expect(Set((value as? [String: Any])?.keys.map { $0 } ?? []) == fields, "\(type(of: instance))")
        }
        expectKeys(object, of: document)
        let rounds = try #require(object["rounds"] as? [[String: Any]])
        let items = try #require(object["actionItems"] as? [[String: Any]])
        expectKeys(items[2], of: document.actionItems[2])
        expectKeys(rounds[1], of: document.rounds[1])
        let phases = try #require(rounds[1]["phases"] as? [[String: Any]])
        expectKeys(phases[2], of: document.rounds[1].phases[2])
        let ideas = try #require(rounds[0]["ideas"] as? [[String: Any]])
        expectKeys(ideas[0], of: document.rounds[0].ideas[0])
        let shortlist = try #require(rounds[0]["shortlist"] as? [[String: Any]])
        expectKeys(shortlist[1], of: document.rounds[0].shortlist[1])
        let review = try #require(shortlist[1]["review"])
        expectKeys(review, of: try #require(document.rounds[0].shortlist[1].review))
        let card = try #require((shortlist[0]["review"] as? [String: Any])?["experiment"])
        expectKeys(card, of: try #require(document.rounds[0].shortlist[0].review?.experiment))
        #expect(items[2]["idea"] is NSNull, "a missing value is written as null")
    }

    @Test("The CSV header is the documented column set")
    func csvHeader() throws {
        let csv = CSVMinutes.render(try ExportGoldenTests.report())
        #expect(csv.hasPrefix(CSVMinutes.columns.map { "\"\($0)\"" }.joined(separator: ",") + "\r\n"))
        #expect(CSVMinutes.columns == [
            "round", "prompt", "id", "idea", "cluster", "status", "late", "votes", "rank", "merged_into", "builds_on",
            "spoken_aloud",
        ])
    }
}
