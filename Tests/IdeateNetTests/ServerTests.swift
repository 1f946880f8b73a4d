import Foundation
import IdeateCore
import IdeateNet
import IdeateProtocol
import IdeateRuntime
import IdeateStore
import IdeateTestSupport
import NIOCore
import NIOPosix
import Testing

/// A server on 127.0.0.1 over a real run file, in ideation, for one test: the participant
/// server, the session runtime and the view publisher run in a task group around the test's
/// body and stop when it returns (structured teardown; the run's folder goes with them).
struct LiveServer {
    let folder: String
    let store: RunStore
    let engine: DurableEngine
    let hub: ParticipantHub
    let server: ParticipantServer
    let port: Int
    let clock: any SessionClock
    static let code = "K7P2QX"

    static func with<Result: Sendable>(
        phases: [PhasePlan] = [PhasePlan(kind: .ideate, seconds: 600), PhasePlan(kind: .vote, seconds: 600)],
        reveal: AnonymitySettings.Reveal = .batch, maxParticipants: Int = Plan.defaultMaxParticipants,
        hubLimits: ParticipantHub.Limits = .init(), serverLimits: ParticipantServer.Limits = .init(),
        clock: any SessionClock = SystemClock(), roomLanguage: Language = .english,
        _ body: (LiveServer) async throws -> Result
    ) async throws -> Result {
        let folder = NSTemporaryDirectory() + "ideate-net-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let plan = Plan(title: "Net", goal: "Test", anonymity: AnonymitySettings(reveal: reveal, batchSeconds: 1, minBatch: 3),
                        voting: VotingSettings(votesPerPerson: 3, maxVotesPerIdea: 2, shortlist: 2),
                        rounds: [RoundPlan(prompt: "Ideas?", phases: phases)], maxParticipants: maxParticipants)
        let store = try RunStore.create(at: folder + "/run.sqlite", plan: plan)
        let engine = try DurableEngine(store: store, seed: 9)
        try await engine.execute(.facilitator(.advance), at: clock.now)
        let hub = ParticipantHub(engine: engine, clock: clock, code: code, roomLanguage: roomLanguage, limits: hubLimits)
        let server = ParticipantServer(hub: hub, host: "127.0.0.1", port: 0, limits: serverLimits)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            group.addTask { await SessionRuntime(engine: engine, clock: clock).run() }
            group.addTask { await hub.publishViews() }
            defer { group.cancelAll() }
            let live = LiveServer(folder: folder, store: store, engine: engine, hub: hub, server: server,
                                  port: try await server.port(), clock: clock)
            return try await body(live)
        }
    }

    func client(code: String = LiveServer.code) async -> ParticipantClient {
        let client = ParticipantClient(host: "127.0.0.1", port: port, code: code)
        await client.start()
        return client
    }

    /// Waits until the session's state satisfies `condition`, woken by its changes (no polling).
    func waitForState(_ condition: (SessionState) -> Bool) async {
        var changes = engine.changes().makeAsyncIterator()
        while !condition(await engine.currentState()), await changes.next() != nil {}
    }
}

/// Waits for the first event matching `predicate`.
func firstEvent(_ client: ParticipantClient, seconds: Double = 30, where predicate: @escaping @Sendable (ClientEvent) -> Bool) async -> ClientEvent? {
    await withTaskGroup(of: ClientEvent?.self) { group in
        group.addTask {
            for await event in client.events where predicate(event) { return event }
            return nil
        }
        group.addTask {
            try? await SystemClock().sleep(for: .milliseconds(Int(seconds * 1000)))
            return nil
        }
        let first = await group.next() ?? nil
        group.cancelAll()
        return first
    }
}

/// A raw TCP connection for sending what a well-behaved client never would.
final class RawConnection: @unchecked Sendable {
    let input: FileHandle
    let socket: Int32

