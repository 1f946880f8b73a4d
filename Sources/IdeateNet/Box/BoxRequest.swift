import Foundation
import IdeateCore
import NIOCore
import NIOHTTP1

/// One request to the idea box, read whole (head and a bounded body) and answered: the page,
/// the board, fates by bucket, a new idea, a withdrawal. Every answer closes the connection.
/// A refusal says what to change, in JSON the page shows; an idea is acknowledged only once
/// the box has committed it.
enum BoxRequest {
    typealias Channel = NIOAsyncChannel<HTTPServerRequestPart, HTTPPart<HTTPResponseHead, ByteBuffer>>
    typealias Outbound = NIOAsyncChannelOutboundWriter<HTTPPart<HTTPResponseHead, ByteBuffer>>

    static let busy: String = {
        let text = "Too many people are using the idea box at once; try again in a moment.\n"
        return "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: \(text.utf8.count)\r\n"
            + "Retry-After: 5\r\nConnection: close\r\n\r\n" + text
    }()

    /// What a new idea's request carries.
    struct Submission: Decodable {
        var text: String
        var question: String?
        var proof: String
    }

    /// What a withdrawal carries: the idea's secret, which hashes to its proof.
    struct Withdrawal: Decodable {
        var secret: String
    }

    /// A refusal as the page reads it.
    struct Problem: Encodable {
        var error: String
        var code: String
        var buckets: Int?
    }

    struct Saved: Encodable {
        var id: BacklogIdeaID
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// A connection taken in, with its place in the server's count.
    struct Connection: Sendable {
        let channel: Channel
        let slot: PendingRequests.Slot
    }

    /// Reads one request and answers it; `answering` is told once the request has arrived whole.
    static func answer(_ channel: Channel, box: any IdeaBoxService, pages: WebPages, limits: BoxWebServer.Limits,
                       answering: @Sendable () -> Void = {}) async {
        let room = pages.room
        try? await channel.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var body = ByteBuffer()
            for try await part in inbound {
                switch part {
                case let .head(requestHead):
                    head = requestHead
                    if let length = requestHead.headers.first(name: "content-length").flatMap(Int.init), length > limits.maximumBodyBytes {
                        try await refuse(.payloadTooLarge, Sentence(BoxPhrase.errorTooLarge), code: "tooLarge",
                                         head: requestHead, room: room, to: outbound)
                        return
                    }
                case var .body(chunk):
                    guard body.readableBytes + chunk.readableBytes <= limits.maximumBodyBytes, let requestHead = head else {
                        try await refuse(.payloadTooLarge, Sentence(BoxPhrase.errorTooLarge), code: "tooLarge",
                                         head: head ?? HTTPRequestHead(version: .http1_1, method: .POST, uri: "/"), room: room, to: outbound)
                        return
                    }
                    _ = requestHead
                    body.writeBuffer(&chunk)
                case .end:
                    guard let head else { return }
                    answering()
                    do {
                        try await respond(to: head, body: body, box: box, pages: pages, outbound: outbound)
                    } catch let error as BoxFailure {
                        // The box could not read or write its file: said, not a silent close.
                        try await refuse(.serviceUnavailable, Sentence(BoxPhrase.errorBusy, ["reason": .text(error.reason)]),
                                         code: "unavailable", head: head, room: room, to: outbound)
                    }
                    return
                }
            }
        }
    }

    private static func respond(to head: HTTPRequestHead, body: ByteBuffer, box: any IdeaBoxService, pages: WebPages,
                                outbound: Outbound) async throws {
        let room = pages.room
        guard let host = head.headers.first(name: "host"), PageRequest.isPlausibleHost(host) else {
            try await refuse(.badRequest, Sentence(literal: "Missing or malformed Host header."), code: "badRequest", head: head, room: room, to: outbound)
            return
        }
        let parts = head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = parts.first.map(String.init) ?? ""
        let query = parts.count > 1 ? String(parts[1]) : ""
        switch (head.method, path) {
        case (.GET, "/"), (.HEAD, "/"), (.GET, "/index.html"), (.HEAD, "/index.html"):
            try await PageRequest.sendPage(pages.page(for: head), host: host, head: head, to: outbound)
        case (.GET, "/board"):
            try await sendJSON(try await BoxFailure.wrapping { try await box.board() }, head: head, to: outbound)
        case (.GET, "/fates"):
            guard let (count, buckets) = bucketQuery(query) else {
                try await refuse(.badRequest, Sentence(literal: "Ask with n=<bucket count>&b=<bucket>,<bucket>…"), code: "badRequest", head: head, room: room, to: outbound)
                return
            }
            do {
                try await sendJSON(try await BoxFailure.wrapping { try await box.fates(in: buckets, of: count) }, head: head, to: outbound)
            } catch let refusal as BoxRefusal {
                try await refuse(refusal, head: head, room: room, to: outbound)
            }
        case (.POST, "/ideas"), (.POST, "/withdraw"):
            guard PageRequest.isSameOrigin(head, host: host), head.headers.first(name: "content-type")?.lowercased().hasPrefix("application/json") == true else {
                try await refuse(.forbidden, Sentence(BoxPhrase.errorForbidden), code: "forbidden", head: head, room: room, to: outbound)
                return
            }
            if path == "/ideas" {
                try await submit(body, box: box, head: head, room: room, to: outbound)
            } else {
                try await withdraw(body, box: box, head: head, room: room, to: outbound)
            }
            await box.tidy()
        case (_, "/"), (_, "/index.html"), (_, "/board"), (_, "/fates"), (_, "/ideas"), (_, "/withdraw"):
            try await refuse(.methodNotAllowed, Sentence(literal: "Not with \(head.method.rawValue)."), code: "method", head: head, room: room, to: outbound)
        default:
            try await refuse(.notFound, Sentence(BoxPhrase.errorNotHere), code: "notFound", head: head, room: room, to: outbound)
        }
    }

