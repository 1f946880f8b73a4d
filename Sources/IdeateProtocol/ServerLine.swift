import Foundation
import IdeateCore

/// A server line as JSON has it: every field optional, the type a name. Only the codec sees
/// it; programs use the typed ``ServerMessage``.
struct ServerLine: Codable, Equatable {
    enum Kind: String, Codable {
        case welcome, reply, view, error
    }

    var type: Kind
    var version: Int?
    var token: String?
    var id: String?
    var ok: Bool?
    var idea: String?
    var late: Bool?
    /// For a saved idea under moderation: it waits for the facilitator before the wall.
    var held: Bool?
    var message: String?
    var view: ParticipantView?
    /// For `error`: the server closes the connection after this one.
    var fatal: Bool?
    /// For `error` and refused replies: what went wrong, for programs (``WireErrorCode``).
    var code: String?
    /// For `error`: try again after this many seconds.
    var retryAfter: Int?
    /// For `welcome`: the language the server speaks to this connection.
    var language: String?

    /// Reads one line from the server. Replies, welcomes and errors (flat objects) are read by
    /// hand; views and anything unusual go through `JSONDecoder`.
    static func decodeLine(_ line: [UInt8]) -> ServerLine? {
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
            case let ("language", .string(text)): message.language = text
            case let ("id", .string(text)): message.id = text
            case let ("idea", .string(text)): message.idea = text
            case let ("message", .string(text)): message.message = text
            case let ("ok", .boolean(flag)): message.ok = flag
            case let ("late", .boolean(flag)): message.late = flag
            case let ("held", .boolean(flag)): message.held = flag
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
    func encodedLine() -> Data {
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
        object.boolean("held", held)
        object.string("id", id)
        object.string("idea", idea)
        object.string("language", language)
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
