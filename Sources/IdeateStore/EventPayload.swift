import Foundation
import IdeateCore

/// An event as the run file stores it: the JSON that `Event`'s Codable conformance defines,
/// keys sorted. The events that arrive by the thousand (ideas, reveals, joins, votes) are
/// written and read by hand — byte for byte what `JSONEncoder` writes, read to what
/// `JSONDecoder` reads (tests hold them to both) — because the Codable machinery was the largest
/// cost of durable ingest and of reopening a run; the other events go through it.
enum EventPayload {
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

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
            guard fields.count == 2, case let .array(items)? = fields["_0"], case let .integer(at)? = fields["at"] else { return nil }
            var ids: [IdeaID] = []
            ids.reserveCapacity(items.count)
            for item in items {
                guard case let .string(id) = item else { return nil }
                ids.append(IdeaID(id))
            }
            return .ideasRevealed(ids, at: Instant(millisecondsSince1970: at))
        case "ideaSubmitted":
            guard fields.count == 1, case let .object(idea)? = fields["_0"] else { return nil }
            return idea.count <= 14 ? self.idea(idea).map(Event.ideaSubmitted) : nil
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
        for name in ["cluster", "extends", "mergedInto", "owner", "requestTag"] {
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
        return idea
    }

    static func encode(_ event: Event) throws -> String {
        var out: [UInt8] = []
        switch event {
        case let .participantJoined(pseudonym):
            out.reserveCapacity(64)
            open("participantJoined", into: &out)
            field("_0", first: true, into: &out)
            JSONString.appendQuoted(pseudonym.rawValue, to: &out)
        case let .ideaSubmitted(idea):
            out.reserveCapacity(320 + idea.text.utf8.count)
            open("ideaSubmitted", into: &out)
            field("_0", first: true, into: &out)
            append(idea, into: &out)
        case let .ideasRevealed(ids, at):
            out.reserveCapacity(48 + ids.count * 8)
            open("ideasRevealed", into: &out)
            field("_0", first: true, into: &out)
            out.append(UInt8(ascii: "["))
            for (index, id) in ids.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONString.appendQuoted(id.rawValue, to: &out)
            }
            out.append(UInt8(ascii: "]"))
            field("at", into: &out)
            out.append(contentsOf: String(at.millisecondsSince1970).utf8)
        case let .voteCast(pseudonym, id), let .voteRetracted(pseudonym, id):
            out.reserveCapacity(80)
            if case .voteCast = event { open("voteCast", into: &out) } else { open("voteRetracted", into: &out) }
            field("_0", first: true, into: &out)
            JSONString.appendQuoted(pseudonym.rawValue, to: &out)
            field("_1", into: &out)
            JSONString.appendQuoted(id.rawValue, to: &out)
        default:
            return String(decoding: try encoder.encode(event), as: UTF8.self)
        }
        out.append(contentsOf: "}}".utf8)
        return String(decoding: out, as: UTF8.self)
    }

    /// `{"case":{` — the outer object and the case's object, left open.
    private static func open(_ caseName: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        JSONString.appendQuoted(caseName, to: &out)
        out.append(contentsOf: ":{".utf8)
    }

    private static func field(_ name: String, first: Bool = false, into out: inout [UInt8]) {
        if !first { out.append(UInt8(ascii: ",")) }
        JSONString.appendQuoted(name, to: &out)
        out.append(UInt8(ascii: ":"))
    }

    private static func append(_ flag: Bool, into out: inout [UInt8]) {
        out.append(contentsOf: flag ? "true".utf8 : "false".utf8)
    }

    /// An idea's fields in sorted key order, absent optionals left out (as the encoder does).
    private static func append(_ idea: Idea, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        var first = true
        func key(_ name: String) {
            field(name, first: first, into: &out)
            first = false
        }
        if let cluster = idea.cluster { key("cluster"); JSONString.appendQuoted(cluster, to: &out) }
        if let extends = idea.extends { key("extends"); JSONString.appendQuoted(extends.rawValue, to: &out) }
        key("id"); JSONString.appendQuoted(idea.id.rawValue, to: &out)
        key("isHidden"); append(idea.isHidden, into: &out)
        key("isLate"); append(idea.isLate, into: &out)
        key("isParked"); append(idea.isParked, into: &out)
        key("isRevealed"); append(idea.isRevealed, into: &out)
        key("isWithdrawn"); append(idea.isWithdrawn, into: &out)
        if let mergedInto = idea.mergedInto { key("mergedInto"); JSONString.appendQuoted(mergedInto.rawValue, to: &out) }
        if let owner = idea.owner { key("owner"); JSONString.appendQuoted(owner.rawValue, to: &out) }
        if let requestTag = idea.requestTag { key("requestTag"); JSONString.appendQuoted(requestTag.rawValue, to: &out) }
        key("round"); out.append(contentsOf: String(idea.round).utf8)
        key("source"); JSONString.appendQuoted(idea.source.rawValue, to: &out)
        key("text"); JSONString.appendQuoted(idea.text, to: &out)
        out.append(UInt8(ascii: "}"))
    }
}
