import Foundation
import IdeateCore
import IdeateProtocol
import IdeateTestSupport
import Testing

/// The participant protocol, version 1, pinned byte for byte: `Golden/client-v1.jsonl` and
/// `Golden/server-v1.jsonl` hold a line of every request, every reply outcome, every code and
/// every stage of a view, written once by the encoder and never regenerated. Whatever the
/// Swift types look like, a client of version 1 must keep reading and writing these lines.
@Suite("Wire golden lines", .offThePool)
struct WireGoldenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func lines(_ name: String) throws -> [String] {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8).split(separator: "\n").map(String.init)
    }

    /// Text a person may type, with everything that must be escaped or kept as it is.
    static let typed = "Shared \"calendar\" / back\\slash\ttab\nnew line \u{1}\u{1B}[31m\u{7F} é 会議 👩🏽‍💻 \u{202E}bidi\u{200B}"

    /// Every message a client sends: both hellos and every request.
    static let clientSamples: [ClientMessage] = [
        .hello(version: 1, code: "K7P2QX", token: nil),
        .hello(version: 1, code: "K7P2QX", token: "0123456789abcdef0123456789abcdef"),
        .hello(version: 1, code: "K7P2QX", token: "0123456789abcdef0123456789abcdef", language: "fr-BE"),
        .request(id: "c1", .submit(text: "Shorter meetings")),
        .request(id: "c2", .submit(text: typed, extends: "abc12")),
        .request(id: "c3", .edit(idea: "abc12", text: "Shorter, fewer meetings")),
        .request(id: "c4", .withdraw(idea: "abc12")),
        .request(id: "c5", .vote(idea: "abc12")),
        .request(id: "c6", .unvote(idea: "abc12")),
        .request(id: "c7", .move(from: "abc12", to: "def34")),
        .request(id: "c8", .done),
        .request(id: "c9", .undone),
        .request(id: "c10", .rate(idea: "abc12", impact: 4, effort: 2)),
    ]

    /// The name of a client message's kind. Exhaustive: a new request does not compile until
    /// it is named here, and its sample and golden line added.
    static func kind(of message: ClientMessage) -> String {
        switch message {
        case .hello: "hello"
        case let .request(_, request):
            switch request {
            case .submit: "submit"
            case .edit: "edit"
            case .withdraw: "withdraw"
            case .vote: "vote"
            case .unvote: "unvote"
            case .move: "move"
            case .done: "done"
            case .undone: "undone"
            case .rate: "rate"
            }
        }
    }

    static let everyClientKind: Set = ["hello", "submit", "edit", "withdraw", "vote", "unvote", "move", "done", "undone", "rate"]

    static func refused(_ id: String, _ code: WireErrorCode, _ message: String) -> ServerMessage {
        .reply(Reply(id: id, outcome: .refused(code, Sentence(literal: message))))
    }

    /// Every reply outcome, with each code a reply carries.
    static let replySamples: [ServerMessage] = [
        .reply(Reply(id: "c1", outcome: .saved(idea: "abc12", late: false))),
        .reply(Reply(id: "c2", outcome: .saved(idea: "abc12", late: true))),
        .reply(Reply(id: "c3", outcome: .saved(idea: nil, late: false))),
        .reply(Reply(id: "c3", outcome: .saved(idea: "abc12", late: false, held: true))),
        .reply(Reply(id: typed, outcome: .saved(idea: typed, late: false))),
        refused("c4", .notNow, "Building on an idea is possible only while the build phase is open."),
        refused("c5", .roundClosed, "The round has closed; ideas can no longer be changed."),
        refused("c6", .invalidText, "An idea needs some text."),
        refused("c7", .unknownIdea, "Idea abc12 is not on this round's ballot."),
        refused("c8", .notYours, "You can only edit your own ideas."),
        refused("c9", .budget, "You have placed all 3 dots; take one back to move it."),
        refused("c10", .notJoined, "Join the workshop before sending anything."),
        refused("c11", .finished, "The workshop has ended. Thank you!"),
        refused("c12", .roundFull, "This round already holds 10000 ideas, as many as the room can read; keep yours for the next round."),
        refused("c13", .rateLimited, "Slow down a little: at most 20 ideas per 10 seconds."),
        refused("c14", .notSaved, "Not saved: the facilitator's disk is full. Your text is kept here; send it again in a moment."),
        refused("c15", .notSaved, typed),
    ]

    /// Every error the server sends about a connection, with the sentences it sends.
    static let errorSamples: [ServerMessage] = [
        .error(WireError(.badMessage, "bad message: unknown field `colour` in `vote`")),
        .error(WireError(.badMessage, "bad message: not a JSON object", fatal: true)),
        .error(WireError(.helloFirst, "say hello with the join code first")),
        .error(WireError(.alreadyJoined, "already joined on this connection")),
        .error(WireError(.version, "protocol version 2 is not spoken here; this server speaks 1", fatal: true)),
        .error(WireError(.tooLarge, "message too large: the limit is 16 KiB per line", fatal: true)),
        .error(WireError(.wrongCode, "wrong code — check the shared screen")),
        .error(WireError(.tooManyTries, "too many wrong codes; check the code on the shared screen and connect again", fatal: true)),
        .error(WireError(.rateLimited, "many people are joining at once; wait 3 s and try again", retryAfterSeconds: 3)),
        .error(WireError(.locked, "The room is locked: the facilitator has closed joining. Ask them to open it if you should be in.")),
        .error(WireError(.full, "The workshop is full: 2000 participants have joined.")),
        .error(WireError(.helloTimeout, "no hello within 10 s; connect again and join with the code", fatal: true)),
        .error(WireError(.serverFull, "the server has as many connections as it serves; try again in a minute", fatal: true, retryAfterSeconds: 60)),
        .error(WireError(.notSaved, "Not saved: the facilitator's disk is full. Your text is kept here; send it again in a moment.", retryAfterSeconds: 5)),
    ]

    static func view(_ stage: ParticipantView.Stage, remaining: Int64? = 192_000) -> ParticipantView {
        ParticipantView(title: "Quick start — one small improvement", stage: stage, round: 1, rounds: 2,
                        prompt: "What slows you down every week?", remainingMilliseconds: remaining,
                        paused: false, locked: false, votesPerPerson: 3, maxVotesPerIdea: 2)
    }

    static let wall = [SharedIdea(id: "abc12", text: "Shorter meetings"), SharedIdea(id: "def34", text: typed)]

    /// A view of every stage, and each optional part of a view.
    static var viewSamples: [ServerMessage] {
        var lobby = view(.lobby, remaining: nil)
        lobby.title = typed
        lobby.prompt = typed
        var ideate = view(.phase(.ideate))
        ideate.paused = true
        ideate.done = false
        var build = view(.phase(.build))
        build.buildOn = SharedIdea(id: "abc12", text: "Shorter meetings")
        build.done = true
        var group = view(.phase(.group), remaining: 0)
        group.locked = true
        group.wall = wall
        var vote = view(.phase(.vote))
        vote.wall = wall
        vote.myDots = ["def34": 1, "abc12": 2]
        vote.dotsLeft = 0
        var voteAgain = view(.phase(.vote), remaining: 191_000)
        voteAgain.wallUnchanged = true
        voteAgain.myDots = [:]
        voteAgain.dotsLeft = 3
        let results = [RankedResult(id: "def34", text: typed, votes: 7, shortlisted: true),
                       RankedResult(id: "abc12", text: "Shorter meetings", votes: 0, shortlisted: false)]
        var review = view(.phase(.review), remaining: nil)
        review.results = results
        var finished = view(.finished, remaining: nil)
        finished.round = 2
        finished.results = results
        var rating = view(.phase(.rate))
        rating.toRate = [SharedIdea(id: "abc12", text: "Shorter meetings")]
        rating.myRatings = ["abc12": SharedRating(impact: 4, effort: 2)]
        var rated = view(.phase(.rate), remaining: 0)
        rated.locked = true
        rated.ratings = [RatingResult(id: "abc12", text: "Shorter meetings", raters: 6, impact: 4, effort: 3.5, impactSpread: 1,
                                      effortSpread: 3, disputed: true)]
        return [lobby, ideate, build, group, vote, voteAgain, review, finished, rating, rated].map(ServerMessage.view)
    }

    static var serverSamples: [ServerMessage] {
        [.welcome(token: "0123456789abcdef0123456789abcdef"), .welcome(token: "0123456789abcdef0123456789abcdef", language: "fr")] + replySamples + errorSamples + viewSamples
    }

    @Test("Every client line of version 1 reads as its message, and is what a client writes today")
    func clientLines() throws {
        let lines = try Self.lines("client-v1.jsonl")
        #expect(lines.count == Self.clientSamples.count)
        for (line, sample) in zip(lines, Self.clientSamples) {
            #expect(try ClientMessage.decode(Data(line.utf8)) == sample, "\(line)")
            #expect(String(decoding: sample.encodedLine(), as: UTF8.self) == line + "\n")
        }
        #expect(Set(Self.clientSamples.map(Self.kind(of:))) == Self.everyClientKind)
    }

    @Test("Every server line of version 1 is what the server writes today, and reads back as its message")
    func serverLines() throws {
        let lines = try Self.lines("server-v1.jsonl")
        let samples = Self.serverSamples
        #expect(lines.count == samples.count)
        for (line, sample) in zip(lines, samples) {
            #expect(String(decoding: sample.encodedLine(), as: UTF8.self) == line + "\n")
            #expect(ServerMessage.decodeLine(Array(line.utf8)) == sample, "\(line)")
        }
    }

    @Test("The golden server lines carry every code, in replies and errors as the protocol allows, and every stage")
    func everyCodeAndStageIsPinned() throws {
        let messages = try Self.lines("server-v1.jsonl").compactMap { ServerMessage.decodeLine(Array($0.utf8)) }
        var codes: Set<WireErrorCode> = []
        var stages: Set<ParticipantView.Stage> = []
        for message in messages {
            switch message {
            case let .reply(reply): if case let .refused(code, _) = reply.outcome { codes.insert(code) }
            case let .error(error): codes.insert(error.code)
            case let .view(view): stages.insert(view.stage)
            case .welcome: break
            }
        }
        #expect(codes == Set(WireErrorCode.allCases))
        #expect(stages == Set([.lobby, .finished] + PhaseKind.allCases.map(ParticipantView.Stage.phase)))
    }
}