    init(port: Int) throws {
        let descriptor = try connectedLoopbackSocket(port: port)
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        socket = descriptor
        input = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Lines received until a whole line contains `text` (or the connection ends or times out).
    /// The blocking reads run on their own thread: on the two-thread cooperative pool, a test
    /// blocked in `recv` beside another blocked test would starve the server it waits for.
    func read(until text: String) async -> String {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: self.readBlocking(until: text)) }
        }
    }

    /// Lines received until `count` whole lines contain `text`.
    func read(until text: String, count: Int) async -> String {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: self.readBlocking(until: text, count: count)) }
        }
    }

    /// Everything until the server closes the connection (or the read times out).
    func readToEnd() async -> String { await read(until: "\u{0}never\u{0}") }

    /// Whether the socket can take bytes again within `milliseconds` (the server read what filled
    /// its buffers). The blocking poll runs on its own thread, as the reads do.
    func becomesWritable(within milliseconds: Int32) async -> Bool {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var descriptor = pollfd(fd: self.socket, events: Int16(POLLOUT), revents: 0)
                let ready = poll(&descriptor, 1, milliseconds)
                let broken = descriptor.revents & Int16(POLLERR | POLLHUP) != 0
                continuation.resume(returning: ready > 0 && !broken && descriptor.revents & Int16(POLLOUT) != 0)
            }
        }
    }

    /// Sends what the socket takes without waiting (a part, when its buffers are nearly full):
    /// the count of bytes taken, 0 when they are full, nil once the connection is broken.
    func sendSome(_ bytes: ArraySlice<UInt8>) -> Int? {
        let sent = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
        if sent >= 0 { return sent }
        return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : nil
    }

    private func readBlocking(until text: String, count: Int = 1) -> String {
        var received = ""
        var buffer = [UInt8](repeating: 0, count: 65_536)
        func hasWholeLine() -> Bool {
            // What follows the last newline is not a whole line yet.
            received.split(separator: "\n", omittingEmptySubsequences: false).dropLast().filter { $0.contains(text) }.count >= count
        }
        while !hasWholeLine() {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { break }
            received += String(decoding: buffer[0..<count], as: UTF8.self)
        }
        return received
    }
}

@Suite("Participant server", .offThePool, .serialized, .timeLimit(.minutes(5)))
struct ServerTests {
    @Test("Join with the right code; a wrong code is refused, slowly")
    func joinCodes() async throws {
        let clock = TestClock()
        try await LiveServer.with(clock: clock) { live in
            let good = await live.client()
            let connected = await firstEvent(good) { $0 == .connected(language: "en") }
            #expect(connected != nil)
            let bad = await live.client(code: "WRONG1")
            // The answer waits on the session clock for the wrong-code delay; the clock moves
            // only when the test moves it.
            await clock.waitForSleeper(until: clock.now.advanced(by: ParticipantHub.Limits().wrongCodeDelay))
            clock.advance(by: ParticipantHub.Limits().wrongCodeDelay)
            let event = await firstEvent(bad) { if case .problem = $0 { true } else { false } }
            #expect(event == .problem(WireError(.wrongCode, "Wrong code — check the shared screen and type it again.")))
            #expect(await live.engine.currentState().participants.count == 1)
            await good.stop()
            await bad.stop()
        }
    }

    @Test("Submit, edit, withdraw; each acknowledged only once it is in the run file")
    func submitEditWithdraw() async throws {
        try await LiveServer.with() { live in
            let client = await live.client()
            let reply = await client.submit("Shorter meetings")
            #expect(reply.isSaved)
            let id = try #require(reply.idea)
            #expect(try live.store.replay().ideas[IdeaID(id)]?.text == "Shorter meetings", "committed before the reply")
            #expect(await client.request(.edit(idea: id, text: "Shorter, fewer meetings")).isSaved)
            #expect(try live.store.replay().ideas[IdeaID(id)]?.text == "Shorter, fewer meetings")
            #expect(await client.request(.withdraw(idea: id)).isSaved)
            #expect(try live.store.replay().ideas[IdeaID(id)]?.isWithdrawn == true)
            let other = await live.client()
            let theirs = await other.submit("Mine")
            let refused = await client.request(.edit(idea: theirs.idea ?? "", text: "Hijacked"))
            #expect(refused.isSaved == false)
            #expect(refused.message == "You can only edit your own ideas.")
            await client.stop()
            await other.stop()
        }
    }

