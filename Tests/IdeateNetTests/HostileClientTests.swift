import Foundation
import IdeateCore
import IdeateNet
import IdeateProtocol
import IdeateRuntime
import IdeateStore
import IdeateTestSupport
import Testing

/// What issue 9 saw, each reproduced against a real server on 127.0.0.1.
@Suite("Hostile clients", .offThePool, .serialized, .timeLimit(.minutes(5)))
struct HostileClientTests {
    static let hello = "{\"type\":\"hello\",\"version\":1,\"code\":\"K7P2QX\"}\n"

    static func hello(token: String) -> String {
        "{\"type\":\"hello\",\"version\":1,\"code\":\"K7P2QX\",\"token\":\"\(token)\"}\n"
    }

    /// A raw connection that has joined, and its token.
    static func joined(_ live: LiveServer) async throws -> (RawConnection, String) {
        let raw = try RawConnection(port: live.port)
        raw.send(hello)
        let welcome = await raw.read(until: "welcome")
        let line = try #require(welcome.split(separator: "\n").first { $0.contains("welcome") })
        guard case let .welcome(token, _)? = ServerMessage.decodeLine(Array(line.utf8)) else { throw POSIXError(.EPROTO) }
        return (raw, token)
    }

    static func replies(in text: String) -> [Reply] {
        text.split(separator: "\n").compactMap { line in
            if case let .reply(reply)? = ServerMessage.decodeLine(Array(line.utf8)) { return reply }
            return nil
        }
    }

    @Test("The same vote id sent on three connections at once adds one dot, and all three hear \"saved\"")
    func voteRacedOnThreeConnections() async throws {
        try await LiveServer.with(reveal: .immediate) { live in
            let author = await live.client()
            let idea = try #require(await author.submit("Vote for me").idea)
            try await live.engine.execute(.facilitator(.advance), at: live.clock.now)
            let (first, token) = try await Self.joined(live)
            var connections = [first]
            for _ in 0..<2 {
                let raw = try RawConnection(port: live.port)
                raw.send(Self.hello(token: token))
                _ = await raw.read(until: "welcome")
                connections.append(raw)
            }
            let vote = "{\"type\":\"vote\",\"id\":\"v-race\",\"idea\":\"\(idea)\"}\n"
            for raw in connections { raw.send(vote) }
            var answers: [Reply] = []
            for raw in connections { answers += Self.replies(in: await raw.read(until: "v-race")) }
            #expect(answers.count == 3)
            let allSaved = answers.allSatisfy(\.isSaved)
            #expect(allSaved)
            let state = try live.store.replay()
            #expect(state.ballot(of: ParticipantToken(token)) == [IdeaID(idea): 1])
            await author.stop()
        }
    }

