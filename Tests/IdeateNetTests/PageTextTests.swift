import Foundation
import IdeateCore
@testable import IdeateNet
import IdeateTestSupport
import Testing

/// The pages' scripts write their own words from the phrases the server puts beside them: every
/// phrase a script names must be in its list (else the page would show the key), and every
/// listed phrase must exist.
@Suite("Page words", .offThePool)
struct PageTextTests {
    static let pages = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/IdeateNet").standardized

    @Test("Every phrase page.js and box.js name is sent with their page, and every phrase sent exists", arguments: [
        ("Web/Page/page.js", PageText.workshopScriptPhrases), ("Box/Page/box.js", PageText.boxScriptPhrases),
    ])
    func scriptsHaveTheirPhrases(script: String, listed: [String]) throws {
        let source = try String(contentsOf: Self.pages.appendingPathComponent(script), encoding: .utf8)
        let named = Set(source.matches(of: /"((?:common|page|participant|connection|console|box|minutes)\.[A-Za-z]+)"/).map { String($0.1) })
        #expect(!named.isEmpty)
        let missing = named.subtracting(listed).sorted()
        #expect(missing.isEmpty, "\(script) names phrases its page does not carry: \(missing)")
        let unknown = listed.filter { Translations.shared.template.entries[$0] == nil }
        #expect(unknown.isEmpty, "listed phrases that do not exist: \(unknown)")
    }
}
