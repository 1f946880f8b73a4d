import Foundation
import IdeateCore

/// The participant protocol, version 1: one JSON object per line (PROTOCOL.md). Every message
/// names its `type`; every command carries a client-chosen `id` so a resend gets the first
/// answer.
public enum WireProtocol {
    public static let version = 1
    /// The longest line a client may send, newline excluded.
    public static let maximumFrameBytes = 16 * 1024
    /// The longest line the server sends: the largest view a round can produce fits
    /// (``RoundCapacity``; a test builds that view and measures it).
    public static let maximumServerLineBytes = 5 * 1024 * 1024
    /// How much of a client's own input a refusal may quote back.
    public static let quotedInputLimit = 24
}

/// A client's line as JSON has it: every field optional, the type a name. Decoding is strict:
/// unknown keys, a missing field or a field that does not belong to the type is an error, not
/// something to guess around. Programs use the typed ``ClientMessage`` built from it.
public struct ClientLine: Codable, Equatable, Sendable {
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

    /// The message as one line of JSON (keys sorted), newline included; written by hand, as
    /// every idea and vote a participant sends goes through it.
    public func encodedLine() -> Data {
        var object = JSONObjectWriter(capacity: 64 + (text?.utf8.count ?? 0))
        object.string("code", code)
        object.string("extends", extends)
        object.string("from", from)
        object.string("id", id)
        object.string("idea", idea)
        object.string("text", text)
        object.string("to", to)
        object.string("token", token)
        object.string("type", type.rawValue)
        object.integer("version", version)
        return Data(object.finished() + [0x0A])
    }

    /// Why a line could not be read, in words the client can show.
    public struct DecodingProblem: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// Decodes one line, checking that it holds exactly the fields its type allows: the fast
    /// reader for messages as clients write them, the strict decoder for everything else.
    public static func decode(_ line: Data) throws(DecodingProblem) -> ClientLine {
        let plain = line.withUnsafeBytes { raw in
            JSONValue.parse(raw.assumingMemoryBound(to: UInt8.self)).flatMap(plainMessage)
        }
        if let plain { return plain }
        return try strictlyDecoded(line)
    }

    /// A message exactly as clients write it, read without the Codable machinery (this runs for
    /// every message of every participant). Anything else goes to ``strictlyDecoded(_:)``,
    /// which decides and says what is wrong; tests hold the two to the same answers.
    static func plainMessage(_ json: JSONValue) -> ClientLine? {
        guard case let .object(object) = json, case let .string(typeName)? = object["type"],
              let kind = Kind(rawValue: typeName), let allowed = fields[kind] else { return nil }
        var strings: [String: String] = [:]
        var version: Int?
        for (key, value) in object where key != "type" {
            guard allowed.required.contains(key) || allowed.optional.contains(key) else { return nil }
            switch value {
            case let .integer(number) where key == "version":
                guard let exact = Int(exactly: number) else { return nil }
                version = exact
            case let .string(text) where key != "version":
                strings[key] = text
            default:
                return nil
            }
        }
        guard allowed.required.allSatisfy({ object[$0] != nil }) else { return nil }
        if let id = strings["id"], id.isEmpty || id.count > 64 { return nil }
        return ClientLine(type: kind, version: version, code: strings["code"], token: strings["token"], id: strings["id"],
                             text: strings["text"], idea: strings["idea"], extends: strings["extends"],
                             from: strings["from"], to: strings["to"])
    }

    /// The strict reading through `JSONDecoder`: exactly the fields the type allows.
    static func strictlyDecoded(_ line: Data) throws(DecodingProblem) -> ClientLine {
        do {
            return try strictDecoder.decode(StrictClientLine.self, from: line).message
        } catch let problem as DecodingProblem {
            throw problem
        } catch {
            throw DecodingProblem(description: "not a JSON object")
        }
    }

    private static let strictDecoder = JSONDecoder()
}

/// Any key of a JSON object, so that the decoder can list the keys a message really has.
private struct FieldName: CodingKey {
    let stringValue: String
    init(_ name: String) { stringValue = name }
    init(stringValue: String) { self.stringValue = stringValue }
    var intValue: Int? { nil }
    init?(intValue: Int) { nil }
}

/// The strict reading of a ``ClientLine``: the type first, then exactly its fields.
private struct StrictClientLine: Decodable {
    typealias DecodingProblem = ClientLine.DecodingProblem
    let message: ClientLine

