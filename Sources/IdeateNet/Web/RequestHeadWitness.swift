import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1

/// Reads a connection's request head before NIO's upgrade handler takes it, so the page can
/// answer what the upgrade handler does not pass on: a request that asked for an upgrade which
/// was not made reaches the page as its end only. It also says whether a plain request's head
/// will reach the page, which the response compressor needs to see. It leaves the pipeline
/// after the head (a WebSocket's frames never pass it).
final class RequestHeadWitness: ChannelInboundHandler, RemovableChannelHandler, Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    /// What the head was.
    enum Seen: Sendable {
        /// No upgrade asked for: the page gets the whole request.
        case plainRequest
        /// An upgrade: if it is not made, the page answers with this refusal.
        case upgrade(RefusedUpgrade)
    }

    private let seenHead = NIOLockedValueBox<Seen?>(nil)

    /// What the head was, once it has passed.
    var seen: Seen? { seenHead.withLockedValue { $0 } }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case let .head(head) = unwrapInboundIn(data) {
            let seen: Seen = head.headers["upgrade"].isEmpty ? .plainRequest : .upgrade(RefusedUpgrade(head))
            seenHead.withLockedValue { $0 = seen }
            context.fireChannelRead(data)
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
            return
        }
        context.fireChannelRead(data)
    }
}

/// The answer to an upgrade this server did not make: another version of the protocol (426,
/// naming the one it speaks, RFC 6455 §4.2.2), a handshake without its key (400), another
/// site's page, another path or another protocol (403).
struct RefusedUpgrade: Sendable {
    /// The only version of the WebSocket protocol there is (RFC 6455 §4.1).
    static let webSocketVersion = "13"

    let status: HTTPResponseStatus
    let text: String
    let headers: [(String, String)]

    init(_ head: HTTPRequestHead) {
        let asksForWebSocket = head.headers["upgrade"].contains { $0.lowercased().contains("websocket") }
        if asksForWebSocket, head.headers["sec-websocket-version"] != [Self.webSocketVersion] {
            status = .upgradeRequired
            text = "This server speaks WebSocket version \(Self.webSocketVersion).\n"
            headers = [("Sec-WebSocket-Version", Self.webSocketVersion)]
        } else if asksForWebSocket, head.headers["sec-websocket-key"].count != 1 {
            (status, text, headers) = (.badRequest, "Malformed WebSocket handshake.\n", [])
        } else {
            (status, text, headers) = (.forbidden, PageRequest.notHere, [])
        }
    }
}
