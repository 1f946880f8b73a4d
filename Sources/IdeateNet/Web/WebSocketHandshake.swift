import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOWebSocket

/// NIO's WebSocket upgrader with RFC 6455 §4.2.2's answer to a version it does not speak: the
/// handshake fails with ``UnsupportedVersion``, which the page answers 426 Upgrade Required
/// naming version 13 (NIO's upgrader alone cannot tell it from a malformed request).
struct WebSocketVersionCheck<UpgradeResult: Sendable>: NIOTypedHTTPServerProtocolUpgrader {
    /// The only version of the protocol there is (RFC 6455 §4.1).
    static var supportedVersion: String { "13" }

    /// The browser asked for a version other than ``supportedVersion``.
    struct UnsupportedVersion: UnsupportedWebSocketVersion {
        static var supportedVersion: String { WebSocketVersionCheck.supportedVersion }
    }

    let upgrader: NIOTypedWebSocketServerUpgrader<UpgradeResult>

    var supportedProtocol: String { upgrader.supportedProtocol }
    var requiredUpgradeHeaders: [String] { upgrader.requiredUpgradeHeaders }

    func buildUpgradeResponse(channel: any Channel, upgradeRequest: HTTPRequestHead,
                              initialResponseHeaders: HTTPHeaders) -> EventLoopFuture<HTTPHeaders> {
        let versions = upgradeRequest.headers["Sec-WebSocket-Version"]
        guard versions.isEmpty || versions == [Self.supportedVersion] else {
            return channel.eventLoop.makeFailedFuture(UnsupportedVersion())
        }
        return upgrader.buildUpgradeResponse(channel: channel, upgradeRequest: upgradeRequest, initialResponseHeaders: initialResponseHeaders)
    }

    func upgrade(channel: any Channel, upgradeRequest: HTTPRequestHead) -> EventLoopFuture<UpgradeResult> {
        upgrader.upgrade(channel: channel, upgradeRequest: upgradeRequest)
    }
}

/// Why a request that asked to upgrade was not upgraded, as its HTTP answer: another version
/// of the protocol (426, naming the one this server speaks, RFC 6455 §4.2.2), a malformed
/// handshake (400), another site's page or another path (403).
struct RefusedUpgrade: Sendable {
    let status: HTTPResponseStatus
    let text: String
    let headers: [(String, String)]

    init(_ error: any Error) {
        switch error {
        case let version as any UnsupportedWebSocketVersion:
            status = .upgradeRequired
            text = "This server speaks WebSocket version \(type(of: version).supportedVersion).\n"
            headers = [("Sec-WebSocket-Version", type(of: version).supportedVersion)]
        case let upgrade as NIOWebSocketUpgradeError where upgrade == .invalidUpgradeHeader:
            (status, text, headers) = (.badRequest, "Malformed WebSocket handshake.\n", [])
        default:
            (status, text, headers) = (.forbidden, PageRequest.notHere, [])
        }
    }
}

/// Keeps the reason NIO's upgrade handler gave for not upgrading (it reports it as an error
/// before handing the connection to the page), so the page can answer with it.
final class UpgradeRefusalRecorder: ChannelInboundHandler, Sendable {
    typealias InboundIn = HTTPServerRequestPart
    private let recorded = NIOLockedValueBox<RefusedUpgrade?>(nil)

    /// The refusal, once the upgrade handler has given one.
    var refusal: RefusedUpgrade? { recorded.withLockedValue { $0 } }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard error is any UnsupportedWebSocketVersion || error is NIOWebSocketUpgradeError else {
            context.fireErrorCaught(error)
            return
        }
        recorded.withLockedValue { $0 = RefusedUpgrade(error) }
    }
}

/// A handshake refused for its version, whatever the upgrade's result type.
protocol UnsupportedWebSocketVersion: Error {
    static var supportedVersion: String { get }
}
