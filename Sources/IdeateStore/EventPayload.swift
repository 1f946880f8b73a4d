import Foundation
import IdeateCore

/// An event as the run file stores it: the JSON that `Event`'s Codable conformance defines,
/// keys sorted. The events that arrive by the thousand (ideas, reveals, joins, votes) are
/// written by hand, byte for byte what `JSONEncoder` writes (a test holds them to it), because
/// the encoder was the largest cost of durable ingest; the rest go through the encoder.
enum EventPayload {
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

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
