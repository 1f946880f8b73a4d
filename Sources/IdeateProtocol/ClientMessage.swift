import Foundation
import IdeateCore

/// A message from a participant's client: the hello that joins, then requests. Encoded as one
/// JSON line (PROTOCOL.md); ``ClientLine`` is that line's shape, seen only by the codec.
public enum ClientMessage: Equatable, Sendable {
    /// The first message: the protocol version, the join code, the token of an earlier
    /// connection to continue as the same participant, and the language the participant reads
    /// (a tag such as `fr-BE`; the room's when absent or not one ideate has).
    case hello(version: Int, code: String, token: String?, language: String? = nil)
    /// A request with the client's id for it (``WireProtocol/requestIDLength`` characters).
    case request(id: String, ParticipantRequest)

    /// Why a line could not be read, in words the client can show.
    public struct DecodingProblem: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// Reads one line strictly: exactly the fields its type allows. Lines as clients write
    /// them take the fast reader, anything else `JSONDecoder`, which says what is wrong.
    public static func decode(_ line: Data) throws(DecodingProblem) -> ClientMessage {
        ClientMessage(try ClientLine.decode(line))
    }

    /// The message as one line of JSON (keys sorted), newline included.
    public func encodedLine() -> Data { line.encodedLine() }

    /// A decoded line always has its type's required fields (the decoders check them).
    init(_ line: ClientLine) {
        let id = line.id ?? ""
        switch line.type {
        case .hello: self = .hello(version: line.version ?? 0, code: line.code ?? "", token: line.token, language: line.language)
        case .submit:
            self = .request(id: id, .submit(text: line.text ?? "", extends: line.extends, receipt: line.receipt.flatMap(OwnershipProof.init(hex:))))
        case .edit: self = .request(id: id, .edit(idea: line.idea ?? "", text: line.text ?? ""))
        case .withdraw: self = .request(id: id, .withdraw(idea: line.idea ?? ""))
        case .vote: self = .request(id: id, .vote(idea: line.idea ?? ""))
        case .unvote: self = .request(id: id, .unvote(idea: line.idea ?? ""))
        case .move: self = .request(id: id, .move(from: line.from ?? "", to: line.to ?? ""))
        case .rate: self = .request(id: id, .rate(idea: line.idea ?? "", impact: line.impact ?? 0, effort: line.effort ?? 0))
        case .done: self = .request(id: id, .done)
        case .undone: self = .request(id: id, .undone)
        }
    }

    /// The message's fields as its line carries them.
    var line: ClientLine {
        switch self {
        case let .hello(version, code, token, language):
            return ClientLine(type: .hello, version: version, code: code, token: token, language: language)
        case let .request(id, request):
            switch request {
            case let .submit(text, extends, receipt):
                return ClientLine(type: .submit, id: id, text: text, extends: extends, receipt: receipt?.hex)
            case let .edit(idea, text): return ClientLine(type: .edit, id: id, text: text, idea: idea)
            case let .withdraw(idea): return ClientLine(type: .withdraw, id: id, idea: idea)
            case let .vote(idea): return ClientLine(type: .vote, id: id, idea: idea)
            case let .unvote(idea): return ClientLine(type: .unvote, id: id, idea: idea)
            case let .move(from, to): return ClientLine(type: .move, id: id, from: from, to: to)
            case let .rate(idea, impact, effort): return ClientLine(type: .rate, id: id, idea: idea, impact: impact, effort: effort)
            case .done: return ClientLine(type: .done, id: id)
            case .undone: return ClientLine(type: .undone, id: id)
            }
        }
    }
}

extension ClientMessage: Codable {
    /// The strict reading (``decode(_:)`` without its fast reader).
    public init(from decoder: any Decoder) throws {
        self.init(try ClientLine.strictlyDecoded(from: decoder))
    }

    /// What `JSONEncoder` writes; ``encodedLine()`` writes the same bytes by hand.
    public func encode(to encoder: any Encoder) throws { try line.encode(to: encoder) }
}