    private static func submit(_ body: ByteBuffer, box: any IdeaBoxService, head: HTTPRequestHead, room: Language,
                               to outbound: Outbound) async throws {
        guard let request = try? JSONDecoder().decode(Submission.self, from: Data(body.readableBytesView)),
              let proof = OwnershipProof(hex: request.proof) else {
            try await refuse(.badRequest, Sentence(BoxPhrase.errorUnreadable), code: "badRequest",
                             head: head, room: room, to: outbound)
            return
        }
        let submission: BoxSubmission
        do {
            submission = try BoxSubmission(text: request.text, question: request.question, proof: proof)
        } catch {
            try await refuse(.unprocessableEntity, error.sentence, code: "invalidText", head: head, room: room, to: outbound)
            return
        }
        do {
            try await sendJSON(Saved(id: try await box.submit(submission)), head: head, to: outbound)
        } catch let refusal as Refusal {
            try await refuse(.unprocessableEntity, refusal.sentence, code: "invalidText", head: head, room: room, to: outbound)
        } catch {
            try await refuse(.serviceUnavailable, Sentence(BoxPhrase.errorNotSaved), code: "notSaved",
                             head: head, room: room, to: outbound)
        }
    }

    private static func withdraw(_ body: ByteBuffer, box: any IdeaBoxService, head: HTTPRequestHead, room: Language,
                                 to outbound: Outbound) async throws {
        guard let request = try? JSONDecoder().decode(Withdrawal.self, from: Data(body.readableBytesView)),
              (1...128).contains(request.secret.utf8.count) else {
            try await refuse(.badRequest, Sentence(BoxPhrase.errorUnreadable), code: "badRequest", head: head, room: room, to: outbound)
            return
        }
        do {
            try await sendJSON(Saved(id: try await BoxFailure.wrapping { try await box.withdraw(secret: request.secret) }), head: head, to: outbound)
        } catch let refusal as BoxRefusal {
            try await refuse(refusal, head: head, room: room, to: outbound)
        }
    }

    /// `n=12&b=3,7` as the bucket count and the buckets asked for.
    static func bucketQuery(_ query: String) -> (count: Int, buckets: [Int])? {
        var count: Int?
        var buckets: [Int]?
        for pair in query.split(separator: "&") {
            let field = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard field.count == 2 else { return nil }
            switch field[0] {
            case "n": count = Int(field[1])
            case "b":
                let listed = field[1].split(separator: ",", omittingEmptySubsequences: false)
                guard listed.count <= FateBuckets.maximumPerRequest * 2 else { return nil }
                buckets = listed.compactMap { Int($0) }
                if buckets?.count != listed.count { return nil }
            default: return nil
            }
        }
        guard let count, count >= 1, let buckets else { return nil }
        return (count, buckets)
    }

    // MARK: - Writing answers

    private static func sendJSON(_ value: some Encodable, status: HTTPResponseStatus = .ok, head: HTTPRequestHead,
                                 to outbound: Outbound) async throws {
        let body = ByteBuffer(bytes: try encoder.encode(value))
        let headers = HTTPHeaders([
            ("Content-Type", "application/json"), ("Content-Length", String(body.readableBytes)), ("Cache-Control", "no-store"),
            ("Vary", "Accept-Encoding"),
        ] + PageRequest.securityHeaders)
        try await outbound.write(contentsOf: [
            .head(HTTPResponseHead(version: head.version, status: status, headers: headers)), .body(body), .end(nil),
        ])
    }

    private static func refuse(_ refusal: BoxRefusal, head: HTTPRequestHead, room: Language, to outbound: Outbound) async throws {
        switch refusal {
        case let .bucketsChanged(current):
            try await sendJSON(Problem(error: refusal.description, code: "bucketsChanged", buckets: current), status: .conflict, head: head, to: outbound)
        case .tooManyBuckets:
            try await refuse(.badRequest, refusal.sentence, code: "tooManyBuckets", head: head, room: room, to: outbound)
        case .noSuchIdea:
            try await refuse(.notFound, refusal.sentence, code: "noSuchIdea", head: head, room: room, to: outbound)
        case .alreadyReviewed:
            try await refuse(.conflict, refusal.sentence, code: "alreadyReviewed", head: head, room: room, to: outbound)
        case .refused:
            try await refuse(.badRequest, refusal.sentence, code: "refused", head: head, room: room, to: outbound)
        }
    }

    /// A refusal in the language the request asks for (the page sends its own as
    /// `Accept-Language`), else the box's.
    private static func refuse(_ status: HTTPResponseStatus, _ sentence: Sentence, code: String, head: HTTPRequestHead,
                               room: Language, to outbound: Outbound) async throws {
        let said = Localizer(WebPages.language(for: head, room: room))(sentence)
        try await sendJSON(Problem(error: said, code: code), status: status, head: head, to: outbound)
    }
}

/// Any other error from the box's service (its file could not be read or written), carried to
/// the one place that answers it with 503 and the reason.
struct BoxFailure: Error {
    var reason: String

    /// `body`'s value; its refusals as they are, any other error as a ``BoxFailure``.
    static func wrapping<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let refusal as BoxRefusal {
            throw refusal
        } catch {
            throw BoxFailure(reason: "\(error)")
        }
    }
}