    init(from decoder: any Decoder) throws {
        let object = try decoder.container(keyedBy: FieldName.self)
        guard let typeName = try? object.decode(String.self, forKey: FieldName("type")) else {
            throw DecodingProblem(description: "missing `type`")
        }
        guard let kind = ClientLine.Kind(rawValue: typeName) else {
            throw DecodingProblem(description: "`\(typeName.quotedPrefix)` is not a participant message")
        }
        let allowed = ClientLine.fields[kind]!
        let keys = Set(object.allKeys.map(\.stringValue)).subtracting(["type"])
        if let unknown = keys.subtracting(allowed.required).subtracting(allowed.optional).sorted().first {
            throw DecodingProblem(description: "unknown field `\(unknown.quotedPrefix)` in `\(typeName)`")
        }
        if let missing = allowed.required.subtracting(keys).sorted().first {
            throw DecodingProblem(description: "`\(typeName)` needs `\(missing)`")
        }
        func text(_ name: String) throws(DecodingProblem) -> String? {
            do {
                return try object.decodeIfPresent(String.self, forKey: FieldName(name))
            } catch {
                throw DecodingProblem(description: "a field has the wrong type")
            }
        }
        let version: Int?
        do {
            version = try object.decodeIfPresent(Int.self, forKey: FieldName("version"))
        } catch {
            throw DecodingProblem(description: "a field has the wrong type")
        }
        message = ClientLine(
            type: kind, version: version, code: try text("code"), token: try text("token"), id: try text("id"),
            text: try text("text"), idea: try text("idea"), extends: try text("extends"), from: try text("from"),
            to: try text("to"))
        if let id = message.id, id.isEmpty || id.count > 64 {
            throw DecodingProblem(description: "`id` must have 1 to 64 characters")
        }
    }
}

/// A server line as JSON has it; programs use the typed ``ServerMessage``.
public struct ServerLine: Codable, Equatable, Sendable {
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
    /// For `error` and refused replies: what went wrong, for programs (``WireErrorCode``).
    public var code: String?
    /// For `error`: try again after this many seconds.
    public var retryAfter: Int?

    /// Reads one line from the server. Replies, welcomes and errors (flat objects) are read by
    /// hand; views and anything unusual go through `JSONDecoder`.
    public static func decodeLine(_ line: [UInt8]) -> ServerLine? {
        let flat = line.withUnsafeBufferPointer { JSONValue.parse($0).flatMap(flatMessage) }
        return flat ?? (try? lineDecoder.decode(ServerLine.self, from: Data(line)))
    }

    private static let lineDecoder = JSONDecoder()

    /// A message without a view, exactly as ``encodedLine()`` writes it; nil for anything else.
    static func flatMessage(_ json: JSONValue) -> ServerLine? {
        guard case let .object(object) = json, object["view"] == nil, case let .string(typeName)? = object["type"],
              let kind = Kind(rawValue: typeName) else { return nil }
        var message = ServerLine(type: kind)
        for (key, value) in object where key != "type" {
            switch (key, value) {
            case let ("version", .integer(number)): guard let exact = Int(exactly: number) else { return nil }; message.version = exact
            case let ("token", .string(text)): message.token = text
            case let ("id", .string(text)): message.id = text
            case let ("idea", .string(text)): message.idea = text
            case let ("message", .string(text)): message.message = text
            case let ("ok", .boolean(flag)): message.ok = flag
            case let ("late", .boolean(flag)): message.late = flag
            case let ("fatal", .boolean(flag)): message.fatal = flag
            case let ("code", .string(text)): message.code = text
            case let ("retryAfter", .integer(number)): guard let exact = Int(exactly: number) else { return nil }; message.retryAfter = exact
            default: return nil
            }
        }
        return message
    }

    /// The message as one line of JSON, newline included. Replies, welcomes and errors (one per
    /// command) are written by hand; views, rarer and nested, go through the JSON encoder.
    public func encodedLine() -> Data {
        guard view != nil else { return Data(flatLine()) }
        guard var data = try? Self.viewEncoder.encode(self) else { return Data(Self.encodingFailed.flatLine()) }
        data.append(0x0A)
        return data
    }

    private static let viewEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    private static let encodingFailed = ServerLine(type: .error, message: "encoding failed", fatal: false, code: "badMessage")

    /// Every field but `view`, keys sorted as the encoder sorts them.
    private func flatLine() -> [UInt8] {
        var object = JSONObjectWriter(capacity: 96 + (message?.utf8.count ?? 0))
        object.string("code", code)
        object.boolean("fatal", fatal)
        object.string("id", id)
        object.string("idea", idea)
        object.boolean("late", late)
        object.string("message", message)
        object.boolean("ok", ok)
        object.integer("retryAfter", retryAfter)
        object.string("token", token)
        object.string("type", type.rawValue)
        object.integer("version", version)
        return object.finished() + [0x0A]
    }
}

extension String {
    /// The start of a client's own text, short enough to quote back in a refusal: an answer
    /// never echoes a client's input at length.
    var quotedPrefix: String {
        count <= WireProtocol.quotedInputLimit ? self : String(prefix(WireProtocol.quotedInputLimit)) + "…"
    }
}
