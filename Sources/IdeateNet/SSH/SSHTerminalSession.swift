import IdeateCore
import NIOCore
import NIOSSH
import Synchronization

/// One participant's ssh session with a terminal (a pty was asked for and a shell opened):
/// what the front end needs to run the participant screen in it, and nothing that tells who
/// the person is. The user name is only ever used as the join code and is never logged.
public final class SSHTerminalSession: Sendable {
    /// What the ssh user typed before `@`: the join code, if they followed the lobby's line.
    public let userName: String
    /// The client's `TERM` ("xterm-256color"…), from its pty request.
    public let term: String
    /// Columns and rows when the session opened.
    public let width: Int
    public let height: Int
    /// Whether the client sent `NO_COLOR` (OpenSSH does with `SendEnv NO_COLOR`).
    public let noColor: Bool
    /// The language the client's locale asks for (`LANG`, `LC_ALL`, `LC_MESSAGES`, `LANGUAGE`
    /// as OpenSSH sends them with `SendEnv` or `SetEnv`), if ideate has it; nil for the room's.
    public let language: Language?

    /// The environment variables a session reads its language from.
    static let localeVariables: Set<String> = ["LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"]
    /// The longest locale value kept ("de_DE.UTF-8@euro" is 16 bytes).
    static let maximumLocaleValueBytes = 64

    private let channel: any Channel
    private let outputLimit: Int
    private let unsent = Atomic<Int>(0)
    private let ended = Atomic<Bool>(false)

    init(userName: String, term: String, width: Int, height: Int, noColor: Bool, language: Language?, channel: any Channel,
         outputLimit: Int) {
        self.userName = userName
        self.term = term
        self.width = width
        self.height = height
        self.noColor = noColor
        self.language = language
        self.channel = channel
        self.outputLimit = outputLimit
    }

    /// Sends `bytes` to the participant's terminal. A client that leaves more than the output
    /// limit unread is cut off: its screen cannot keep up, and the server will not hold it.
    public func write(_ bytes: [UInt8]) {
        guard !bytes.isEmpty, !ended.load(ordering: .relaxed) else { return }
        let waiting = unsent.add(bytes.count, ordering: .relaxed).newValue
        guard waiting <= outputLimit else {
            channel.close(promise: nil)
            return
        }
        let channel = channel
        channel.eventLoop.execute { [self] in
            var buffer = channel.allocator.buffer(capacity: bytes.count)
            buffer.writeBytes(bytes)
            let promise = channel.eventLoop.makePromise(of: Void.self)
            promise.futureResult.whenComplete { _ in self.unsent.subtract(bytes.count, ordering: .relaxed) }
            channel.writeAndFlush(SSHChannelData(type: .channel, data: .byteBuffer(buffer)), promise: promise)
        }
    }

    /// Ends the session cleanly: exit status 0, then the channel closes (after what was written).
    public func exit() {
        guard !ended.exchange(true, ordering: .relaxed) else { return }
        let channel = channel
        channel.eventLoop.execute {
            channel.triggerUserOutboundEvent(SSHChannelRequestEvent.ExitStatus(exitStatus: 0)).whenComplete { _ in
                channel.close(promise: nil)
            }
        }
    }
}

/// Where a session's input goes, and its screen: the front end hands these back when a session
/// opens, and the server runs the screen as one of its own child tasks until it ends.
public struct SSHSessionInput: Sendable {
    /// Bytes the participant typed.
    public var received: @Sendable ([UInt8]) -> Void
    /// The participant's window changed (columns, rows).
    public var resized: @Sendable (Int, Int) -> Void
    /// The connection is gone (or the server is stopping): end the screen.
    public var closed: @Sendable () -> Void
    /// The session's screen, from its first frame until the participant leaves or the session
    /// closes (``closed``); the server waits for it when it stops.
    public var screen: @Sendable () async -> Void

    public init(received: @escaping @Sendable ([UInt8]) -> Void, resized: @escaping @Sendable (Int, Int) -> Void,
                closed: @escaping @Sendable () -> Void, screen: @escaping @Sendable () async -> Void) {
        self.received = received
        self.resized = resized
        self.closed = closed
        self.screen = screen
    }
}
