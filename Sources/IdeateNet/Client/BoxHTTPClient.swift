import Foundation
import IdeateCore
import NIOCore
import NIOHTTP1
import NIOPosix

/// The idea box over HTTP, as `ideate join http://ideas.example.lan:7423/` reaches it: the same
/// requests as the box page (``IdeaBoxService`` on the far side of `BoxWebServer`), one per
/// connection, each bounded in time and in the size of its answer. It sends what the page sends
/// and nothing more: no cookie, no user agent, no name.
public struct BoxHTTPClient: IdeaBoxService {
    /// Why a request got no answer from the box (a refusal it gave is a ``BoxRefusal``).
    public struct Failure: ExplainedError, Equatable, CustomStringConvertible {
        public let reason: String

        init(_ reason: String) { self.reason = reason }

        public var sentence: Sentence { Sentence(BoxPhrase.unreachableKept, ["reason": .text(reason)]) }

        public var description: String { sentence.description }
    }

    /// The most an answer may hold: a board and a page of fates are far smaller.
    public static let maximumAnswerBytes = 2 * 1024 * 1024
    /// How long one request may take from connecting to the last byte.
    public static let deadline = TimeAmount.seconds(10)

    public let host: String
    public let port: Int
    private let group: any EventLoopGroup

    /// - Returns: nil for an address this client cannot reach (only `http://` for now).
    public init?(address: IdeaBoxAddress, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        guard address.text.hasPrefix("http://") else { return nil }
        let authority = address.text.dropFirst("http://".count).prefix { $0 != "/" }
        let parts = authority.split(separator: ":", omittingEmptySubsequences: false)
        guard let name = parts.first, !name.isEmpty, parts.count <= 2 else { return nil }
        host = String(name)
        port = parts.count == 2 ? Int(parts[1]) ?? -1 : 80
        guard (1...65_535).contains(port) else { return nil }
        self.group = group
    }

    public func submit(_ submission: BoxSubmission) async throws -> BacklogIdeaID {
        var body: [String: String] = ["text": submission.text, "proof": submission.proof.hex]
        if let question = submission.question { body["question"] = question }
        let answer = try await exchange(.POST, "/ideas", body: body)
        return try Self.number(in: answer)
    }

    public func fates(in buckets: [Int], of count: Int) async throws -> BucketFates {
        let answer = try await exchange(.GET, "/fates?n=\(count)&b=\(buckets.map(String.init).joined(separator: ","))")
        if answer.status == .conflict, let current = (try? JSONDecoder().decode([String: Int].self, from: answer.body))?["buckets"] {
            throw BoxRefusal.bucketsChanged(current: current)
        }
        return try Self.decoded(BucketFates.self, from: answer)
    }

    public func board() async throws -> BoxBoard {
        try Self.decoded(BoxBoard.self, from: try await exchange(.GET, "/board"))
    }

    public func withdraw(secret: String) async throws -> BacklogIdeaID {
        let answer = try await exchange(.POST, "/withdraw", body: ["secret": secret])
        if answer.status == .notFound { throw BoxRefusal.noSuchIdea }
        return try Self.number(in: answer)
    }

    public func tidy() async {}

    // MARK: - One exchange

    struct Answer {
        var status: HTTPResponseStatus
        var body: Data
    }

    private static func number(in answer: Answer) throws -> BacklogIdeaID {
        guard let text = try decoded([String: String].self, from: answer)["id"], let id = BacklogIdeaID(text) else {
            throw Failure("an answer without a number")
        }
        return id
    }

    private static func decoded<Value: Decodable>(_ type: Value.Type, from answer: Answer) throws -> Value {
        guard answer.status == .ok else {
            let reason = (try? JSONDecoder().decode([String: String].self, from: answer.body))?["error"]
            if answer.status.code >= 400, answer.status.code < 500 { throw BoxRefusal.refused(reason ?? "The box refused this (\(answer.status.code)).") }
            throw Failure(reason ?? "HTTP \(answer.status.code)")
        }
        do {
            return try JSONDecoder().decode(type, from: answer.body)
        } catch {
            throw Failure("an answer it could not read")
        }
    }

    func exchange(_ method: HTTPMethod, _ path: String, body: [String: String]? = nil) async throws -> Answer {
        let payload = try body.map { try JSONEncoder().encode($0) }
        let channel: NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>
        do {
            channel = try await ClientBootstrap(group: group)
                .connectTimeout(Self.deadline)
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw Failure("\(host):\(port): \(error)")
        }
        // The whole exchange within the deadline: a box that stops answering is given up on.
        let timeout = channel.channel.eventLoop.scheduleTask(in: Self.deadline) { channel.channel.close(promise: nil) }
        defer { timeout.cancel() }
        do {
            return try await channel.executeThenClose { inbound, outbound in
                var head = HTTPRequestHead(version: .http1_1, method: method, uri: path)
                head.headers.add(name: "Host", value: "\(host):\(port)")
                head.headers.add(name: "Connection", value: "close")
                if let payload {
                    head.headers.add(name: "Content-Type", value: "application/json")
                    head.headers.add(name: "Content-Length", value: String(payload.count))
                }
                try await outbound.write(.head(head))
                if let payload { try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: payload)))) }
                try await outbound.write(.end(nil))
                var status: HTTPResponseStatus?
                var received = Data()
                for try await part in inbound {
                    switch part {
                    case let .head(response): status = response.status
                    case var .body(chunk):
                        guard received.count + chunk.readableBytes <= Self.maximumAnswerBytes else {
                            throw Failure("an answer over \(Self.maximumAnswerBytes / 1024 / 1024) MB")
                        }
                        received.append(contentsOf: chunk.readBytes(length: chunk.readableBytes) ?? [])
                    case .end:
                        guard let status else { throw Failure("an answer without a status") }
                        return Answer(status: status, body: received)
                    }
                }
                throw Failure("the connection closed before the answer ended")
            }
        } catch let failure as Failure {
            throw failure
        } catch let refusal as BoxRefusal {
            throw refusal
        } catch {
            throw Failure("\(error)")
        }
    }
}
