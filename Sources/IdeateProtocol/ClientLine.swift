import Foundation
import IdeateCore

/// A client's line as JSON has it: every field optional, the type a name. Only the codec sees
/// it; programs use the typed ``ClientMessage``. Decoding is strict: unknown keys, a missing
/// field or a field that does not belong to the type is an error, not something to guess
/// around.
struct ClientLine: Encodable, Equatable {
    enum Kind: String, Encodable {
        case hello, submit, edit, withdraw, vote, unvote, move, rate, done, undone
    }

    typealias DecodingProblem = ClientMessage.DecodingProblem

    var type: Kind
    var version: Int?
    var code: String?
    var token: String?
    var id: String?
    var text: String?
    var idea: String?
    var extends: String?
    var from: String?
    var to: String?
    var receipt: String?
    var language: String?
    var impact: Int?
    var effort: Int?

    init(type: Kind, version: Int? = nil, code: String? = nil, token: String? = nil, id: String? = nil,
         text: String? = nil, idea: String? = nil, extends: String? = nil, from: String? = nil, to: String? = nil,
         receipt: String? = nil, language: String? = nil, impact: Int? = nil, effort: Int? = nil) {
        self.impact = impact
        self.effort = effort
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
        self.receipt = receipt
        self.language = language
    }

    static let fields: [Kind: (required: Set<String>, optional: Set<String>)] = [
        .hello: (["version", "code"], ["token", "language"]),
        .submit: (["id", "text"], ["extends", "receipt"]),
        .edit: (["id", "idea", "text"], []),
        .withdraw: (["id", "idea"], []),
        .vote: (["id", "idea"], []),
        .unvote: (["id", "idea"], []),
        .move: (["id", "from", "to"], []),
        .rate: (["id", "idea", "impact", "effort"], []),
        .done: (["id"], []),
        .undone: (["id"], []),
    ]

    /// The line as JSON (keys sorted), newline included; written by hand, as every idea and
    /// vote a participant sends goes through it.
    func encodedLine() -> Data {
        var object = JSONObjectWriter(capacity: 64 + (text?.utf8.count ?? 0))
        object.string("code", code)
        object.integer("effort", effort)
        object.string("extends", extends)
        object.string("from", from)
        object.string("id", id)
        object.string("idea", idea)
        object.integer("impact", impact)
        object.string("language", language)
        object.string("receipt", receipt)
        object.string("text", text)
        object.string("to", to)
        object.string("token", token)
        object.string("type", type.rawValue)
        object.integer("version", version)
        return Data(object.finished() + [0x0A])
    }

    // MARK: - Reading

    /// Whether a rating's figures, where given, are on the scale (both readers check it).
    static func ratingInScale(_ impact: Int?, _ effort: Int?) -> Bool {
        [impact, effort].allSatisfy { $0.map(Rating.scale.contains) ?? true }
    }

    /// The fields that hold whole numbers; every other field holds text.
    static let integerFields: Set<String> = ["version", "impact", "effort"]

    /// Decodes one line, checking that it holds exactly the fields its type allows: the fast
    /// reader for messages as clients write them, the strict decoder for everything else.
    static func decode(_ line: Data) throws(DecodingProblem) -> ClientLine {
        let plain = line.withUnsafeBytes { raw in
            JSONValue.parse(raw.assumingMemoryBound(to: UInt8.self)).flatMap(plainMessage)
        }
        if let plain { return plain }
        return try strictlyDecoded(line)
    }