    @Test("A move that succeeded, sent again, is answered \"saved\" and moves nothing")
    func resentMove() async throws {
        try await LiveServer.with(reveal: .immediate) { live in
            let client = await live.client()
            var ids: [String] = []
            for text in ["A", "B"] { ids.append(try #require(await client.submit(text).idea)) }
            try await live.engine.execute(.facilitator(.advance), at: live.clock.now)
            #expect(await client.request(.vote(idea: ids[0])).isSaved)
            let id = await client.send(.move(from: ids[0], to: ids[1]))
            _ = await firstEvent(client) { if case let .reply(reply) = $0 { reply.id == id } else { false } }
            await client.dropConnection()
            let token = try #require(await client.resumeToken)
            let raw = try RawConnection(port: live.port)
            raw.send(Self.hello(token: token))
            _ = await raw.read(until: "welcome")
            raw.send("{\"type\":\"move\",\"id\":\"\(id)\",\"from\":\"\(ids[0])\",\"to\":\"\(ids[1])\"}\n")
            let answer = try #require(Self.replies(in: await raw.read(until: id)).first)
            #expect(answer.isSaved, "\(answer)")
            #expect(try live.store.replay().ballot(of: ParticipantToken(token)) == [IdeaID(ids[1]): 1])
            await client.stop()
        }
    }

    @Test("2,000 requests written at once on one connection all get an answer")
    func pipelinedRequests() async throws {
        try await LiveServer.with() { live in
            let (raw, _) = try await Self.joined(live)
            let burst = (0..<2_000).map { "{\"type\":\"withdraw\",\"id\":\"p\($0)\",\"idea\":\"nope\($0)\"}\n" }.joined()
            raw.send(burst)
            let answers = Self.replies(in: await raw.read(until: "\"type\":\"reply\"", count: 2_000))
            let expectedIDs = Set((0..<2_000).map { "p\($0)" })
            #expect(Set(answers.map(\.id)) == expectedIDs)
            let refusedWithTheirIdea = answers.allSatisfy {
                $0.outcome == .refused(.unknownIdea, Sentence(literal: "There is no idea \($0.id.replacingOccurrences(of: "p", with: "nope"))."))
            }
            #expect(refusedWithTheirIdea)
        }
    }

    @Test("A client that never reads is no longer read; the server serves others; refusals quote little of the input")
    func nonReader() async throws {
        try await LiveServer.with() { live in
            let (raw, _) = try await Self.joined(live)
            let hostileType = String(repeating: "x", count: 12_000)
            // Well-formed requests, each earning a refusal the peer never reads (a malformed line
            // would end the connection after a few: that limit is tested on its own).
            let line = Array("{\"type\":\"withdraw\",\"id\":\"w\",\"idea\":\"nope\"}\n".utf8)
            var unsent = line[...]
            var broken = false
            /// Sends until the socket takes no more (whole lines, however the kernel splits them).
            func fill() -> Int {
                var taken = 0
                while taken < 8_000_000 {
                    guard let more = raw.sendSome(unsent) else { broken = true; break }
                    if more == 0 { break }
                    taken += more
                    unsent = unsent.dropFirst(more)
                    if unsent.isEmpty { unsent = line[...] }
                }
                return taken
            }
            // A server that buffered every refusal would take every line. One that stops may still
            // take a burst when the kernel grows its buffers, or after a pause under load: it has
            // stopped when, after two quiet seconds, the socket takes hardly anything more.
            var total = fill()
            var stoppedReading = false
            for _ in 0..<40 where !broken {
                _ = await raw.becomesWritable(within: 2_000)
                let taken = fill()
                total += taken
                if taken < 64 * 1024 { stoppedReading = true; break }
            }
            #expect(stoppedReading || broken, "the server read \(total) bytes from a peer that reads nothing")
            #expect(total < 64_000_000, "the server took \(total) bytes before it stopped")
            let bystander = await live.client()
            #expect(await bystander.submit("Still served").isSaved)
            await bystander.stop()

            let echo = try RawConnection(port: live.port)
            echo.send("{\"type\":\"\(hostileType)\"}\n")
            let refusal = await echo.read(until: "error")
            #expect(refusal.count < 300, "the refusal echoed the input: \(refusal.count) bytes")
        }
    }

    @Test("Refused answers are remembered within a bound and freed when the participant leaves")
    func refusalCachesAreFreed() async throws {
        var limits = ParticipantHub.Limits()
        limits.refusalsRemembered = 16
        try await LiveServer.with(hubLimits: limits) { live in
            var open: [RawConnection] = []
            for _ in 0..<3 {
                let (raw, _) = try await Self.joined(live)
                raw.send((0..<100).map { "{\"type\":\"withdraw\",\"id\":\"r\($0)\",\"idea\":\"none\"}\n" }.joined())
                _ = await raw.read(until: "\"type\":\"reply\"", count: 100)
                open.append(raw)
            }
            let busy = await live.hub.footprint
            #expect(busy.rememberedRefusals == 3 * 16)
            #expect(busy.participantsWithRefusals == 3)
            open = []
            var footprint = busy
            for _ in 0..<100 where footprint.rememberedRefusals > 0 {
                try await SystemClock().sleep(for: .milliseconds(50))
                footprint = await live.hub.footprint
            }
            #expect(footprint.connections == 0)
            #expect(footprint.participantsWithRefusals == 0)
            #expect(footprint.rememberedRefusals == 0)
            #expect(footprint.requestsInFlight == 0)
        }
    }

    @Test("Sockets that never say hello are closed after the deadline and never keep a newcomer out")
    func idleSockets() async throws {
        var limits = ParticipantServer.Limits()
        limits.maximumUnjoined = 20
        limits.helloDeadline = .seconds(2)
        try await LiveServer.with(serverLimits: limits) { live in
            let idle = try (0..<60).map { _ in try RawConnection(port: live.port) }
            let newcomer = await live.client()
            let connected = await firstEvent(newcomer, seconds: 5) { $0 == .connected(language: "en") }
            #expect(connected != nil, "a newcomer was kept out by idle sockets")
            var endings: [String] = []
            for socket in idle { endings.append(await socket.readToEnd()) }
            #expect(endings[0].contains("Closed to make room"), "the oldest idle socket makes room")
            let allTold = endings.allSatisfy { $0.contains("helloTimeout") }
            #expect(allTold, "every idle socket is told why it was closed")
            // Connections are counted on the event loop that took them, so the last ones made
            // may be counted in another order: which of the newest stay is not fixed, only how many.
            let metDeadline = endings.count { $0.contains("No code within 2 seconds") }
            #expect((1...limits.maximumUnjoined).contains(metDeadline), "the newest idle sockets meet the deadline (\(metDeadline))")
            await newcomer.stop()
        }
    }

    @Test("Past the connection cap a newcomer is told the server is full")
    func connectionCap() async throws {
        var limits = ParticipantServer.Limits()
        limits.maximumConnections = 3
        try await LiveServer.with(serverLimits: limits) { live in
            var open: [RawConnection] = []
            for _ in 0..<3 { open.append(try await Self.joined(live).0) }
            let extra = try RawConnection(port: live.port)
            #expect(await extra.readToEnd().contains("\"code\":\"serverFull\""))
            #expect(live.server.openConnections == 3)
            _ = open
        }
    }

    @Test("Five wrong codes close that connection only; a participant with a valid token from the same address gets back in")
    func wrongCodesHitOnlyTheGuesser() async throws {
        var limits = ParticipantHub.Limits()
        limits.wrongCodeDelay = .milliseconds(10)
        try await LiveServer.with(hubLimits: limits) { live in
            let (participant, token) = try await Self.joined(live)
            let guesser = try RawConnection(port: live.port)
            for attempt in 0..<5 {
                guesser.send("{\"type\":\"hello\",\"version\":1,\"code\":\"GUESS\(attempt)\"}\n")
                _ = await guesser.read(until: "\"type\":\"error\"")
            }
            #expect(await guesser.readToEnd().isEmpty, "the guesser's connection is closed")
            let again = try RawConnection(port: live.port)
            again.send(Self.hello(token: token))
            #expect(await again.read(until: "welcome").contains(token))
            let newcomer = try RawConnection(port: live.port)
            newcomer.send(Self.hello)
            #expect(await newcomer.read(until: "welcome").contains("welcome"))
            _ = participant
        }
    }

    @Test("The fifth wrong code on one connection says so and closes it")
    func tooManyTries() async throws {
        var limits = ParticipantHub.Limits()
        limits.wrongCodeDelay = .milliseconds(10)
        try await LiveServer.with(hubLimits: limits) { live in
            let guesser = try RawConnection(port: live.port)
            for attempt in 0..<5 { guesser.send("{\"type\":\"hello\",\"version\":1,\"code\":\"GUESS\(attempt)\"}\n") }
            let answers = await guesser.readToEnd()
            #expect(answers.components(separatedBy: "\"code\":\"wrongCode\"").count - 1 == 4)
            #expect(answers.contains("\"code\":\"tooManyTries\""))
        }
    }

    @Test("A guessing storm slows every code check, right or wrong, but never a valid token")
    func guessingStorm() async throws {
        var limits = ParticipantHub.Limits()
        limits.wrongCodeDelay = .milliseconds(10)
        limits.wrongCodeBurst = 3
        limits.wrongCodesPerSecond = 0.01
        limits.guessingStormDelay = .milliseconds(600)
        // Every delay sleeps on the session clock: the test moves it, so the storm is exact.
        let clock = TestClock()
        try await LiveServer.with(hubLimits: limits, clock: clock) { live in
            let (_, token) = try await Self.joined(live)
            for attempt in 0..<3 {
                let guesser = try RawConnection(port: live.port)
                guesser.send("{\"type\":\"hello\",\"version\":1,\"code\":\"GUESS\(attempt)\"}\n")
                await clock.waitForSleeper(until: clock.now.advanced(by: limits.wrongCodeDelay))
                clock.advance(by: limits.wrongCodeDelay)
                #expect(await guesser.read(until: "error").contains("wrongCode"))
            }
            // The budget of wrong codes is spent: the right code waits for the storm's delay.
            let rightCodeNoToken = try RawConnection(port: live.port)
            rightCodeNoToken.send(Self.hello)
            await clock.waitForSleeper(until: clock.now.advanced(by: limits.guessingStormDelay))
            clock.advance(by: limits.guessingStormDelay)
            #expect(await rightCodeNoToken.read(until: "welcome").contains("welcome"))
            // A wrong one waits for the storm, then for the wrong-code delay.
            let wrong = try RawConnection(port: live.port)
            wrong.send("{\"type\":\"hello\",\"version\":1,\"code\":\"GUESS9\"}\n")
            await clock.waitForSleeper(until: clock.now.advanced(by: limits.guessingStormDelay))
            clock.advance(by: limits.guessingStormDelay)
            await clock.waitForSleeper(until: clock.now.advanced(by: limits.wrongCodeDelay))
            clock.advance(by: limits.wrongCodeDelay)
            #expect(await wrong.read(until: "error").contains("wrongCode"))
            // A valid token is welcomed with the clock standing still: it never waits.
            let returning = try RawConnection(port: live.port)
            returning.send(Self.hello(token: token))
            #expect(await returning.read(until: "welcome").contains(token))
        }
    }

    @Test("A locked room refuses new participants with a code and lets known ones reconnect; the plan's cap holds")
    func lockedRoom() async throws {
        try await LiveServer.with(maxParticipants: 2) { live in
            let (_, token) = try await Self.joined(live)
            try await live.engine.execute(.facilitator(.lockRoom), at: live.clock.now)
            let stranger = try RawConnection(port: live.port)
            stranger.send(Self.hello)
            #expect(await stranger.read(until: "error").contains("\"code\":\"locked\""))
            let guesser = try RawConnection(port: live.port)
            guesser.send("{\"type\":\"hello\",\"version\":1,\"code\":\"WRONG1\"}\n")
            #expect(await guesser.read(until: "error").contains("\"code\":\"locked\""), "a locked room answers a wrong code the same")
            let known = try RawConnection(port: live.port)
            known.send(Self.hello(token: token))
            #expect(await known.read(until: "welcome").contains(token))
            try await live.engine.execute(.facilitator(.unlockRoom), at: live.clock.now)
            _ = try await Self.joined(live)
            let third = try RawConnection(port: live.port)
            third.send(Self.hello)
            #expect(await third.read(until: "error").contains("\"code\":\"full\""))
        }
    }
}
