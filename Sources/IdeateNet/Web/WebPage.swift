import Crypto
import Foundation
import IdeateCore

/// The phone page: one HTML document with its style and script inline (embedded in the binary,
/// nothing fetched from elsewhere), and the Content-Security-Policy that lets exactly that
/// style and script run: their SHA-256 hashes, no `unsafe-inline`, connections only back to
/// this server.
public struct WebPage: Sendable {
    /// The document as sent.
    public let html: [UInt8]
    /// The document's version for revalidation (`ETag`): a browser that has it asks with
    /// `If-None-Match` and is told 304 instead of downloading it again. Weak, since the bytes
    /// on the wire differ when compressed.
    public let entityTag: String
    private let scriptHash: String
    private let styleHash: String
    /// Where the page's script may connect: the workshop page to its WebSocket, the box page
    /// back to its own server's HTTP.
    private let connectsByWebSocket: Bool

    /// The language the page is written in.
    public let language: Language

    /// Assembles the workshop's phone page in `language` from its three embedded parts.
    public init(language: Language = .english) {
        self.init(template: String(decoding: PackageResources.page_html, as: UTF8.self),
                  style: String(decoding: PackageResources.page_css, as: UTF8.self),
                  script: String(decoding: PackageResources.page_js, as: UTF8.self), language: language,
                  scriptPhrases: PageText.workshopScriptPhrases)
    }

    /// The idea box's page in `language`: the phone page's style, the box's document and script.
    public static func ideaBox(in language: Language = .english) -> WebPage {
        WebPage(template: String(decoding: PackageResources.box_html, as: UTF8.self),
                style: String(decoding: PackageResources.page_css, as: UTF8.self) + String(decoding: PackageResources.box_css, as: UTF8.self),
                script: String(decoding: PackageResources.box_js, as: UTF8.self), connectsByWebSocket: false, language: language,
                scriptPhrases: PageText.boxScriptPhrases)
    }

    init(template: String, style: String, script: String, connectsByWebSocket: Bool = true, language: Language = .english,
         scriptPhrases: [String] = []) {
        self.connectsByWebSocket = connectsByWebSocket
        self.language = language
        // Indentation between tags is for readers of the source too (the pages have no <pre>, and
        // their text areas start empty).
        let template = PageText.localized(template, in: Localizer(language), scriptPhrases: scriptPhrases)
            .split(separator: "\n", omittingEmptySubsequences: false).map { $0.drop { $0 == " " } }.joined(separator: "\n")
        // A page that writes words itself reads them with the shared strings.js; comment lines
        // and indentation are for readers of the source, not for phones on a slow network (the
        // scripts have no multi-line strings, so no text changes).
        let script = (scriptPhrases.isEmpty ? script : String(decoding: PackageResources.strings_js, as: UTF8.self) + "\n" + script).split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }.map { $0.drop { $0 == " " } }.joined(separator: "\n")
        html = Array(template.replacingOccurrences(of: "<style></style>", with: "<style>\(style)</style>")
            .replacingOccurrences(of: "<script></script>", with: "<script>\(script)</script>").utf8)
        scriptHash = Self.hash(script)
        styleHash = Self.hash(style)
        let digest = Data(SHA256.hash(data: html)).base64EncodedString().prefix(22)
        entityTag = "W/\"" + digest.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "+", with: "-") + "\""
    }

    private static func hash(_ text: String) -> String {
        "'sha256-" + Data(SHA256.hash(data: Data(text.utf8))).base64EncodedString() + "'"
    }

    /// Whether an `If-None-Match` header names this version of the page (RFC 9110 §13.1.2:
    /// weak comparison, a list of tags, or `*`).
    public func isCurrent(ifNoneMatch: [String]) -> Bool {
        let weak = { (tag: Substring) in tag.hasPrefix("W/") ? tag.dropFirst(2) : tag }
        let ours = weak(Substring(entityTag))
        return ifNoneMatch.flatMap { $0.split(separator: ",") }.contains { listed in
            let tag = listed.trimmingCharacters(in: .whitespaces)
            return tag == "*" || weak(Substring(tag)) == ours
        }
    }

    /// The policy for a page served as `host` (the request's Host header): the page may talk
    /// only to the WebSocket of the server it came from.
    public func contentSecurityPolicy(host: String) -> String {
        [
            "default-src 'none'",
            "script-src \(scriptHash)",
            "style-src \(styleHash)",
            connectsByWebSocket ? "connect-src ws://\(host) wss://\(host)" : "connect-src 'self'",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        ].joined(separator: "; ")
    }
}
