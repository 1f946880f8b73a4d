import Foundation
import IdeateCore

/// What went wrong, for programs: clients act on the code and show the sentence beside it,
/// so no client ever matches English text.
public enum WireErrorCode: String, Codable, Sendable, CaseIterable {
    // The connection and joining.
    /// The line is not a participant message (its reason is in the sentence).
    case badMessage
    /// A command before a successful hello.
    case helloFirst
    /// A second hello on a connection that has joined.
    case alreadyJoined
    /// The client speaks another protocol version.
    case version
    /// A line longer than ``WireProtocol/maximumFrameBytes``.
    case tooLarge
    /// The join code is wrong; the participant may type it again.
    case wrongCode
    /// Too many wrong codes on this connection: it is closed.
    case tooManyTries
    /// Too many people joining at once (an error: wait `retryAfter`), or ideas sent too fast
    /// (a refused request).
    case rateLimited
    /// The facilitator locked the room: only participants who joined before get in.
    case locked
    /// The run has as many participants as its plan allows.
    case full
    /// No hello in time after connecting.
    case helloTimeout
    /// The server has as many connections as it serves.
    case serverFull
    // A refused request (Core's refusal reasons).
    case notNow, roundClosed, invalidText, unknownIdea, notYours, budget, notJoined, finished, roundFull
    /// The request was not saved (the facilitator's disk); send it again.
    case notSaved

    /// The code for a refusal decided by the session's rules.
    public init(_ reason: Refusal.Reason) {
        switch reason {
        case .notNow: self = .notNow
        case .roundClosed: self = .roundClosed
        case .invalidText: self = .invalidText
        case .unknownIdea: self = .unknownIdea
        case .notYours: self = .notYours
        case .budget: self = .budget
        case .notJoined: self = .notJoined
        case .finished: self = .finished
        case .roomLocked: self = .locked
        case .roomFull: self = .full
        case .roundFull: self = .roundFull
        }
    }
}

/// A problem with the connection rather than with one request.
public struct WireError: Error, Equatable, Sendable, CustomStringConvertible {
    public var code: WireErrorCode
    /// A sentence for the participant.
    public var message: String
    /// The server closes the connection after sending this.
    public var fatal: Bool
    /// When trying again makes sense, in seconds.
    public var retryAfterSeconds: Int?

    public init(_ code: WireErrorCode, _ message: String, fatal: Bool = false, retryAfterSeconds: Int? = nil) {
        self.code = code
        self.message = message
        self.fatal = fatal
        self.retryAfterSeconds = retryAfterSeconds
    }

    public var description: String { message }
}

/// The server's answer to one request.
public struct Reply: Equatable, Sendable {
    public enum Outcome: Equatable, Sendable {
        /// Committed. `idea` is the idea the request made or touched; `late` is set for an idea
        /// that arrived after its phase closed.
        case saved(idea: String?, late: Bool)
        /// Not done, and why.
        case refused(WireErrorCode, String)
    }

    public var id: String
    public var outcome: Outcome

    public init(id: String, outcome: Outcome) {
        self.id = id
        self.outcome = outcome
    }

    public var isSaved: Bool {
        if case .saved = outcome { return true }
        return false
    }

    /// The idea a saved request made or touched.
    public var idea: String? {
        if case let .saved(idea, _) = outcome { return idea }
        return nil
    }

    /// The sentence the participant sees.
    public var message: String {
        switch outcome {
        case let .saved(_, late): late ? "The round had closed; your idea is kept as a late idea." : "saved"
        case let .refused(_, message): message
        }
    }
}

/// A message from the server, typed. On the wire it is a ``ServerLine``.
public enum ServerMessage: Equatable, Sendable {
    /// Joined: `token` continues as the same participant on a later connection.
    case welcome(token: String)
    case reply(Reply)
    case view(ParticipantView)
    case error(WireError)

    /// The message as one line of JSON, newline included.
    public func encodedLine() -> Data { line.encodedLine() }

    /// Reads one server line; nil for anything that is not a well-formed server message.
    public static func decodeLine(_ bytes: [UInt8]) -> ServerMessage? {
        ServerLine.decodeLine(bytes).flatMap(ServerMessage.init)
    }

    init?(_ line: ServerLine) {
        switch line.type {
        case .welcome:
            guard let token = line.token else { return nil }
            self = .welcome(token: token)
        case .view:
            guard let view = line.view else { return nil }
            self = .view(view)
        case .reply:
            guard let id = line.id, let ok = line.ok else { return nil }
            if ok {
                self = .reply(Reply(id: id, outcome: .saved(idea: line.idea, late: line.late ?? false)))
            } else {
                let code = line.code.flatMap(WireErrorCode.init(rawValue:)) ?? .badMessage
                self = .reply(Reply(id: id, outcome: .refused(code, line.message ?? "")))
            }
        case .error:
            let code = line.code.flatMap(WireErrorCode.init(rawValue:)) ?? .badMessage
            self = .error(WireError(code, line.message ?? "", fatal: line.fatal ?? false, retryAfterSeconds: line.retryAfter))
        }
    }

    var line: ServerLine {
        switch self {
        case let .welcome(token):
            return ServerLine(type: .welcome, version: WireProtocol.version, token: token)
        case let .view(view):
            return ServerLine(type: .view, view: view)
        case let .reply(reply):
            switch reply.outcome {
            case let .saved(idea, late):
                return ServerLine(type: .reply, id: reply.id, ok: true, idea: idea, late: idea == nil ? nil : late, message: reply.message)
            case let .refused(code, message):
                return ServerLine(type: .reply, id: reply.id, ok: false, message: message, code: code.rawValue)
            }
        case let .error(error):
            return ServerLine(type: .error, message: error.message, fatal: error.fatal, code: error.code.rawValue,
                              retryAfter: error.retryAfterSeconds)
        }
    }
}
