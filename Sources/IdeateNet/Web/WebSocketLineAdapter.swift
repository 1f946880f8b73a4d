import NIOCore
import NIOWebSocket

/// Lets the participant protocol's lines run over a WebSocket, so a phone's page is served by
/// the same per-connection code as a TCP client (``WireConnection``, its bounds and its
/// deadlines): each text frame in is one line, each line out one text frame. Pings are
/// answered, a close is returned, binary data ends the connection.
final class WebSocketLineAdapter: ChannelDuplexHandler {
    typealias InboundIn = WebSocketFrame
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = WebSocketFrame

    private var closeSent = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .text:
            context.fireChannelRead(wrapInboundOut(frame.unmaskedData))
        case .ping:
            context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .pong, data: frame.unmaskedData)), promise: nil)
        case .pong:
            break
        case .connectionClose:
            var data = frame.unmaskedData
            let code = data.readSlice(length: 2) ?? ByteBuffer()
            sendClose(context: context, code: code)
        default:
            // Binary or stray continuation frames: the protocol is text only.
            var code = ByteBuffer()
            code.write(webSocketErrorCode: .unacceptableData)
            sendClose(context: context, code: code)
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

    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        if mode == .all, !closeSent, context.channel.isActive {
            closeSent = true
            var code = ByteBuffer()
            code.write(webSocketErrorCode: .normalClosure)
            context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .connectionClose, data: code)), promise: nil)
        }
        context.close(mode: mode, promise: promise)
    }

    private func sendClose(context: ChannelHandlerContext, code: ByteBuffer) {
        guard !closeSent else {
            context.close(promise: nil)
            return
        }
        closeSent = true
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .connectionClose, data: code)), promise: written)
        let channel = context.channel
        written.futureResult.whenComplete { _ in channel.close(promise: nil) }
    }
}
