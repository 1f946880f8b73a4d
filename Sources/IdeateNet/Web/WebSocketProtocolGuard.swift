import NIOCore
import NIOWebSocket

/// RFC 6455's rules for the server side of a WebSocket, in one place, between NIO's frame
/// decoder and its frame aggregator: every frame from the browser is checked (§5.1 masked, §5.2
/// no reserved bits or opcodes, §5.5 control frames and close codes), pings are answered, and a
/// connection that breaks a rule is failed with the close code §7.4.1 names. Whoever closes
/// first, the closing handshake is completed (§5.5.1, §7.1): a close from the browser is
/// echoed and the TCP connection closed; a close this server starts (a broken rule, a
/// ``WebSocketFailure`` from a handler behind it, or the connection being closed) waits for
/// the browser's close, up to a deadline, discarding anything else that still arrives.
final class WebSocketProtocolGuard: ChannelDuplexHandler {
    typealias InboundIn = WebSocketFrame
    typealias InboundOut = WebSocketFrame
    typealias OutboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    private enum State {
        case open
        /// This server sent its close; the browser's is awaited until the deadline.
        case closing(deadline: Scheduled<Void>)
        case closed
    }

    private let closingDeadline: TimeAmount
    private var state = State.open

    /// A guard that gives the browser `closingDeadline` to answer a close this server sends.
    init(closingDeadline: TimeAmount) {
        self.closingDeadline = closingDeadline
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch state {
        case .closed:
            return
        case let .closing(deadline):
            // After its close, this server reads only the browser's close (§5.5.1).
            if frame.opcode == .connectionClose {
                deadline.cancel()
                closeConnection(context: context)
            }
            return
        case .open:
            break
        }
        if let violation = Self.violation(in: frame) {
            fail(context: context, code: violation)
            return
        }
        switch frame.opcode {
        case .ping:
            context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .pong, data: frame.unmaskedData)), promise: nil)
        case .pong:
            break
        case .connectionClose:
            answerClose(frame, context: context)
        default:
            context.fireChannelRead(data)
        }
    }

    /// Failures that surface from the frame decoder (frames too long, control frames fragmented
    /// or longer than 125 bytes) fail the connection with their code; the decoder reads nothing
    /// after one, so the TCP connection is closed as soon as the close frame is written.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let decoding = error as? NIOWebSocketError else {
            context.fireErrorCaught(error)
            return
        }
        let code: WebSocketCloseCode = decoding == .invalidFrameLength ? .messageTooLarge : .protocolError
        guard case .open = state else { return closeConnection(context: context) }
        state = .closed
        context.writeAndFlush(wrapOutboundOut(Self.closeFrame(code: code)), promise: nil)
        closeConnection(context: context)
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard let failure = event as? WebSocketFailure else {
            context.triggerUserOutboundEvent(event, promise: promise)
            return
        }
        fail(context: context, code: failure.code)
        promise?.succeed(())
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .open = state else {
            // No data after a close (§5.5.1).
            promise?.fail(ChannelError.outputClosed)
            return
        }
        context.write(data, promise: promise)
    }

    /// A close of the whole channel from above starts the closing handshake with 1000 (or
    /// joins the one under way) and completes once the TCP connection is closed.
    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        guard mode == .all, context.channel.isActive else {
            context.close(mode: mode, promise: promise)
            return
        }
        switch state {
        case .open:
            fail(context: context, code: .normalClosure)
            context.channel.closeFuture.cascade(to: promise)
        case .closing:
            context.channel.closeFuture.cascade(to: promise)
        case .closed:
            context.close(mode: mode, promise: promise)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        if case let .closing(deadline) = state { deadline.cancel() }
        state = .closed
    }

    // MARK: - The rules

    /// The code a frame from the browser must be failed with, or nil when it may be read.
    static func violation(in frame: WebSocketFrame) -> WebSocketCloseCode? {
        // §5.1: every frame from a client is masked.
        guard frame.maskKey != nil else { return .protocolError }
        // §5.2: no extension was negotiated, so no reserved bit may be set.
        guard !frame.rsv1, !frame.rsv2, !frame.rsv3 else { return .protocolError }
        switch frame.opcode {
        case .continuation, .text, .binary, .ping, .pong:
            return nil
        case .connectionClose:
            return closeViolation(in: frame.unmaskedData)
        default:
            // §5.2: opcodes 0x3–0x7 and 0xB–0xF are reserved.
            return .protocolError
        }
    }

    /// §5.5.1 and §7.4: a close body is empty, or a code a client may send and a UTF-8 reason.
    private static func closeViolation(in body: ByteBuffer) -> WebSocketCloseCode? {
        var body = body
        guard body.readableBytes > 0 else { return nil }
        guard let code = body.readInteger(as: UInt16.self) else { return .protocolError }
        guard WebSocketCloseCode.isSendable(code) else { return .protocolError }
        guard String(validating: body.readableBytesView, as: UTF8.self) != nil else { return .invalidData }
        return nil
    }

    /// A valid close from the browser: echo its code (§5.5.1) and close the TCP connection,
    /// which the server does first (§7.1.1).
    private func answerClose(_ frame: WebSocketFrame, context: ChannelHandlerContext) {
        var body = frame.unmaskedData
        let answer = body.readInteger(as: UInt16.self).map { WebSocketCloseCode(rawValue: $0) }
        state = .closed
        let reply = answer.map(Self.closeFrame(code:)) ?? WebSocketFrame(fin: true, opcode: .connectionClose, data: ByteBuffer())
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(reply)).whenComplete { _ in channel.close(promise: nil) }
    }

    /// Sends this server's close with `code` and waits for the browser's.
    private func fail(context: ChannelHandlerContext, code: WebSocketCloseCode) {
        guard case .open = state else { return }
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        let deadline = context.eventLoop.scheduleTask(in: closingDeadline) { bound.value.0.closeConnection(context: bound.value.1) }
        state = .closing(deadline: deadline)
        context.writeAndFlush(wrapOutboundOut(Self.closeFrame(code: code)), promise: nil)
    }

    private func closeConnection(context: ChannelHandlerContext) {
        state = .closed
        context.close(promise: nil)
    }

    private static func closeFrame(code: WebSocketCloseCode) -> WebSocketFrame {
        var body = ByteBuffer()
        body.writeInteger(code.rawValue)
        return WebSocketFrame(fin: true, opcode: .connectionClose, data: body)
    }
}

/// Asks the ``WebSocketProtocolGuard`` in front of a handler to fail the connection with a
/// close code (sent as an outbound user event, so handlers behind the guard can fail it too).
struct WebSocketFailure {
    let code: WebSocketCloseCode
}

/// The close codes of RFC 6455 §7.4 this server sends or checks, as numbers on the wire.
struct WebSocketCloseCode: Equatable {
    let rawValue: UInt16

    static let normalClosure = Self(rawValue: 1000)
    static let protocolError = Self(rawValue: 1002)
    static let unsupportedData = Self(rawValue: 1003)
    static let invalidData = Self(rawValue: 1007)
    static let messageTooLarge = Self(rawValue: 1009)

    /// Whether a peer may put `code` in a close frame: the codes §7.4.1 defines for the wire
    /// (and those IANA registered since: 1012–1014), or one for libraries and applications
    /// (3000–4999). 1004–1006 and 1015 are reserved and never sent.
    static func isSendable(_ code: UInt16) -> Bool {
        switch code {
        case 1000...1003, 1007...1014, 3000...4999: true
        default: false
        }
    }
}