    @Test("A resend after a dropped connection gets the first answer and adds nothing")
    func resendAfterDrop() async throws {
        try await LiveServer.with() { live in
            let client = await live.client()
            let first = await client.submit("Only once")
            await client.dropConnection()
            let raw = try RawConnection(port: live.port)
            let token = try #require(await client.resumeToken)
            raw.send("{\"type\":\"hello\",\"version\":1,\"code\":\"K7P2QX\",\"token\":\"\(token)\"}\n")
            _ = await raw.read(until: "welcome")
            _ = first
            let id = "resend-1"
            raw.send("{\"type\":\"submit\",\"id\":\"\(id)\",\"text\":\"Sent twice\"}\n")
            let answer1 = await raw.read(until: "\"id\":\"\(id)\"")
            let raw2 = try RawConnection(port: live.port)
            raw2.send("{\"type\":\"hello\",\"version\":1,\"code\":\"K7P2QX\",\"token\":\"\(token)\"}\n")
            _ = await raw2.read(until: "welcome")
            raw2.send("{\"type\":\"submit\",\"id\":\"\(id)\",\"text\":\"Sent twice\"}\n")
            let answer2 = await raw2.read(until: "\"id\":\"\(id)\"")
            func ideaID(_ text: String) -> String? {
                text.split(separator: "\n").first { $0.contains("\"id\":\"\(id)\"") }
                    .flatMap { line -> String? in
                        guard case let .reply(reply)? = ServerMessage.decodeLine(Array(line.utf8)) else { return nil }
                        return reply.idea
                    }
            }
            #expect(ideaID(answer1) != nil, "first answer: \(answer1)")
            #expect(ideaID(answer1) == ideaID(answer2), "second answer: \(answer2)")
            let texts = try live.store.replay().ideas.values.map(\.text)
            let counts = Dictionary(grouping: texts, by: \.self).mapValues(\.count)
            #expect(counts["Sent twice"] == 1)
            #expect(counts["Only once"] == 1)
            await client.stop()
        }
    }

    @Test("\"I'm done\" over the wire: saved only once committed, the sender's view says so at once, the room keeps a count")
    func doneOverTheWire() async throws {
        try await LiveServer.with() { live in
            let first = try RawConnection(port: live.port)
            first.send("{\"type\":\"hello\",\"version\":1,\"code\":\"K7P2QX\"}\n")
            #expect(await first.read(until: "\"done\":false").contains("welcome"))
            first.send("{\"type\":\"done\",\"id\":\"d1\"}\n")
            let saved = await first.read(until: "\"done\":true")
            #expect(saved.contains("{\"id\":\"d1\",\"message\":\"saved\",\"ok\":true,\"type\":\"reply\"}"), "\(saved)")
            #expect(try live.store.replay().doneCount == 1, "committed before the reply")
            let second = await live.client()
            #expect(await second.request(.done).isSaved)
            #expect(try live.store.replay().doneCount == 2)
            // A resend of d1 after "undone" changes nothing: the request was carried out once.
            first.send("{\"type\":\"undone\",\"id\":\"d2\"}\n")
            _ = await first.read(until: "\"id\":\"d2\"")
            first.send("{\"type\":\"done\",\"id\":\"d1\"}\n")
            _ = await first.read(until: "\"id\":\"d1\"")
            #expect(try live.store.replay().doneCount == 1)
            try await live.engine.execute(.facilitator(.advance), at: live.clock.now)
            #expect(try live.store.replay().doneCount == 0, "the vote starts with nobody done")
            let late = await second.request(.done)
            #expect(late.message == "You can say you're done only while ideas are being collected.", "\(late.message)")
            await second.stop()
        }
    }

