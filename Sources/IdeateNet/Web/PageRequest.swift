import NIOCore
import NIOHTTP1

/// One plain HTTP request to the web server: the page at `/`, a short refusal for anything
/// else. One request per connection (`Connection: close`); a connection that sends no request
/// head within the deadline is closed.
enum PageRequest {
    typealias Channel = NIOAsyncChannel<HTTPServerRequestPart, HTTPPart<HTTPResponseHead, ByteBuffer>>

    /// What any other path or a refused WebSocket gets.
    static let notHere = "Not here: open the address shown on the shared screen.\n"

    static func answer(_ channel: Channel, pages: WebPages, refusedUpgrade: RefusedUpgrade?, deadline: TimeAmount) async {
        let underlying = channel.channel
        let timeout = underlying.eventLoop.scheduleTask(in: deadline) { underlying.close(promise: nil) }
        defer { timeout.cancel() }
        try? await channel.executeThenClose { inbound, outbound in
            for try await part in inbound {
                switch part {
                case let .head(head):
                    try await respond(to: head, pages: pages, outbound: outbound)
                    return
                case .end:
                    // A WebSocket upgrade this server refused: the upgrade handler kept its
                    // head and passes on only the end.
                    let (status, text, headers) = refusedUpgrade.map { ($0.status, $0.text, $0.headers) } ?? (.forbidden, notHere, [])
                    try await write(status: status, text: text, head: HTTPRequestHead(version: .http1_1, method: .GET, uri: "/"),
                                    to: outbound, extra: headers)
                    return
                case .body:
                    continue
                }
            }
        }
    }

    private static func respond(to head: HTTPRequestHead, pages: WebPages,
                                outbound: NIOAsyncChannelOutboundWriter<HTTPPart<HTTPResponseHead, ByteBuffer>>) async throws {
        guard head.method == .GET || head.method == .HEAD else {
            try await write(status: .methodNotAllowed, text: "Only GET.\n", head: head, to: outbound, extra: [("Allow", "GET, HEAD")])
            return
        }
        guard let host = head.headers.first(name: "host"), isPlausibleHost(host) else {
            try await write(status: .badRequest, text: "Missing or malformed Host header.\n", head: head, to: outbound)
            return
        }
        let path = head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard path == "/" || path == "/index.html" else {
            try await write(status: .notFound, text: notHere, head: head, to: outbound)
            return
        }
        try await sendPage(pages.page(for: head), host: host, head: head, to: outbound)
    }

    /// What every answer of a page server carries: no referrer, no sniffing, no framing, no
    /// device access, one request per connection.
    static let securityHeaders = [
        ("Referrer-Policy", "no-referrer"), ("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"),
        ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"), ("Connection", "close"),
    ]

    /// `page` with its policy for `host`, or 304 when the browser has this version (also the
    /// idea box's page).
    static func sendPage(_ page: WebPage, host: String, head: HTTPRequestHead,
                         to outbound: NIOAsyncChannelOutboundWriter<HTTPPart<HTTPResponseHead, ByteBuffer>>) async throws {
        let current = page.isCurrent(ifNoneMatch: head.headers["If-None-Match"])
        var headers = HTTPHeaders([
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Security-Policy", page.contentSecurityPolicy(host: host)),
            // Kept, but asked about again on every visit: a reload costs one round trip.
            ("Cache-Control", "no-cache"),
            ("ETag", page.entityTag),
            ("Content-Language", page.language.code),
            ("Vary", "Accept-Encoding, Accept-Language"),
        ] + securityHeaders)
        if !current { headers.add(name: "Content-Length", value: String(page.html.count)) }
        let status: HTTPResponseStatus = current ? .notModified : .ok
        var response: [HTTPPart<HTTPResponseHead, ByteBuffer>] = [.head(HTTPResponseHead(version: head.version, status: status, headers: headers))]
        if head.method == .GET, !current { response.append(.body(ByteBuffer(bytes: page.html))) }
        // One write and one flush: the compressor sees the whole response and can say its length.
        try await outbound.write(contentsOf: response + [.end(nil)])
    }

    private static func write(status: HTTPResponseStatus, text: String, head: HTTPRequestHead,
                              to outbound: NIOAsyncChannelOutboundWriter<HTTPPart<HTTPResponseHead, ByteBuffer>>,
                              extra: [(String, String)] = []) async throws {
        let body = ByteBuffer(string: text)
        let headers = HTTPHeaders([("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", String(body.readableBytes)),
                                   ("X-Content-Type-Options", "nosniff"), ("Connection", "close")] + extra)
        try await outbound.write(.head(HTTPResponseHead(version: head.version, status: status, headers: headers)))
        if head.method != .HEAD { try await outbound.write(.body(body)) }
        try await outbound.write(.end(nil))
    }

    /// A request comes from this server's own page when the browser says where the page came
    /// from (another site cannot use a visitor's browser to open a WebSocket or post).
    static func isSameOrigin(_ head: HTTPRequestHead, host: String) -> Bool {
        guard let origin = head.headers.first(name: "origin") else { return true }
        return origin == "http://\(host)" || origin == "https://\(host)"
    }

    /// A Host header that is a name or address with an optional port, nothing that could
    /// smuggle text into the page's policy header.
    static func isPlausibleHost(_ host: String) -> Bool {
        !host.isEmpty && host.utf8.count <= 255 && host.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", ".", "-", ":", "[", "]": true
            default: false
            }
        }
    }
}