    /// A message exactly as clients write it, read without the Codable machinery (this runs for
    /// every message of every participant: nearly three times faster than `JSONDecoder` on a
    /// submit line, BENCHMARKS.md). Anything else goes to ``strictlyDecoded(_:)``, which decides and
    /// says what is wrong; tests hold the two to the same answers.
    static func plainMessage(_ json: JSONValue) -> ClientLine? {
        guard case let .object(object) = json, case let .string(typeName)? = object["type"],
              let kind = Kind(rawValue: typeName), let allowed = fields[kind] else { return nil }
        var strings: [String: String] = [:]
        var integers: [String: Int] = [:]
        for (key, value) in object where key != "type" {
            guard allowed.required.contains(key) || allowed.optional.contains(key) else { return nil }
            switch value {
            case let .integer(number) where Self.integerFields.contains(key):
                guard let exact = Int(exactly: number) else { return nil }
                integers[key] = exact
            case let .string(text) where !Self.integerFields.contains(key):
                strings[key] = text
            default:
                return nil
            }
        }
        guard allowed.required.allSatisfy({ object[$0] != nil }) else { return nil }
        if let id = strings["id"], !WireProtocol.requestIDLength.contains(id.count) { return nil }
        if let receipt = strings["receipt"], OwnershipProof(hex: receipt) == nil { return nil }
        if let language = strings["language"], !WireProtocol.isLanguageTag(language) { return nil }
        guard ratingInScale(integers["impact"], integers["effort"]) else { return nil }
        return ClientLine(type: kind, version: integers["version"], code: strings["code"], token: strings["token"], id: strings["id"],
                          text: strings["text"], idea: strings["idea"], extends: strings["extends"],
                          from: strings["from"], to: strings["to"], receipt: strings["receipt"], language: strings["language"],
                          impact: integers["impact"], effort: integers["effort"])
    }

    /// The strict reading through `JSONDecoder`: exactly the fields the type allows.
    static func strictlyDecoded(_ line: Data) throws(DecodingProblem) -> ClientLine {
        do {
            return try strictDecoder.decode(StrictClientLine.self, from: line).line
        } catch let problem as DecodingProblem {
            throw problem
        } catch {
            throw DecodingProblem(description: "not a JSON object")
        }
    }

    private static let strictDecoder = JSONDecoder()

    /// The strict reading of one JSON object: the type first, then exactly its fields.
    static func strictlyDecoded(from decoder: any Decoder) throws(DecodingProblem) -> ClientLine {
        let object: KeyedDecodingContainer<FieldName>
        do {
            object = try decoder.container(keyedBy: FieldName.self)
        } catch {
            throw DecodingProblem(description: "not a JSON object")
        }
        guard let typeName = try? object.decode(String.self, forKey: FieldName("type")) else {
            throw DecodingProblem(description: "missing `type`")
        }
        guard let kind = Kind(rawValue: typeName), let allowed = fields[kind] else {
            throw DecodingProblem(description: "`\(typeName.quotedPrefix)` is not a participant message")
        }
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
        func integer(_ name: String) throws(DecodingProblem) -> Int? {
            do {
                return try object.decodeIfPresent(Int.self, forKey: FieldName(name))
            } catch {
                throw DecodingProblem(description: "a field has the wrong type")
            }
        }
        let line = ClientLine(
            type: kind, version: try integer("version"), code: try text("code"), token: try text("token"), id: try text("id"),
            text: try text("text"), idea: try text("idea"), extends: try text("extends"), from: try text("from"),
            to: try text("to"), receipt: try text("receipt"), language: try text("language"),
            impact: try integer("impact"), effort: try integer("effort"))
        if let id = line.id, !WireProtocol.requestIDLength.contains(id.count) {
            let length = WireProtocol.requestIDLength
            throw DecodingProblem(description: "`id` must have \(length.lowerBound) to \(length.upperBound) characters")
        }
        if let receipt = line.receipt, OwnershipProof(hex: receipt) == nil {
            throw DecodingProblem(description: "`receipt` must be 64 lowercase hex digits")
        }
        if let language = line.language, !WireProtocol.isLanguageTag(language) {
            throw DecodingProblem(description: "`language` must be a language tag such as `fr` or `de-AT`")
        }
        if !ratingInScale(line.impact, line.effort) {
            throw DecodingProblem(description: "`impact` and `effort` must be whole numbers from 1 to 5")
        }
        return line
    }
}

/// The strict reading of a whole line, for `JSONDecoder`.
private struct StrictClientLine: Decodable {
    let line: ClientLine

    init(from decoder: any Decoder) throws { line = try ClientLine.strictlyDecoded(from: decoder) }
}

/// Any key of a JSON object, so that the decoder can list the keys a message really has.
private struct FieldName: CodingKey {
    let stringValue: String
    init(_ name: String) { stringValue = name }
    init(stringValue: String) { self.stringValue = stringValue }
    var intValue: Int? { nil }
    init?(intValue: Int) { nil }
}
