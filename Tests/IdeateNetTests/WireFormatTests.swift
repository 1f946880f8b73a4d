import Foundation
import IdeateCore
import IdeateNet
import Testing

/// The wire's hand-written parts (reply lines, the one-pass strict decoder) say exactly what
/// the JSON encoder and decoder would.
@Suite("Wire format")
struct WireFormatTests {
    static let hostileTexts = [
        "saved", "", "quote \" backslash \\ slash /", "tab\tnewline\nreturn\r",
        String((0..<32).map { Character(Unicode.Scalar(UInt8($0))) }), "\u{7F}\u{85}\u{9B}31m",
        "\u{202E}evil\u{2028}\u{2029}\u{200B}", "emoji 👩🏽‍💻 and é",
    ]

    @Test("Replies, welcomes and errors decode to exactly what was sent", arguments: hostileTexts)
    func flatLinesRoundTrip(text: String) throws {
        let messages: [ServerMessage] = [
            .reply(id: text, ok: true, idea: text, late: true, message: text),
            .reply(id: "r1", ok: false, message: text),
            .welcome(token: text),
            .error(text, fatal: true),
        ]
        for message in messages {
            let line = message.encodedLine()
            #expect(line.last == 0x0A)
            #expect(line.dropLast().allSatisfy { $0 >= 0x20 }, "a raw control byte in \(message)")
            #expect(try JSONDecoder().decode(ServerMessage.self, from: line) == message)
        }
    }

    @Test("A reply line is byte for byte what the JSON encoder writes")
    func sameBytesAsTheEncoder() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for message in [ServerMessage.reply(id: "c7", ok: true, idea: "abc12", late: false, message: "saved"),
                        .welcome(token: "0123abcd"), .error("wrong join code", fatal: false)] {
            var expected = try encoder.encode(message)
            expected.append(0x0A)
            #expect(message.encodedLine() == expected)
        }
    }

    @Test("Views still carry the whole participant view")
    func viewLines() throws {
        var view = ParticipantView(title: "T \"q\"", stage: "vote", round: 1, rounds: 2, prompt: "p\n", remainingMilliseconds: 5000,
                                   paused: false, locked: false, votesPerPerson: 3, maxVotesPerIdea: 2)
        view.wall = [SharedIdea(id: "abc12", text: "x\u{1B}[31m")]
        let message = ServerMessage.view(view)
        #expect(try JSONDecoder().decode(ServerMessage.self, from: message.encodedLine()) == message)
    }

    @Test("The strict decoder reads every field and refuses with the same reasons", arguments: [
        (#"{"type":"hello","version":1,"code":"ABC","token":"t"}"#, nil),
        (#"{"type":"submit","id":"c1","text":"hi \"there\"","extends":"abc12"}"#, nil),
        (#"{"type":"move","id":"c1","from":"a","to":"b"}"#, nil),
        (#"[1,2]"#, "not a JSON object"),
        (#"{"type":"submit","id":"c1","text":"x""#, "not a JSON object"),
        (#"{"id":"c1"}"#, "missing `type`"),
        (#"{"type":"reply"}"#, "`reply` is not a participant message"),
        (#"{"type":"vote","id":"c1","idea":"a","colour":"red"}"#, "unknown field `colour` in `vote`"),
        (#"{"type":"edit","id":"c1","idea":"a"}"#, "`edit` needs `text`"),
        (#"{"type":"submit","id":"c1","text":7}"#, "a field has the wrong type"),
        (#"{"type":"hello","version":"1","code":"ABC"}"#, "a field has the wrong type"),
        (#"{"type":"vote","id":"","idea":"a"}"#, "`id` must have 1 to 64 characters"),
    ] as [(String, String?)])
    func strictDecoding(line: String, problem: String?) throws {
        if let problem {
            let error = #expect(throws: ClientMessage.DecodingProblem.self) { try ClientMessage.decode(Data(line.utf8)) }
            #expect(error?.description == problem)
        } else {
            let message = try ClientMessage.decode(Data(line.utf8))
            #expect(try JSONDecoder().decode(ClientMessage.self, from: Data(line.utf8)) == message)
        }
    }
}
