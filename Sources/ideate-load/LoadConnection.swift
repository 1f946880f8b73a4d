import Foundation
import IdeateNet
import IdeateProtocol
import IdeateRuntime
import NIOCore
import NIOPosix

/// One simulated participant on its own TCP connection, as cheap for the driver as it can be:
/// its ideas go out from the connection's event loop, each as soon as the previous one's
/// acknowledgement has been read (or at the paced rate), with no task, actor or stream on the
/// way. The server sees exactly what a ``ParticipantClient`` sends: hello, then one request at
/// a time, each waiting for its answer (which the server gives only after the commit).
final class LoadConnection: Sendable {
    let channel: any Channel
    /// Everything but the answers to the ideas: views, and the answers to votes.
    let laterMessages: AsyncStream<ServerMessage>
    private let ideasDone: EventLoopFuture<ParticipantTally>

    private init(channel: any Channel, laterMessages: AsyncStream<ServerMessage>, ideasDone: EventLoopFuture<ParticipantTally>) {
        self.channel = channel
        self.laterMessages = laterMessages
        self.ideasDone = ideasDone
    }

    /// Connects and joins with `code` (trying again when the server asks to wait, as the client
    /// does); nil if it could not join.
    static func join(host: String, port: Int, code: String, texts: [String], rate: Double?,
                     group: MultiThreadedEventLoopGroup) async -> LoadConnection? {
        var delay: Duration = .milliseconds(200)
        for _ in 0..<10 {
            let loop = group.next()
            let joined = loop.makePromise(of: Void.self)
            let ideasDone = loop.makePromise(of: ParticipantTally.self)
            let (later, continuation) = AsyncStream<ServerMessage>.makeStream(bufferingPolicy: .bufferingNewest(8))
            do {
                let channel = try await ClientBootstrap(group: loop)
                    .channelOption(.socketOption(.tcp_nodelay), value: 1)
                    .connectTimeout(.seconds(3))
                    .channelInitializer { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHandler(LoadHandler(
                                code: code, texts: texts, rate: rate, joined: joined, ideasDone: ideasDone, later: continuation))
                        }
                    }
                    .connect(host: host, port: port).get()
                do {
                    try await joined.futureResult.get()
                    return LoadConnection(channel: channel, laterMessages: later, ideasDone: ideasDone.futureResult)
                } catch let problem as WireError {
                    try? await channel.close()
                    if let seconds = problem.retryAfterSeconds { delay = .seconds(seconds) } else { return nil }
                }
            } catch {
                joined.fail(error)
                ideasDone.fail(error)
            }
            try? await SystemClock().sleep(for: delay)
            delay = min(delay * 2, .seconds(3))
        }
        return nil
    }

    /// Sends the ideas one after the other, each once the previous one is acknowledged.
    func sendIdeas() async -> ParticipantTally {
        channel.pipeline.fireUserInboundEventTriggered(LoadHandler.Start())
        return (try? await ideasDone.get()) ?? ParticipantTally()
    }

    func write(_ message: ClientMessage) {
        channel.writeAndFlush(ByteBuffer(bytes: message.encodedLine()), promise: nil)
    }

    func close() {
        channel.close(promise: nil)
    }
}

/// The event loop's side of a ``LoadConnection``.
private final class LoadHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    struct Start: Sendable {}

    private let code: String
    private let texts: [String]
    private let rate: Double?
    private let joined: EventLoopPromise<Void>
    private let ideasDone: EventLoopPromise<ParticipantTally>
    private let later: AsyncStream<ServerMessage>.Continuation
    private var received: ByteBuffer?
    private var tally = ParticipantTally()
    private var seen: [String: String] = [:]
    private var next = 0
    /// The idea waiting for its acknowledgement: request id, text, when it was sent.
    private var waiting: (id: String, text: String, sentAt: NIODeadline)?
    private var finished = false

    init(code: String, texts: [String], rate: Double?, joined: EventLoopPromise<Void>,
         ideasDone: EventLoopPromise<ParticipantTally>, later: AsyncStream<ServerMessage>.Continuation) {
        self.code = code
        self.texts = texts
        self.rate = rate
        self.joined = joined
        self.ideasDone = ideasDone
        self.later = later
        tally.latencies.reserveCapacity(texts.count)
    }

    func channelActive(context: ChannelHandlerContext) {
        write(.hello(version: WireProtocol.version, code: code, token: nil), context: context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        if received == nil {
            received = buffer
        } else {
            received!.writeBuffer(&buffer)
        }
        while let newline = received!.readableBytesView.firstIndex(of: 0x0A) {
            let bytes = received!.readBytes(length: newline - received!.readerIndex)!
            received!.moveReaderIndex(forwardBy: 1)
            if let message = ServerMessage.decodeLine(bytes) { handle(message, context: context) }
        }
        if received!.readableBytes == 0 { received = nil } else { received!.discardReadBytes() }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is Start else { return context.fireUserInboundEventTriggered(event) }
        sendNextIdea(context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        joined.fail(WireError(.notSaved, "connection closed"))
        if !finished {
            tally.lost += texts.count - next + (waiting == nil ? 0 : 1)
            finish()
        }
        later.finish()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func handle(_ message: ServerMessage, context: ChannelHandlerContext) {
        switch message {
        case .welcome:
            joined.succeed()
        case let .error(problem):
            joined.fail(problem)
            later.yield(message)
        case let .reply(reply) where reply.id == waiting?.id:
            let (_, text, sentAt) = waiting!
            waiting = nil
            tally.latencies.append(Double((NIODeadline.now() - sentAt).nanoseconds) / 1e6)
            if case let .saved(idea?, _, _) = reply.outcome {
                tally.acknowledged += 1
                if let other = seen[idea], other != text { tally.duplicated += 1 }
                seen[idea] = text
            } else {
                tally.lost += 1
            }
            if let rate, rate > 0 {
                let wait = 1 / rate - Double((NIODeadline.now() - sentAt).nanoseconds) / 1e9
                if wait > 0 {
                    let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
                    let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
                    context.eventLoop.scheduleTask(in: .nanoseconds(Int64(wait * 1e9))) {
                        handler.value.sendNextIdea(context: bound.value)
                    }
                    return
                }
            }
            sendNextIdea(context: context)
        default:
            later.yield(message)
        }
    }

    private func sendNextIdea(context: ChannelHandlerContext) {
        guard !finished else { return }
        guard next < texts.count else { return finish() }
        let id = "i\(next)"
        waiting = (id, texts[next], .now())
        next += 1
        write(.request(id: id, .submit(text: texts[next - 1])), context: context)
    }

    private func finish() {
        finished = true
        tally.ideasDoneAt = Date()
        ideasDone.succeed(tally)
    }

    private func write(_ message: ClientMessage, context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: message.encodedLine())), promise: nil)
    }
}
