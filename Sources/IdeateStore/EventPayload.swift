import Foundation
import IdeateCore

/// An event as the run file stores it: the JSON that `Event`'s Codable conformance defines,
/// keys sorted. The events that arrive by the thousand (ideas, reveals, joins, votes) are
/// written and read by hand — byte for byte what `JSONEncoder` writes, read to what
/// `JSONDecoder` reads (tests hold them to both) — because the Codable machinery was the largest
/// cost of durable ingest and of reopening a run; the other events go through it.
enum EventPayload {
    private static let decoder = JSONDecoder()

    /// The event `payload` holds; JSONDecoder's verdict (and error) for anything unusual.
    static func decode(_ payload: String) throws -> Event {
        var payload = payload
        if let event = payload.withUTF8({ JSONValue.parse($0).flatMap(commonEvent) }) { return event }
        return try decoder.decode(Event.self, from: Data(payload.utf8))
    }

    /// The frequent events in exactly the shape `encode` writes them; nil for anything else.
    private static func commonEvent(_ json: JSONValue) -> Event? {
        guard case let .object(outer) = json, outer.count == 1, let (name, body) = outer.first,
              case let .object(fields) = body else { return nil }
        switch name {
        case "participantJoined":
            guard fields.count == 1, case let .string(pseudonym)? = fields["_0"] else { return nil }
            return .participantJoined(Pseudonym(pseudonym))
        case "voteCast", "voteRetracted":
            guard fields.count == 2, case let .string(pseudonym)? = fields["_0"], case let .string(idea)? = fields["_1"] else { return nil }
            return name == "voteCast" ? .voteCast(Pseudonym(pseudonym), IdeaID(idea)) : .voteRetracted(Pseudonym(pseudonym), IdeaID(idea))
        case "ideasRevealed":
            guard case let .array(items)? = fields["_0"] else { return nil }
            let at: Instant?
            switch fields["at"] {
            case let .integer(milliseconds)? where fields.count == 2: at = Instant(millisecondsSince1970: milliseconds)
            case nil where fields.count == 1: at = nil
            default: return nil
            }
            var ids: [IdeaID] = []
            ids.reserveCapacity(items.count)
            for item in items {
                guard case let .string(id) = item else { return nil }
                ids.append(IdeaID(id))
            }
            return .ideasRevealed(ids, at: at)
        case "ideaSubmitted":
            guard fields.count == 1, case let .object(idea)? = fields["_0"] else { return nil }
            return idea.count <= 16 ? self.idea(idea).map(Event.ideaSubmitted) : nil
        default:
            return nil
        }
    }

    private static func idea(_ fields: [String: JSONValue]) -> Idea? {
        guard case let .string(id)? = fields["id"], case let .string(text)? = fields["text"],
              case let .integer(round64)? = fields["round"], let round = Int(exactly: round64),
              case let .string(sourceName)? = fields["source"], let source = Idea.Source(rawValue: sourceName),
              case let .boolean(isHidden)? = fields["isHidden"], case let .boolean(isLate)? = fields["isLate"],
              case let .boolean(isParked)? = fields["isParked"], case let .boolean(isRevealed)? = fields["isRevealed"],
              case let .boolean(isWithdrawn)? = fields["isWithdrawn"] else { return nil }
        var optional: [String: String] = [:]
        for name in ["cluster", "extends", "fromBox", "mergedInto", "owner", "receipt", "requestTag"] {
            switch fields[name] {
            case nil: break
            case let .string(value)?: optional[name] = value
            default: return nil
            }
        }
        guard fields.count == 9 + optional.count else { return nil }
        var idea = Idea(id: IdeaID(id), round: round, text: text, source: source, owner: optional["owner"].map(OwnerTag.init),
                        extends: optional["extends"].map(IdeaID.init), isLate: isLate)
        idea.isHidden = isHidden
        idea.isParked = isParked
        idea.isRevealed = isRevealed
        idea.isWithdrawn = isWithdrawn
        idea.mergedInto = optional["mergedInto"].map(IdeaID.init)
        idea.cluster = optional["cluster"]
        idea.requestTag = optional["requestTag"].map(OwnerTag.init)
        if let box = optional["fromBox"] {
            guard let number = BacklogIdeaID(box) else { return nil }
            idea.fromBox = number
        }
        if let receipt = optional["receipt"] {
            guard let proof = OwnershipProof(hex: receipt) else { return nil }
            idea.receipt = proof
        }
        return idea
    }

    static func encode(_ event: Event) throws -> String {
        let caseName: String
        var body: JSONObjectWriter
        switch event {
        case let .participantJoined(pseudonym):
            caseName = "participantJoined"
            body = JSONObjectWriter()
            body.string("_0", pseudonym.rawValue)
        case let .ideaSubmitted(idea):
            caseName = "ideaSubmitted"
            body = JSONObjectWriter(capacity: 320 + idea.text.utf8.count)
            body.field("_0") { $0 += Self.object(for: idea) }
        case let .ideasRevealed(ids, at):
            caseName = "ideasRevealed"
            body = JSONObjectWriter(capacity: 48 + ids.count * 8)
            body.field("_0") { out in
                out.append(UInt8(ascii: "["))
                for (index, id) in ids.enumerated() {
                    if index > 0 { out.append(UInt8(ascii: ",")) }
                    JSONString.appendQuoted(id.rawValue, to: &out)
                }
                out.append(UInt8(ascii: "]"))
            }
            body.integer("at", at?.millisecondsSince1970)
        case let .voteCast(pseudonym, id), let .voteRetracted(pseudonym, id):
            if case .voteCast = event { caseName = "voteCast" } else { caseName = "voteRetracted" }
            body = JSONObjectWriter()
            body.string("_0", pseudonym.rawValue)
            body.string("_1", id.rawValue)
        default:
            return String(decoding: try RunStore.encoder.encode(event), as: UTF8.self)
        }
        var outer = JSONObjectWriter(capacity: body.bytes.count + caseName.utf8.count + 8)
        outer.field(caseName) { $0 += body.finished() }
        return String(decoding: outer.finished(), as: UTF8.self)
    }

    /// An idea's fields in sorted key order, absent optionals left out (as the encoder does).
    private static func object(for idea: Idea) -> [UInt8] {
        var object = JSONObjectWriter(capacity: 280 + idea.text.utf8.count)
        object.string("cluster", idea.cluster)
        object.string("extends", idea.extends?.rawValue)
        object.string("fromBox", idea.fromBox?.description)
        object.string("id", idea.id.rawValue)
        object.boolean("isHidden", idea.isHidden)
        object.boolean("isLate", idea.isLate)
        object.boolean("isParked", idea.isParked)
        object.boolean("isRevealed", idea.isRevealed)
        object.boolean("isWithdrawn", idea.isWithdrawn)
        object.string("mergedInto", idea.mergedInto?.rawValue)
        object.string("owner", idea.owner?.rawValue)
        object.string("receipt", idea.receipt?.hex)
        object.string("requestTag", idea.requestTag?.rawValue)
        object.integer("round", idea.round)
        object.string("source", idea.source.rawValue)
        object.string("text", idea.text)
        return object.finished()
    }
}
