import Foundation
import IdeateCore
import NIOCore
import NIOSSH

/// One ssh session channel: it answers the pty, environment, shell and window-change requests,
/// opens the participant's screen when a shell starts with a pty, and passes typed bytes to it
/// within the typing budget. Runs on the connection's event loop.
final class SSHSessionHandler: ChannelDuplexHandler {
    typealias InboundIn = SSHChannelData
    typealias InboundOut = Never
    typealias OutboundIn = SSHChannelData
    typealias OutboundOut = SSHChannelData

    private let connection: SSHConnectionContext
    private let limits: SSHServer.Limits
    private let registry: SSHSessionRegistry
    private let onSession: SSHServer.SessionStarter
    private let startScreen: @Sendable (@escaping @Sendable () async -> Void) -> Void
    private var pty: SSHChannelRequestEvent.PseudoTerminalRequest?
    private var noColor = false
    /// The locale variables the client sent (only these four names, each value bounded).
    private var locale: [String: String] = [:]
    private var input: SSHSessionInput?
    private var lastInput = NIODeadline.now()
    private var budget: Double
    private var budgetUpdated = NIODeadline.now()
    private var flooded = 0
    /// Fires at the idle deadline (the last input plus the idle timeout); input in between only
    /// moves the deadline, which the timer finds when it fires and sets itself again.
    private var idleTimer: Scheduled<Void>?

    init(connection: SSHConnectionContext, limits: SSHServer.Limits, registry: SSHSessionRegistry, onSession: @escaping SSHServer.SessionStarter,
         startScreen: @escaping @Sendable (@escaping @Sendable () async -> Void) -> Void) {
        self.startScreen = startScreen
        self.connection = connection
        self.limits = limits
        self.registry = registry
        self.onSession = onSession
        budget = Double(limits.inputBurstBytes)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        idleTimer?.cancel()
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let input = registry.closed(context.channel) { input.closed() }
        input = nil
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case let request as SSHChannelRequestEvent.PseudoTerminalRequest:
            pty = request
            answer(request.wantReply, ok: true, context: context)
        case let request as SSHChannelRequestEvent.EnvironmentRequest:
            if request.name == "NO_COLOR", !request.value.isEmpty { noColor = true }
            if SSHTerminalSession.localeVariables.contains(request.name), request.value.utf8.count <= SSHTerminalSession.maximumLocaleValueBytes {
                locale[request.name] = request.value
            }
            answer(request.wantReply, ok: true, context: context)
        case let request as SSHChannelRequestEvent.ShellRequest:
            answer(request.wantReply, ok: true, context: context)
            openScreen(context: context)
        case let request as SSHChannelRequestEvent.ExecRequest:
            answer(request.wantReply, ok: true, context: context)
            explainAndClose(context: context)
        case let request as SSHChannelRequestEvent.WindowChangeRequest:
            input?.resized(max(1, request.terminalCharacterWidth), max(1, request.terminalRowHeight))
        case let request as SSHChannelRequestEvent.SubsystemRequest:
            answer(request.wantReply, ok: false, context: context)
        case is ChannelEvent where (event as? ChannelEvent) == .inputClosed:
            context.close(promise: nil)
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let message = unwrapInboundIn(data)
        guard case .channel = message.type, case let .byteBuffer(buffer) = message.data, let input else { return }
        let now = NIODeadline.now()
        lastInput = now
        let elapsed = Double((now - budgetUpdated).nanoseconds) / 1_000_000_000
        budgetUpdated = now
        budget = min(Double(limits.inputBurstBytes), budget + elapsed * Double(limits.inputBytesPerSecond))
        guard Double(buffer.readableBytes) <= budget else {
            // Typing faster than any person: dropped, and a session that keeps at it is closed.
            flooded += buffer.readableBytes
            if flooded > limits.floodBytesBeforeClosing { context.close(promise: nil) }
            return
        }
        budget -= Double(buffer.readableBytes)
        input.received(Array(buffer.readableBytesView))
    }

    private func answer(_ wantReply: Bool, ok: Bool, context: ChannelHandlerContext) {
        guard wantReply else { return }
        if ok {
            context.triggerUserOutboundEvent(ChannelSuccessEvent(), promise: nil)
        } else {
            context.triggerUserOutboundEvent(ChannelFailureEvent(), promise: nil)
        }
    }

    private func openScreen(context: ChannelHandlerContext) {
        guard input == nil else { return }
        guard let pty else {
            explainAndClose(context: context)
            return
        }
        connection.shellOpened = true
        let session = SSHTerminalSession(
            userName: connection.userName, term: pty.term,
            width: max(1, pty.terminalCharacterWidth), height: max(1, pty.terminalRowHeight),
            noColor: noColor, language: Language.fromEnvironment(locale), channel: context.channel, outputLimit: limits.outputBacklogBytes)
        let input = onSession(session)
        startScreen(input.screen)
        self.input = input
        registry.opened(input, for: context.channel)
        lastInput = .now()
        armIdleTimer(on: context.eventLoop, channel: context.channel)
    }

    /// Closes the session at the idle deadline, or, if input came since, waits for the new one.
    private func armIdleTimer(on eventLoop: any EventLoop, channel: any Channel) {
        let loopBound = NIOLoopBound(self, eventLoop: eventLoop)
        idleTimer = eventLoop.scheduleTask(deadline: lastInput + limits.idleTimeout) {
            let handler = loopBound.value
            if NIODeadline.now() - handler.lastInput >= handler.limits.idleTimeout {
                channel.close(promise: nil)
            } else {
                handler.armIdleTimer(on: eventLoop, channel: channel)
            }
        }
    }

    /// A session without a terminal (`ssh host command`, or no pty): how to connect instead.
    private func explainAndClose(context: ChannelHandlerContext) {
        connection.shellOpened = true
        let port = context.channel.parent?.localAddress?.port ?? 7422
        let text = "ideate: this is a workshop's participant screen; it needs a terminal.\r\n"
            + "Connect with: ssh -t -p \(port) CODE@HOST (the line on the shared screen).\r\n"
        var buffer = context.channel.allocator.buffer(capacity: text.utf8.count)
        buffer.writeString(text)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(SSHChannelData(type: .channel, data: .byteBuffer(buffer))), promise: nil)
        context.triggerUserOutboundEvent(SSHChannelRequestEvent.ExitStatus(exitStatus: 1)).whenComplete { _ in
            channel.close(promise: nil)
        }
    }
}
