import Foundation
import IdeateCore
import IdeateTestSupport
@testable import IdeateProtocol
import Testing

/// The wire's hand-written parts (reply lines, the one-pass strict decoder) say exactly what
/// the JSON encoder and decoder would.
@Suite("Wire format", .offThePool, .timeLimit(.minutes(5)))
struct WireFormatTests {
    static let hostileTexts = [
        "saved", "", "quote \" backslash \\ slash /", "tab\tnewline\nreturn\r",
        String((0..<32).map { Character(Unicode.Scalar(UInt8($0))) }), "\u{7F}\u{85}\u{9B}31m",
        "\u{202E}evil\u{2028}\u{2029}\u{200B}", "emoji 👩🏽‍💻 and é",
    ]

    @Test("Replies, welcomes and errors decode to exactly what was sent", arguments: hostileTexts)
    func flatLinesRoundTrip(text: String) throws {
        let messages: [ServerMessage] = [
            .reply(Reply(id: text, outcome: .saved(idea: text, late: true))),
            .reply(Reply(id: "r1", outcome: .refused(.budget, Sentence(literal: text)))),
            .welcome(token: text, language: text),
            .error(WireError(.rateLimited, Sentence(literal: text), fatal: true, retryAfterSeconds: 3)),
        ]
        for message in messages {
            let line = message.encodedLine()
            #expect(line.last == 0x0A)
            #expect(line.dropLast().allSatisfy { $0 >= 0x20 }, "a raw control byte in \(message)")
            #expect(ServerMessage(try JSONDecoder().decode(ServerLine.self, from: line)) == message)
            #expect(ServerMessage.decodeLine(Array(line.dropLast())) == message)
        }
    }

    /// What `JSONEncoder` writes for `value` as one wire line (keys sorted, slashes as they are).
    static func encoderLine(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var line = try encoder.encode(value)
        line.append(0x0A)
        return line
    }

    @Test("A reply line is byte for byte what the JSON encoder writes")
    func sameBytesAsTheEncoder() throws {
        for message in [ServerMessage.reply(Reply(id: "c7", outcome: .saved(idea: "abc12", late: false))),
                        .reply(Reply(id: "c8", outcome: .refused(.notYours, "You can only edit your own ideas."))),
                        .welcome(token: "0123abcd"), .error(WireError(.wrongCode, "wrong code", retryAfterSeconds: 2))] {
            #expect(message.encodedLine() == (try Self.encoderLine(message.line)))
        }
    }

