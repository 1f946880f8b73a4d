import NIOCore
import NIOWebSocket

/// Lets the participant protocol's lines run over a WebSocket, so a phone's page is served by
/// the same per-connection code as a TCP client (``WireConnection``, its bounds and its
/// deadlines): each text message in is one line, each line out one text frame. It sits behind
/// NIO's frame aggregator and the ``WebSocketProtocolGuard``, which has already answered control
/// frames; what this protocol cannot read fails the connection through the guard: a text message
/// that is not UTF-8 (1007), binary data (1003), a message in broken fragments (1002) or past the
/// size limit (1009).
final class WebSocketLineAdapter: ChannelDuplexHandler {
    typealias InboundIn = WebSocketFrame
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = WebSocketFrame

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        guard frame.opcode == .text else {
            fail(context: context, code: .unsupportedData)
            return
        }
        let line = frame.unmaskedData
        guard String(validating: line.readableBytesView, as: UTF8.self) != nil else {
            fail(context: context, code: .invalidData)
            return
        }
        context.fireChannelRead(wrapInboundOut(line))
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let aggregation = error as? NIOWebSocketFrameAggregator.Error else {
            context.fireErrorCaught(error)
            return
        }
        switch aggregation {
        case .tooManyFragments, .accumulatedFrameSizeIsTooLarge:
            fail(context: context, code: .messageTooLarge)
        default:
            fail(context: context, code: .protocolError)
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let buffer = unwrapOutboundIn(data)
        let lines = buffer.readableBytesView.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
        guard !lines.isEmpty else {
            // Nothing to say: an empty ping keeps the promise in order with earlier writes.
            context.write(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .ping, data: ByteBuffer())), promise: promise)
            return
        }
        for (index, line) in lines.enumerated() {
            let frame = WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer(bytes: line))
            context.write(wrapOutboundOut(frame), promise: index == lines.count - 1 ? promise : nil)
        }
    }

    private func fail(context: ChannelHandlerContext, code: WebSocketCloseCode) {
        context.triggerUserOutboundEvent(WebSocketFailure(code: code), promise: nil)
    }
}
