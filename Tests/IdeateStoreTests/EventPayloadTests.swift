import Foundation
import IdeateCore
@testable import IdeateStore
import Testing

/// The hand-written payloads are the encoder's bytes exactly, so run files do not depend on
/// which path wrote an event, and they read back as the same events.
@Suite("Event payloads")
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
}
