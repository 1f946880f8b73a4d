import Foundation
import IdeateCore

/// A message from the server to a participant's client. Encoded as one JSON line
/// (PROTOCOL.md); ``ServerLine`` is that line's shape, seen only by the codec.
public enum ServerMessage: Equatable, Sendable {
    /// Joined: `token` continues as the same participant on a later connection; `language` is
    /// the code of the language the server speaks to this connection (the one the hello asked
    /// for when ideate has it, else the room's), which the client's own screen follows.
    case welcome(token: String, language: String? = nil)
    /// The answer to one request.
    case reply(Reply)
    /// Everything the participant's screen shows, sent on joining, on a change, and every 10 s.
    case view(ParticipantView)
    /// A problem with the connection rather than with one request.
    case error(WireError)

    /// The message as one line of JSON (keys sorted), newline included. Replies, welcomes and
    /// errors (one per request) are written by hand; views, rarer and nested, go through
    /// `JSONEncoder`.
    public func encodedLine() -> Data { line.encodedLine() }

    /// Reads one server line; nil for anything that is not a well-formed server message.
    /// Replies, welcomes and errors are read by hand; views and anything unusual go through
    /// `JSONDecoder`.
    public static func decodeLine(_ bytes: [UInt8]) -> ServerMessage? {
        ServerLine.decodeLine(bytes).flatMap(ServerMessage.init)
    }

    /// The message a line holds; nil when a field its type needs is missing.
    init?(_ line: ServerLine) {
        switch line.type {
        case .welcome:
            guard let token = line.token else { return nil }
            self = .welcome(token: token, language: line.language)
        case .view:
            guard let view = line.view else { return nil }
            self = .view(view)
        case .reply:
            guard let id = line.id, let ok = line.ok else { return nil }
            if ok {
                self = .reply(Reply(id: id, outcome: .saved(idea: line.idea, late: line.late ?? false, held: line.held ?? false)))
            } else {
                let code = line.code.flatMap(WireErrorCode.init(rawValue:)) ?? .badMessage
                self = .reply(Reply(id: id, outcome: .refused(code, Sentence(literal: line.message ?? ""))))
            }
        case .error:
            let code = line.code.flatMap(WireErrorCode.init(rawValue:)) ?? .badMessage
            self = .error(WireError(code, Sentence(literal: line.message ?? ""), fatal: line.fatal ?? false, retryAfterSeconds: line.retryAfter))
        }
    }

    /// The message's fields as its line carries them.
    var line: ServerLine {
        switch self {
        case let .welcome(token, language):
            return ServerLine(type: .welcome, version: WireProtocol.version, token: token, language: language)
        case let .view(view):
            return ServerLine(type: .view, view: view)
        case let .reply(reply):
            switch reply.outcome {
            case let .saved(idea, late, held):
                return ServerLine(type: .reply, id: reply.id, ok: true, idea: idea, late: idea == nil ? nil : late, held: held ? true : nil,
                                  message: reply.message.description)
            case let .refused(code, message):
                return ServerLine(type: .reply, id: reply.id, ok: false, message: message.description, code: code.rawValue)
            }
        case let .error(error):
            return ServerLine(type: .error, message: error.message.description, fatal: error.fatal, code: error.code.rawValue,
                              retryAfter: error.retryAfterSeconds)
        }
    }
}

extension ServerMessage {
    /// The message with its sentences written for a reader of `localizer`'s language: the
    /// server keeps sentences typed until it sends them to one connection.
    public func localized(by localizer: Localizer) -> ServerMessage {
        switch self {
        case .welcome, .view:
            return self
        case let .reply(reply):
            return .reply(reply.localized(by: localizer))
        case var .error(error):
            error.message = Sentence(literal: localizer(error.message))
            return .error(error)
        }
    }
}

extension ServerMessage: Codable {
    /// Reads a line as `JSONDecoder` does, ignoring fields it does not know.
    public init(from decoder: any Decoder) throws {
        guard let message = ServerMessage(try ServerLine(from: decoder)) else {
            throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: decoder.codingPath,
                                                                    debugDescription: "a field its type needs is missing"))
        }
        self = message
    }

    /// What `JSONEncoder` writes; ``encodedLine()`` writes the same bytes.
    public func encode(to encoder: any Encoder) throws { try line.encode(to: encoder) }
}
