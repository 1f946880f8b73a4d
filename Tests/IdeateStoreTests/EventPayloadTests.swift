import Foundation
import IdeateCore
import IdeateTestSupport
@testable import IdeateStore
import Testing

/// The hand-written payloads are the encoder's bytes exactly, so run files do not depend on
/// which path wrote an event, and they read back as the same events.
@Suite("Event payloads", .offThePool, .timeLimit(.minutes(5)))
struct EventPayloadTests {
    static let texts = [
        "A plain idea", "", "quote \" backslash \\ slash / done",
        String((0..<32).map { Character(Unicode.Scalar(UInt8($0))) }) + "\u{7F}\u{85}\u{9B}",
        "\u{202E}gnp.exe\u{2028}\u{200B} 👩🏽‍💻 é 漢字",
    ]

    static var events: [Event] {
        var events: [Event] = [
            .participantJoined(Pseudonym("0123456789abcdef01234567")),
            .voteCast(Pseudonym("p1"), IdeaID("abc12")),
            .voteRetracted(Pseudonym("p\"1"), IdeaID("abc12")),
            .ideasRevealed([], at: Instant(millisecondsSince1970: 0)),
            .ideasRevealed([IdeaID("abc12")], at: nil),
            .ideasRevealed([IdeaID("abc12"), IdeaID("x\u{1B}y")], at: Instant(millisecondsSince1970: 1_795_382_896_783)),
            .phaseStarted(round: 1, phase: .vote, at: Instant(millisecondsSince1970: 5), seconds: nil),
        ]
        for (index, text) in texts.enumerated() {
            var idea = Idea(id: IdeaID("id\(index)"), round: index, text: text, source: index % 2 == 0 ? .participant : .facilitator,
                            owner: index % 2 == 0 ? OwnerTag("owner\(index)") : nil,
                            extends: index == 1 ? IdeaID("base1") : nil, isLate: index == 2)
            events.append(.ideaSubmitted(idea))
            idea.isRevealed = true
            idea.isHidden = index == 3
            idea.isParked = index == 4
            idea.isWithdrawn = index == 0
            idea.mergedInto = IdeaID("into\(index)")
            idea.cluster = text
            idea.requestTag = OwnerTag("tag\(index)")
            events.append(.ideaSubmitted(idea))
        }
        return events
    }

    @Test("Each payload is what JSONEncoder writes and decodes to the same event")
    func sameAsTheEncoder() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for event in Self.events {
            let payload = try EventPayload.encode(event)
            #expect(payload == String(decoding: try encoder.encode(event), as: UTF8.self))
            #expect(try JSONDecoder().decode(Event.self, from: Data(payload.utf8)) == event)
        }
    }

    /// What JSONDecoder makes of `payload`, or nil where it refuses it.
    static func reference(_ payload: String) -> Event? {
        try? JSONDecoder().decode(Event.self, from: Data(payload.utf8))
    }

    @Test("Reading a payload gives what JSONDecoder gives, for the hand-read and the other events")
    func readsAsTheDecoder() throws {
        for event in Self.events {
            let payload = try EventPayload.encode(event)
            #expect(try EventPayload.decode(payload) == event)
        }
    }

    @Test("Unusual but valid JSON, and invalid JSON, read exactly as JSONDecoder reads them", arguments: [
        #"{"participantJoined":{"_0":"caf\u00e9 \ud83d\ude00 \/ \b\f\n\r\t \"q\""}}"#,
        #" { "voteCast" : { "_1" : "abc12" , "_0" : "p1" } } "#,
        #"{"voteCast":{"_0":"p1","_1":"abc12","extra":1}}"#,
        #"{"voteCast":{"_0":"p1","_0":"p2","_1":"abc12"}}"#,
        #"{"voteCast":{"_0":"p1"}}"#,
        #"{"ideasRevealed":{"_0":["a","b"],"at":1.5}}"#,
        #"{"ideasRevealed":{"_0":["a",7],"at":15}}"#,
        #"{"ideasRevealed":{"_0":[],"at":-15}}"#,
        #"{"ideasRevealed":{"_0":[],"at":99999999999999999999}}"#,
        #"{"ideaSubmitted":{"_0":{"id":"a","isHidden":false,"isLate":false,"isParked":false,"isRevealed":false,"isWithdrawn":false,"owner":null,"round":0,"source":"participant","text":"x"}}}"#,
        #"{"ideaSubmitted":{"_0":{"id":"a","isHidden":false,"isLate":false,"isParked":false,"isRevealed":false,"isWithdrawn":false,"round":0,"source":"robot","text":"x"}}}"#,
        #"{"ideaSubmitted":{"_0":{"id":"a","isLate":false,"round":0,"source":"participant","text":"x"}}}"#,
        #"{"ideaSubmitted":{"_0":{"id":"a","isHidden":false,"isLate":false,"isParked":false,"isRevealed":false,"isWithdrawn":false,"round":01,"source":"participant","text":"x"}}}"#,
        #"{"participantJoined":{"_0":"unterminated}}"#,
        #"{"participantJoined":{"_0":"bad \ud800 surrogate"}}"#,
        #"{"participantJoined":{"_0":"p"}} trailing"#,
        #"{"participantJoined":{"_0":"p"},"voteCast":{"_0":"p","_1":"i"}}"#,
        #"{"sessionFinished":{"at":12}}"#,
        "",
    ])
    func unusualPayloads(payload: String) {
        #expect((try? EventPayload.decode(payload)) == Self.reference(payload), "\(payload)")
    }

    @Test("Mutated payloads: the hand reader never accepts what JSONDecoder reads differently")
    func mutatedPayloads() throws {
        var random = SeededRandom(seed: TestSeed.make())
        let payloads = try Self.events.map(EventPayload.encode)
        for _ in 0..<3000 {
            var bytes = Array(payloads.randomElement(using: &random)!.utf8)
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let at = Int.random(in: 0..<bytes.count, using: &random)
                let byte = [UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "1"),
                            UInt8(ascii: "u"), 0xC3, 0x80, UInt8.random(in: 0...255, using: &random)].randomElement(using: &random)!
                if Bool.random(using: &random) { bytes[at] = byte } else { bytes.insert(byte, at: at) }
            }
            let payload = String(decoding: bytes, as: UTF8.self)
            #expect((try? EventPayload.decode(payload)) == Self.reference(payload), "\(payload)")
        }
    }
}