    @Test("Views still carry the whole participant view")
    func viewLines() throws {
        var view = ParticipantView(title: "T \"q\"", stage: .phase(.vote), round: 1, rounds: 2, prompt: "p\n", remainingMilliseconds: 5000,
                                   paused: false, locked: false, votesPerPerson: 3, maxVotesPerIdea: 2)
        view.wall = [SharedIdea(id: "abc12", text: "x\u{1B}[31m")]
        let message = ServerMessage.view(view)
        #expect(ServerMessage(try JSONDecoder().decode(ServerLine.self, from: message.encodedLine())) == message)
        #expect(ServerMessage.decodeLine(Array(message.encodedLine().dropLast())) == message)
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
        (#"{"type":"submit","id":"c1","text":"x","receipt":"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}"#, nil),
        (#"{"type":"submit","id":"c1","text":"x","receipt":"0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef"}"#,
         "`receipt` must be 64 lowercase hex digits"),
        (#"{"type":"submit","id":"c1","text":"x","receipt":"abc"}"#, "`receipt` must be 64 lowercase hex digits"),
        (#"{"type":"vote","id":"c1","idea":"a","receipt":"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}"#,
         "unknown field `receipt` in `vote`"),
    ] as [(String, String?)])
    func strictDecoding(line: String, problem: String?) throws {
        if let problem {
            let error = #expect(throws: ClientLine.DecodingProblem.self) { try ClientMessage.decode(Data(line.utf8)) }
            #expect(error?.description == problem)
        } else {
            let message = try ClientMessage.decode(Data(line.utf8))
            #expect(try JSONDecoder().decode(ClientMessage.self, from: Data(line.utf8)) == message)
        }
    }

    @Test("The fast reader and the strict decoder agree on every line, mutated ones included")
    func fastAndStrictAgree() {
        let lines = [
            #"{"type":"hello","version":1,"code":"ABC","token":"t"}"#, #"{"type":"submit","id":"c1","text":"caf\u00e9 \ud83d\ude00"}"#,
            #"{"type":"move","id":"c1","from":"a","to":"b"}"#, #"{"type":"vote","id":"c9","idea":"abc12"}"#,
            #"{"type":"hello","version":1.0,"code":"ABC"}"#, #"{"type":"vote","id":"c9","idea":"abc12","id":"c8"}"#,
            #"{"type":"submit","id":"c1","text":"x","receipt":"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}"#,
        ]
        var random = SeededRandom(seed: TestSeed.make())
        var candidates = lines
        for _ in 0..<3000 {
            var bytes = Array(lines.randomElement(using: &random)!.utf8)
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let at = Int.random(in: 0..<bytes.count, using: &random)
                let byte = [UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "1"),
                            UInt8(ascii: "."), 0xC3, UInt8.random(in: 0...255, using: &random)].randomElement(using: &random)!
                if Bool.random(using: &random) { bytes[at] = byte } else { bytes.insert(byte, at: at) }
            }
            candidates.append(String(decoding: bytes, as: UTF8.self))
        }
        for line in candidates {
            let data = Data(line.utf8)
            let strict = Result { () throws(ClientLine.DecodingProblem) in try ClientLine.strictlyDecoded(data) }
            let fast = data.withUnsafeBytes { JSONValue.parse($0.assumingMemoryBound(to: UInt8.self)).flatMap(ClientLine.plainMessage) }
            if let fast { #expect((try? strict.get()) == fast, "\(line)") }
            #expect((try? ClientLine.decode(data)) == (try? strict.get()), "\(line)")
        }
    }

    @Test("A client's line is byte for byte what the JSON encoder writes", arguments: hostileTexts)
    func clientLines(text: String) throws {
        for message in [ClientMessage.hello(version: 1, code: text, token: text),
                        .request(id: "c1", .submit(text: text, extends: text)),
                        .request(id: text, .move(from: "a", to: "b"))] {
            #expect(message.encodedLine() == (try Self.encoderLine(message.line)))
        }
    }

    @Test("The client reads server lines as JSONDecoder does, mutated ones included")
    func serverLinesRead() throws {
        var view = ParticipantView(title: "T", stage: .phase(.vote), round: 1, rounds: 1, prompt: "p", remainingMilliseconds: 5,
                                   paused: false, locked: false, votesPerPerson: 3, maxVotesPerIdea: 2)
        view.wall = [SharedIdea(id: "a", text: "x")]
        let sources = Self.hostileTexts.flatMap { text in
            [ServerMessage.reply(Reply(id: text, outcome: .saved(idea: "abc12", late: false))), .welcome(token: text),
             .error(WireError(.badMessage, Sentence(literal: text), fatal: true))]
        } + [.view(view)]
        var random = SeededRandom(seed: TestSeed.make())
        var lines = sources.map { Array($0.encodedLine().dropLast()) }
        for _ in 0..<2000 {
            var bytes = lines.randomElement(using: &random)!
            let at = Int.random(in: 0..<bytes.count, using: &random)
            bytes[at] = [UInt8(ascii: "\""), UInt8(ascii: "1"), UInt8(ascii: "}"), UInt8(ascii: "t"), UInt8.random(in: 0...255, using: &random)]
                .randomElement(using: &random)!
            lines.append(bytes)
        }
        for line in lines {
            #expect(ServerLine.decodeLine(line) == (try? JSONDecoder().decode(ServerLine.self, from: Data(line))),
                    "\(String(decoding: line, as: UTF8.self))")
        }
    }
}

