import IdeateCore
import NIOHTTP1

/// The phone page in every language ideate has, each written once, on its first request (at
/// most one per language). A request gets the language its `?lang=` asks for (the page's own
/// switch), else the first of its browser's `Accept-Language` ideate has, else the room's.
final class WebPages: Sendable {
    let room: Language
    private let make: @Sendable (Language) -> WebPage
    private let written = Locked<[String: WebPage]>([:])

    init(room: Language, make: @escaping @Sendable (Language) -> WebPage = { WebPage(language: $0) }) {
        self.room = room
        self.make = make
    }

    /// The page in the language `head` asks for.
    func page(for head: HTTPRequestHead) -> WebPage {
        page(in: Self.language(for: head, room: room))
    }

    func page(in language: Language) -> WebPage {
        if let page = written.withLock({ $0[language.code] }) { return page }
        let page = make(language)
        written.withLock { $0[language.code] = page }
        return page
    }

    /// `?lang=CODE` (a code ideate has, the pseudo-locale included), else `Accept-Language`, else `room`.
    static func language(for head: HTTPRequestHead, room: Language) -> Language {
        let query = head.uri.split(separator: "?", maxSplits: 1).dropFirst().first ?? ""
        for pair in query.split(separator: "&") where pair.hasPrefix("lang=") {
            if let asked = Language.named(String(pair.dropFirst(5))) { return asked }
        }
        return head.headers["Accept-Language"].lazy.compactMap(Language.preferred(byAcceptLanguage:)).first ?? room
    }
}
