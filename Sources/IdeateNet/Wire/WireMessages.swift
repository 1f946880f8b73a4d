import Foundation
import IdeateCore

/// The participant protocol, version 1: one JSON object per line. Every message names its
/// `type`; every command carries a client-chosen `id` so a resend gets the first answer.
public enum WireProtocol {
    public static let version = 1
    /// The longest line either side accepts, newline excluded.
    public static let maximumFrameBytes = 16 * 1024
}

/// A message from a participant's client. Decoding is strict: unknown keys, a missing field
/// or a field that does not belong to the type is an error, not something to guess around.
public struct ClientMessage: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case hello, submit, edit, withdraw, vote, unvote, move
    }

    public var type: Kind
    public var version: Int?
    public var code: String?
    public var token: String?
    public var id: String?
    public var text: String?
    public var idea: String?
    public var extends: String?
    public var from: String?
    public var to: String?

    public init(type: Kind, version: Int? = nil, code: String? = nil, token: String? = nil, id: String? = nil,
                text: String? = nil, idea: String? = nil, extends: String? = nil, from: String? = nil, to: String? = nil) {
        self.type = type
        self.version = version
        self.code = code
        self.token = token
        self.id = id
        self.text = text
        self.idea = idea
        self.extends = extends
        self.from = from
        self.to = to
    }

    static let fields: [Kind: (required: Set<String>, optional: Set<String>)] = [
        .hello: (["version", "code"], ["token"]),
        .submit: (["id", "text"], ["extends"]),
        .edit: (["id", "idea", "text"], []),
        .withdraw: (["id", "idea"], []),
        .vote: (["id", "idea"], []),
        .unvote: (["id", "idea"], []),
        .move: (["id", "from", "to"], []),
    ]

    /// Why a line could not be read, in words the client can show.
    public struct DecodingProblem: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// Decodes one line, checking that it holds exactly the fields its type allows.
    public static func decode(_ line: Data) throws(DecodingProblem) -> ClientMessage {
        guard let object = (try? JSONSerialization.jsonObject(with: line)) as? [String: Any] else {
            throw DecodingProblem(description: "not a JSON object")
        }
        guard let typeName = object["type"] as? String else { throw DecodingProblem(description: "missing `type`") }
        guard let kind = Kind(rawValue: typeName) else {
            throw DecodingProblem(description: "`\(typeName)` is not a participant message")
        }
        let allowed = fields[kind]!
        let keys = Set(object.keys).subtracting(["type"])
        if let unknown = keys.subtracting(allowed.required).subtracting(allowed.optional).sorted().first {
            throw DecodingProblem(description: "unknown field `\(unknown)` in `\(typeName)`")
        }
        if let missing = allowed.required.subtracting(keys).sorted().first {
            throw DecodingProblem(description: "`\(typeName)` needs `\(missing)`")
        }
        do {
            let message = try JSONDecoder().decode(ClientMessage.self, from: line)
            if let id = message.id, id.isEmpty || id.count > 64 {
                throw DecodingProblem(description: "`id` must have 1 to 64 characters")
            }
            return message
        } catch let problem as DecodingProblem {
            throw problem
        } catch {
            throw DecodingProblem(description: "a field has the wrong type")
        }
    }
}

/// A message from the server.
public struct ServerMessage: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable {
        case welcome, reply, view, error
    }

    public var type: Kind
    public var version: Int?
    public var token: String?
    public var id: String?
    public var ok: Bool?
    public var idea: String?
    public var late: Bool?
    public var message: String?
    public var view: ParticipantView?
    /// For `error`: the server closes the connection after this one.
    public var fatal: Bool?

    public static func welcome(token: String) -> ServerMessage {
        ServerMessage(type: .welcome, version: WireProtocol.version, token: token)
    }

    public static func reply(id: String, ok: Bool, idea: String? = nil, late: Bool? = nil, message: String) -> ServerMessage {
        ServerMessage(type: .reply, id: id, ok: ok, idea: idea, late: late, message: message)
    }

    public static func view(_ view: ParticipantView) -> ServerMessage { ServerMessage(type: .view, view: view) }

    public static func error(_ message: String, fatal: Bool) -> ServerMessage {
        ServerMessage(type: .error, message: message, fatal: fatal)
    }

    /// The message as one line of JSON, newline included.
    public func encodedLine() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = (try? encoder.encode(self)) ?? Data("{\"type\":\"error\",\"message\":\"encoding failed\"}".utf8)
        data.append(0x0A)
        return data
    }
}
