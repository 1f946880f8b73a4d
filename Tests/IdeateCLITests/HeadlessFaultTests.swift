import Foundation
import IdeateCore
import IdeateNet
import IdeateProtocol
import IdeateRuntime
import IdeateStore
import IdeateTestSupport
import Testing

/// Faults of a real server process: killed with SIGKILL while participants submit.
@Suite("Headless faults", .offThePool, .serialized, .timeLimit(.minutes(10)))
struct HeadlessFaultTests {
    static func startHeadless(run: String, port: Int, resume: Bool, plan: String = "Benchmarks/load-test.yaml") throws -> Process {
        let process = Process()
        process.executableURL = IdeateProcess.binary
        process.arguments = ["run", plan, "--headless", "--run", run, "--port", String(port), "--ssh-port", "0", "--web-port", "0", "--code", "FAULT1",
                                     "--portfolio", ConsoleEndToEndTests.portfolio(besideRun: run)]
            + (resume ? ["--resume"] : [])
        process.currentDirectoryURL = IdeateProcess.projectFolder
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test("SIGKILL while 50 participants submit; --resume; clients reconnect; every acknowledged idea is there exactly once")
    func killAndResumeUnderLoad() async throws {
        let run = ConsoleEndToEndTests.temporaryRun("fault")
        defer { ConsoleEndToEndTests.removeRun(run) }
        let port = TestPorts.free()
        let first = try Self.startHeadless(run: run, port: port, resume: false)
        try #require(TestPorts.waitUntilListening(port), "the server did not start")
        let clients = (0..<50).map { _ in ParticipantClient(host: "127.0.0.1", port: port, code: "FAULT1") }
        for client in clients { await client.start() }
        // Every client is connected (its first idea acknowledged) before the kill is timed.
        var warmUp: [String] = []
        for (number, client) in clients.enumerated() where await client.submit("warm-up \(number)").isSaved {
            warmUp.append("warm-up \(number)")
        }
        #expect(warmUp.count == 50)
        let killer = Task {
            try await SystemClock().sleep(for: .seconds(1))
            kill(first.processIdentifier, SIGKILL)
            first.waitUntilExit()
            return try Self.startHeadless(run: run, port: port, resume: true)
        }
        let acknowledged = await withTaskGroup(of: [String].self) { group in
            for (number, client) in clients.enumerated() {
                group.addTask {
                    var texts: [String] = []
                    for index in 0..<20 {
                        let text = "client \(number) idea \(index)"
                        if await client.submit(text).isSaved { texts.append(text) }
                        try? await SystemClock().sleep(for: .milliseconds(100))
                    }
                    return texts
                }
            }
            var all: [String] = []
            for await texts in group { all += texts }
            return all
        }
        let second = try await killer.value
        let everything = acknowledged + warmUp
        defer { second.terminate() }
        var reconnected = 0
        for client in clients {
            if await client.reconnections > 0 { reconnected += 1 }
            await client.stop()
        }
        #expect(reconnected == 50, "every client lost the server and came back")
        #expect(first.terminationReason == .uncaughtSignal)
        #expect(acknowledged.count == 1000, "every idea is acknowledged in the end")
        let stored = try RunStore.open(at: run).replay().ideas.values.map(\.text)
        let counts = Dictionary(grouping: stored, by: { $0 }).mapValues(\.count)
        for text in everything { #expect(counts[text] == 1, "\(text) is stored \(counts[text] ?? 0) times") }
    }

    /// A headless server of `plan` with `participants` clients joined, one idea submitted by the
    /// first, and the vote open with that idea on the wall.
    static func startVoting(run: String, plan: String, participants: Int, idea text: String) async throws
        -> (port: Int, server: Process, clients: [ParticipantClient], idea: String) {
        let port = TestPorts.free()
        let server = try startHeadless(run: run, port: port, resume: false, plan: plan)
        try #require(TestPorts.waitUntilListening(port), "the server did not start")
        let clients = (0..<participants).map { _ in ParticipantClient(host: "127.0.0.1", port: port, code: "FAULT1") }
        for client in clients { await client.start() }
        #expect(await clients[0].submit(text).isSaved)
        var wall: [SharedIdea] = []
        // A view whose wall did not change since the last carries none ("wallUnchanged").
        for await event in clients[0].events {
            guard case let .view(view) = event else { continue }
            if let ideas = view.wall { wall = ideas }
            if view.stage == .phase(.vote), !wall.isEmpty { break }
        }
        return (port, server, clients, try #require(wall.first).id)
    }

    /// Kills `server` with SIGKILL 0.8 s from now and starts it again with --resume.
    static func killAndResume(_ server: Process, run: String, port: Int, plan: String) -> Task<Process, any Error> {
        Task {
            try await SystemClock().sleep(for: .milliseconds(800))
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
            return try startHeadless(run: run, port: port, resume: true, plan: plan)
        }
    }

    @Test("SIGKILL while 30 participants vote and take dots back; resends after --resume count once: every ballot is what its owner was told")
    func killWhileVoting() async throws {
        let run = ConsoleEndToEndTests.temporaryRun("vote-fault")
        defer { ConsoleEndToEndTests.removeRun(run) }
        let plan = NSTemporaryDirectory() + "vote-fault-\(UUID().uuidString).yaml"
        try """
            title: Vote fault
            goal: Votes survive a kill
            anonymity:
              reveal: immediate
              min_participants: 1
            votes_per_person: 3
            max_votes_per_idea: 3
            rounds:
              - prompt: Anything
                phases:
                  ideate: 3s
                  vote: 10m
            """.write(toFile: plan, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: plan) }
        let (port, first, clients, idea) = try await Self.startVoting(run: run, plan: plan, participants: 30, idea: "The idea to vote on")
        let killer = Self.killAndResume(first, run: run, port: port, plan: plan)
        // Each participant alternates a dot and taking it back; what they were told adds up to
        // the dots they should have.
        let told = await withTaskGroup(of: (String?, Int).self) { group in
            for client in clients {
                group.addTask {
                    var dots = 0
                    for step in 0..<16 {
                        let reply = await client.request(step % 2 == 0 ? .vote(idea: idea) : .unvote(idea: idea))
                        if reply.isSaved { dots += step % 2 == 0 ? 1 : -1 }
                        try? await SystemClock().sleep(for: .milliseconds(60))
                    }
                    return (await client.resumeToken, dots)
                }
            }
            var all: [(String?, Int)] = []
            for await result in group { all.append(result) }
            return all
        }
        let second = try await killer.value
        defer { second.terminate() }
        for client in clients { await client.stop() }
        #expect(first.terminationReason == .uncaughtSignal)
        let state = try RunStore.open(at: run).replay()
        var mismatches = 0
        for (token, dots) in told {
            let stored = token.map { state.ballot(of: ParticipantToken($0))[IdeaID(idea)] ?? 0 } ?? -1
            if stored != dots { mismatches += 1 }
        }
        #expect(mismatches == 0, "\(mismatches) of \(told.count) ballots differ from what their owners were told")
        #expect(told.allSatisfy { $0.1 == 0 }, "every participant took their last dot back")
    }

    @Test("SIGKILL while 20 participants rate impact and effort again and again; resends after --resume count once: each stored rating is the last one its owner was told was saved")
    func killWhileRating() async throws {
        let run = ConsoleEndToEndTests.temporaryRun("rate-fault")
        defer { ConsoleEndToEndTests.removeRun(run) }
        let plan = NSTemporaryDirectory() + "rate-fault-\(UUID().uuidString).yaml"
        try """
            title: Rating fault
            goal: Ratings survive a kill
            anonymity:
              reveal: immediate
              min_participants: 1
            votes_per_person: 3
            shortlist: 2
            rounds:
              - prompt: Anything
                phases:
                  ideate: 3s
                  vote: 6s
                  rate: 10m
            """.write(toFile: plan, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: plan) }
        let (port, first, clients, idea) = try await Self.startVoting(run: run, plan: plan, participants: 20, idea: "The idea to rate")
        #expect(await clients[0].request(.vote(idea: idea)).isSaved, "one dot puts it on the shortlist")
        for await event in clients[0].events {
            if case let .view(view) = event, view.toRate?.isEmpty == false { break }
        }
        let killer = Self.killAndResume(first, run: run, port: port, plan: plan)
        // Each participant rates again and again with other figures; the last one they were
        // told was saved is what the run must hold, once.
        let told = await withTaskGroup(of: (String?, Rating?).self) { group in
            for client in clients {
                group.addTask {
                    var last: Rating?
                    for step in 0..<16 {
                        let rating = Rating(impact: 1 + step % 5, effort: 5 - step % 5)
                        if await client.request(.rate(idea: idea, impact: rating.impact, effort: rating.effort)).isSaved { last = rating }
                        try? await SystemClock().sleep(for: .milliseconds(60))
                    }
                    return (await client.resumeToken, last)
                }
            }
            var all: [(String?, Rating?)] = []
            for await result in group { all.append(result) }
            return all
        }
        let second = try await killer.value
        defer { second.terminate() }
        for client in clients { await client.stop() }
        #expect(first.terminationReason == .uncaughtSignal)
        let state = try RunStore.open(at: run).replay()
        var mismatches = 0
        for (token, rating) in told {
            let stored = token.flatMap { state.ratings(of: ParticipantToken($0))[IdeaID(idea)] }
            if stored != rating { mismatches += 1 }
        }
        #expect(mismatches == 0, "\(mismatches) of \(told.count) stored ratings differ from what their owners were told")
        #expect(state.raterCount(round: 0) == told.count { $0.1 != nil }, "each rater counted once")
        #expect(told.allSatisfy { $0.1 == Rating(impact: 1, effort: 5) }, "every participant's last rating was saved")
    }
}