@Suite("Wire bounds", .offThePool, .timeLimit(.minutes(5)))
struct WireBoundsTests {
    @Test("The heaviest view a round can hold fits the line limit clients accept")
    func heaviestViewFits() {
        // A round at its limits: the most ideas, and all the text it may hold, in the
        // characters that weigh most once escaped.
        let count = RoundCapacity.maximumIdeas
        let perIdea = RoundCapacity.maximumTextBytes / count / 6
        let text = String(repeating: "\u{1}", count: perIdea)
        var view = ParticipantView(title: String(repeating: "T", count: 200), stage: .phase(.vote), round: 1, rounds: 9,
                                   prompt: String(repeating: "p", count: 2_000), remainingMilliseconds: 1,
                                   paused: false, locked: false, votesPerPerson: 100, maxVotesPerIdea: 100)
        view.wall = (0..<count).map { SharedIdea(id: "abcd\($0 % 10)", text: text) }
        view.myDots = Dictionary(uniqueKeysWithValues: (0..<100).map { ("id\($0)", 1) })
        view.dotsLeft = 0
        let voteLine = ServerMessage.view(view).encodedLine()
        view.wall = nil
        view.results = (0..<count).map { RankedResult(id: "abcd\($0 % 10)", text: text, votes: 9_999, shortlisted: true) }
        let resultsLine = ServerMessage.view(view).encodedLine()
        #expect(voteLine.count <= WireProtocol.maximumServerLineBytes, "\(voteLine.count)")
        #expect(resultsLine.count <= WireProtocol.maximumServerLineBytes, "\(resultsLine.count)")
    }

    @Test("A follow-up round's lobby view carries its experiments and open action items; the end view carries the idea box's address, and only then")
    func followupRoundAndIdeaBox() throws {
        var session = TestSession()
        let token = try session.join(3)[0]
        session.state.apply(.earlierExperimentsShown([EarlierExperiment(id: "E5", title: "Shared calendar", stage: .running)]))
        session.state.apply(.actionItemsShown([OpenActionItem(id: "A4", what: "Ask IT", owner: "Kim")]))
        session.state.apply(.ideaBoxLinked(IdeaBoxAddress("http://ideas.example.lan:7423/")!))
        func view() -> ParticipantView {
            ParticipantView.of(session.state, for: token, buildOn: nil, shared: SharedViewParts(state: session.state), now: session.now)
        }
        #expect(view().followupRound == FollowupRound(experiments: [EarlierExperiment(id: "E5", title: "Shared calendar", stage: .running)],
                                                      actionItems: [OpenActionItem(id: "A4", what: "Ask IT", owner: "Kim")]))
        #expect(view().ideaBox == nil)
        let line = ServerMessage.view(view()).encodedLine()
        #expect(ServerMessage(try JSONDecoder().decode(ServerLine.self, from: line)) == .view(view()))
        try session.facilitator(.advance)
        #expect(view().followupRound == nil && view().ideaBox == nil, "the round is over once the first phase starts")
        let mine = try session.submit("Mine", by: token)
        let theirs = try session.submit("Theirs", by: ParticipantToken("token-1"))
        #expect(throws: Refusal.self) { try session.facilitator(.notePortfolioNumbers([mine.rawValue: "B7"])) }
        while session.state.stage != .finished { try session.facilitator(.advance) }
        #expect(view().ideaBox == "http://ideas.example.lan:7423/")
        #expect(view().myNumbers == nil, "no numbers before the run is in the portfolio")
        try session.facilitator(.notePortfolioNumbers([mine.rawValue: "B7", theirs.rawValue: "B8"]))
        #expect(view().myNumbers == ["B7"], "only this participant's own ideas")
    }
}