    @Test("The vote budget survives a reconnect")
    func budgetAcrossReconnect() async throws {
        try await LiveServer.with(reveal: .immediate) { live in
            let client = await live.client()
            var ids: [String] = []
            for text in ["A", "B", "C"] { ids.append(try #require(await client.submit(text).idea)) }
            try await live.engine.execute(.facilitator(.advance), at: live.clock.now)
            #expect(await client.request(.vote(idea: ids[0])).isSaved)
            #expect(await client.request(.vote(idea: ids[0])).isSaved)
            await client.dropConnection()
            #expect(await client.request(.vote(idea: ids[1])).isSaved)
            let over = await client.request(.vote(idea: ids[2]))
            #expect(over.isSaved == false)
            #expect(over.message == "You have placed all 3 dots; take one back to move it.")
            #expect(await client.reconnections >= 1)
            await client.stop()
        }
    }

    @Test("Each connection is answered in the language its hello asks for, else the room's; a tag that is not one is refused")
    func languagePerConnection() async throws {
        try await LiveServer.with(roomLanguage: Language(code: "de")) { live in
            func joined(_ language: String?) async throws -> (RawConnection, String) {
                let raw = try RawConnection(port: live.port)
                raw.send(String(decoding: ClientMessage.hello(version: 1, code: LiveServer.code, token: nil, language: language).encodedLine(),
                                as: UTF8.self))
                return (raw, await raw.read(until: "welcome"))
            }
            let (french, frenchWelcome) = try await joined("fr-BE")
            #expect(frenchWelcome.contains("\"language\":\"fr\""))
            french.send("{\"type\":\"vote\",\"id\":\"v1\",\"idea\":\"abc12\"}\n")
            let frenchRefusal = await french.read(until: "\"v1\"")
            #expect(frenchRefusal.contains("Impossible dans cette phase (Idéation)."), "\(frenchRefusal)")

            let (room, roomWelcome) = try await joined(nil)
            #expect(roomWelcome.contains("\"language\":\"de\""))
            room.send("{\"type\":\"vote\",\"id\":\"v1\",\"idea\":\"abc12\"}\n")
            let germanRefusal = await room.read(until: "\"v1\"")
            #expect(germanRefusal.contains("In dieser Phase (Ideensammlung) nicht möglich."), "\(germanRefusal)")

            let (_, unknownWelcome) = try await joined("ja-JP")
            #expect(unknownWelcome.contains("\"language\":\"de\""), "a language ideate lacks gets the room's")

            let odd = try RawConnection(port: live.port)
            odd.send("{\"type\":\"hello\",\"version\":1,\"code\":\"K7P2QX\",\"language\":\"<script>\"}\n")
            let refusal = await odd.read(until: "error")
            #expect(refusal.contains("badMessage") && refusal.contains("`language` must be a language tag"), "\(refusal)")
        }
    }

    @Test("Facilitator commands, malformed JSON, unknown versions and oversized frames get clear errors; others carry on")
    func badInput() async throws {
        try await LiveServer.with() { live in
            let bystander = await live.client()
            #expect(await bystander.submit("Before").isSaved)

            let raw = try RawConnection(port: live.port)
            raw.send("{\"type\":\"hello\",\"version\":1,\"code\":\"K7P2QX\"}\n")
            _ = await raw.read(until: "welcome")
            raw.send("{\"type\":\"advance\",\"id\":\"x\"}\n")
            #expect(await raw.read(until: "error").contains("`advance` is not a participant message"))
            raw.send("{not json\n")
            #expect(await raw.read(until: "error").contains("not a JSON object"))
            raw.send("{\"type\":\"submit\",\"id\":\"s1\",\"text\":\"x\",\"author\":\"me\"}\n")
            #expect(await raw.read(until: "error").contains("unknown field `author`"))
            #expect(await live.hub.refusedMessages == 3)

            let old = try RawConnection(port: live.port)
            old.send("{\"type\":\"hello\",\"version\":0,\"code\":\"K7P2QX\"}\n")
            #expect(await old.read(until: "error").contains("Your program speaks protocol version 0; this server speaks 1."))

            let big = try RawConnection(port: live.port)
            big.send(String(repeating: "a", count: 20_000))
            #expect(await big.read(until: "error").contains("Message too large: the limit is 16 KiB per line."))

            let slow = try RawConnection(port: live.port)
            slow.send("{\"type\":\"hello\",\"version\":1,\"code\":\"K7P2QX\"}\n")
            for index in 0..<200 { slow.send("{\"type\":\"submit\",\"id\":\"slow\(index)\",\"text\":\"\(String(repeating: "z", count: 400))\"}\n") }

            #expect(await bystander.submit("After").isSaved, "the server carries on serving others")
            await bystander.stop()
        }
    }

    @Test("50 concurrent clients each get every idea acknowledged exactly once")
    func fiftyClients() async throws {
        try await LiveServer.with() { live in
            let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
            let acknowledged = await withTaskGroup(of: Int.self) { tasks in
                for number in 0..<50 {
                    tasks.addTask {
                        let client = ParticipantClient(host: "127.0.0.1", port: live.port, code: LiveServer.code, group: group)
                        await client.start()
                        var ok = 0
                        for index in 0..<5 where await client.submit("client \(number) idea \(index)").isSaved { ok += 1 }
                        await client.stop()
                        return ok
                    }
                }
                return await tasks.reduce(0, +)
            }
            try await group.shutdownGracefully()
            #expect(acknowledged == 250)
            let texts = try live.store.replay().ideas.values.map(\.text)
            #expect(texts.count == 250)
            #expect(Set(texts).count == 250)
        }
    }

    @Test("Three participants: no token or address in the run file or any export; the wall is not in submission order")
    func anonymityOnDisk() async throws {
        try await LiveServer.with() { live in
            var tokens: [String] = []
            var submitted: [String] = []
            for index in 0..<3 {
                let client = await live.client()
                submitted.append(try #require(await client.submit("idea from \(index)").idea))
                tokens.append(try #require(await client.resumeToken))
                await client.stop()
            }
            // The first batch is due as soon as three ideas wait: the session runtime reveals it.
            await live.waitForState { $0.wall.count == 3 }
            let state = await live.engine.currentState()
            #expect(state.wall.map(\.rawValue).count == 3)
            #expect(state.wall.map(\.rawValue) != submitted, "a batch of three is never shown in the order it arrived")
            let report = MinutesReport(state: state)
            var files = [MarkdownMinutes().render(report), CSVMinutes.render(report), try JSONMinutes.render(report)].map { Data($0.utf8) }
            files += [live.store.path, live.store.path + "-wal"].compactMap { FileManager.default.contents(atPath: $0) }
            for data in files {
                for token in tokens { #expect(data.range(of: Data(token.utf8)) == nil) }
                #expect(data.range(of: Data("127.0.0.1".utf8)) == nil)
            }
        }
    }

    @Test("In build, each participant is handed somebody else's idea, never their own")
    func buildAssignments() async throws {
        try await LiveServer.with(phases: [PhasePlan(kind: .ideate, seconds: 600), PhasePlan(kind: .build, seconds: 600)], reveal: .immediate) { live in
            let alice = await live.client(), bob = await live.client()
            let aliceIdea = try #require(await alice.submit("Alice's idea").idea)
            let bobIdea = try #require(await bob.submit("Bob's idea").idea)
            try await live.engine.execute(.facilitator(.advance), at: live.clock.now)
            await live.hub.pushViews()
            let aliceView = await firstEvent(alice) { if case let .view(view) = $0 { view.buildOn != nil } else { false } }
            let bobView = await firstEvent(bob) { if case let .view(view) = $0 { view.buildOn != nil } else { false } }
            guard case let .view(forAlice)? = aliceView, case let .view(forBob)? = bobView else {
                Issue.record("no build assignment arrived")
                return
            }
            #expect(forAlice.buildOn?.id == bobIdea)
            #expect(forBob.buildOn?.id == aliceIdea)
            let yesAnd = await alice.submit("Yes, and a shared calendar", extending: bobIdea)
            #expect(yesAnd.isSaved)
            let own = await alice.submit("Yes, and mine", extending: aliceIdea)
            #expect(own.message == "That idea is your own; build on somebody else's.")
            await alice.stop()
            await bob.stop()
        }
    }

    @Test("A participant flooding ideas is refused after the limit; others are still served")
    func flood() async throws {
        try await LiveServer.with() { live in
            let flooder = await live.client(), neighbour = await live.client()
            var accepted = 0, refused: [String] = []
            for index in 0..<40 {
                let reply = await flooder.submit("flood \(index)")
                if reply.isSaved { accepted += 1 } else { refused.append(reply.message.description) }
                if index % 10 == 0 { #expect(await neighbour.submit("calm \(index)").isSaved) }
            }
            #expect(accepted == 20)
            #expect(refused.count == 20)
            #expect(refused.first == "Slow down a little: at most 20 ideas per 10 seconds.")
            await flooder.stop()
            await neighbour.stop()
        }
    }
}
