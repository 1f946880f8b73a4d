import Foundation

/// What a participant asks the server to do. The wire adds the request id that makes a resend
/// idempotent; the server turns this into Core's `ParticipantCommand`.
public enum ParticipantRequest: Equatable, Sendable {
    case submit(text: String, extends: String? = nil)
    case edit(idea: String, text: String)
    case withdraw(idea: String)
    case vote(idea: String)
    case unvote(idea: String)
    case move(from: String, to: String)
}

/// A message from a participant's client, typed. On the wire it is a ``ClientLine``.
public enum ClientMessage: Equatable, Sendable {
    /// The first message: the protocol version, the join code, and the token of an earlier
    /// connection to continue as the same participant.
    case hello(version: Int, code: String, token: String?)
    /// A command with the client's id for it (1 to 64 characters).
    case request(id: String, ParticipantRequest)

    /// Reads one line strictly (see ``ClientLine/decode(_:)``).
    public static func decode(_ line: Data) throws(ClientLine.DecodingProblem) -> ClientMessage {
        ClientMessage(try ClientLine.decode(line))
    }

    /// The message as one line of JSON, newline included.
    public func encodedLine() -> Data { line.encodedLine() }

    /// A decoded line always has its type's required fields (the decoder checks them).
    init(_ line: ClientLine) {
        let id = line.id ?? ""
        switch line.type {
        case .hello: self = .hello(version: line.version ?? 0, code: line.code ?? "", token: line.token)
        case .submit: self = .request(id: id, .submit(text: line.text ?? "", extends: line.extends))
        case .edit: self = .request(id: id, .edit(idea: line.idea ?? "", text: line.text ?? ""))
        case .withdraw: self = .request(id: id, .withdraw(idea: line.idea ?? ""))
        case .vote: self = .request(id: id, .vote(idea: line.idea ?? ""))
        case .unvote: self = .request(id: id, .unvote(idea: line.idea ?? ""))
        case .move: self = .request(id: id, .move(from: line.from ?? "", to: line.to ?? ""))
        }
    }

    var line: ClientLine {
        switch self {
        case let .hello(version, code, token):
            return ClientLine(type: .hello, version: version, code: code, token: token)
        case let .request(id, request):
            switch request {
            case let .submit(text, extends): return ClientLine(type: .submit, id: id, text: text, extends: extends)
            case let .edit(idea, text): return ClientLine(type: .edit, id: id, text: text, idea: idea)
            case let .withdraw(idea): return ClientLine(type: .withdraw, id: id, idea: idea)
            case let .vote(idea): return ClientLine(type: .vote, id: id, idea: idea)
            case let .unvote(idea): return ClientLine(type: .unvote, id: id, idea: idea)
            case let .move(from, to): return ClientLine(type: .move, id: id, from: from, to: to)
            }
        }
    }
}
