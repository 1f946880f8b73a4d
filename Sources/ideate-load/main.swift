import Foundation
import IdeateCore
import IdeateRuntime
import IdeateNet
import IdeateProtocol
import IdeateStore
import NIOPosix

// ideate-load HOST:PORT --code C --participants N --ideas K [--rate R] [--texts FILE]
//
// Connects N real participants over TCP, submits N×K ideas (R per second per participant, or
// as fast as acknowledgements come), waits for the vote and casts each participant's dots,
// then prints what was acknowledged, lost and duplicated, the ingest rate and acknowledgement
// times (the ingest clock starts once all N have joined), beside the rate of one-row durable
// SQLite commits measured first, on this machine,
// in this run. Exits 1 if an idea was lost or duplicated, 64 on wrong usage.

struct Options {
    var host = ""
    var port = 0
    var code = ""
    var participants = 10
    var ideas = 10
    var rate: Double?
    var texts: [String]?
    var voteTimeout: Double = 120
    /// Seconds to stay connected and idle after the ideas (for memory measurements); no vote then.
    var hold: Double = 0

    static let usage = "usage: ideate-load HOST:PORT --code CODE [--participants N] [--ideas K] [--rate R] [--texts FILE] [--vote-timeout S] [--hold S]"

    init(arguments: [String]) throws {
        var rest = arguments[...]
        guard let address = rest.popFirst(), let colon = address.lastIndex(of: ":"),
              let port = Int(address[address.index(after: colon)...]) else { throw UsageError() }
        host = String(address[..<colon])
        self.port = port
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { throw UsageError() }
            switch flag {
            case "--code": code = value
            case "--participants": participants = try Self.number(value, in: 1...10_000)
            case "--ideas": ideas = try Self.number(value, in: 0...100_000)
            case "--hold": hold = Double(value) ?? 0
            case "--rate": rate = Double(value)
            case "--vote-timeout": voteTimeout = Double(value) ?? voteTimeout
            case "--texts":
                guard let data = FileManager.default.contents(atPath: value) else { throw UsageError(message: "\(value): cannot read") }
                texts = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init).filter { !$0.isEmpty }
            default: throw UsageError()
            }
        }
        guard !code.isEmpty else { throw UsageError(message: "--code is required") }
    }

    static func number(_ text: String, in range: ClosedRange<Int>) throws -> Int {
        guard let value = Int(text), range.contains(value) else { throw UsageError(message: "\(text) is not in \(range)") }
        return value
    }

    struct UsageError: Error { var message = Options.usage }
}

/// What one simulated participant saw.
struct ParticipantTally: Sendable {
    var acknowledged = 0
    var lost = 0
    var duplicated = 0
    var latencies: [Double] = []
    var votes = 0
    var ideasDoneAt = Date()
}

let options: Options
do {
    options = try Options(arguments: Array(CommandLine.arguments.dropFirst()))
} catch let error as Options.UsageError {
    FileHandle.standardError.write(Data((error.message + "\n").utf8))
    exit(64)
}

/// Commits per second when each commit holds one event (WAL, synchronous=FULL), for 2 seconds.
func oneRowCommitRate() throws -> Double {
    let folder = NSTemporaryDirectory() + "ideate-load-baseline-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let plan = Plan(title: "Baseline", goal: "Measure", rounds: [RoundPlan(prompt: "x", phases: [PhasePlan(kind: .ideate, seconds: nil)])])
    let store = try RunStore.create(at: folder + "/baseline.sqlite", plan: plan)
    let started = Date()
    var commits = 0
    while Date().timeIntervalSince(started) < 2 {
        try store.appendNow([.participantJoined(Pseudonym("baseline-\(commits)"))])
        commits += 1
    }
    return Double(commits) / Date().timeIntervalSince(started)
}

/// Holds every participant until all have joined, so the ingest clock runs only while ideas
/// flow (connecting and joining are timed apart).
actor JoinBarrier {
    private let expected: Int
    private var arrived = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private(set) var allJoinedAt: Date?

    init(expected: Int) { self.expected = expected }

    func arrive() async {
        arrived += 1
        if arrived == expected {
            allJoinedAt = Date()
            for waiter in waiting { waiter.resume() }
            waiting = []
        } else {
            await withCheckedContinuation { waiting.append($0) }
        }
    }
}

let baseline = (try? oneRowCommitRate()) ?? 0
let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
let barrier = JoinBarrier(expected: options.participants)
let started = Date()
let tallies = await withTaskGroup(of: ParticipantTally.self) { tasks in
    for number in 0..<options.participants {
        tasks.addTask {
            let texts = (0..<options.ideas).map { index in
                "\(options.texts.map { $0[(number * options.ideas + index) % $0.count] } ?? "load idea") [\(number)-\(index)]"
            }
            guard let connection = await LoadConnection.join(host: options.host, port: options.port, code: options.code,
                                                             texts: texts, rate: options.rate, group: group) else {
                await barrier.arrive()
                return ParticipantTally(lost: texts.count)
            }
            await barrier.arrive()
            var tally = await connection.sendIdeas()
            if options.hold > 0 {
                try? await SystemClock().sleep(for: .seconds(options.hold))
            } else {
                tally.votes = await vote(with: connection)
            }
            connection.close()
            return tally
        }
    }
    var all: [ParticipantTally] = []
    for await tally in tasks { all.append(tally) }
    return all
}
let totalSeconds = Date().timeIntervalSince(started)
let ingestStarted = await barrier.allJoinedAt ?? started
let ingestSeconds = (tallies.map(\.ideasDoneAt).max() ?? started).timeIntervalSince(ingestStarted)

/// Waits for the vote (up to the timeout) and places this participant's dots.
func vote(with connection: LoadConnection) async -> Int {
    await withTaskGroup(of: Int.self) { race in
        race.addTask { await placeDots(with: connection) }
        race.addTask {
            try? await SystemClock().sleep(for: .seconds(options.voteTimeout))
            connection.close()
            return 0
        }
        let first = await race.next() ?? 0
        race.cancelAll()
        return first
    }
}

func placeDots(with connection: LoadConnection) async -> Int {
    var messages = connection.laterMessages.makeAsyncIterator()
    while let message = await messages.next() {
        if Task.isCancelled { return 0 }
        guard case let .view(view) = message, view.stage == .phase(.vote), let wall = view.wall, !wall.isEmpty else { continue }
        var placed = 0
        for offset in 0..<view.votesPerPerson {
            let idea = wall[(offset * 7 + wall.count / 2) % wall.count]
            let id = "v\(offset)"
            connection.write(.request(id: id, .vote(idea: idea.id)))
            while let answer = await messages.next() {
                if case let .reply(reply) = answer, reply.id == id {
                    if reply.isSaved { placed += 1 }
                    break
                }
            }
        }
        return placed
    }
    return 0
}

try? await group.shutdownGracefully()
let acknowledged = tallies.reduce(0) { $0 + $1.acknowledged }
let lost = tallies.reduce(0) { $0 + $1.lost }
let duplicated = tallies.reduce(0) { $0 + $1.duplicated }
let votes = tallies.reduce(0) { $0 + $1.votes }
let latencies = tallies.flatMap(\.latencies).sorted()
func percentile(_ fraction: Double) -> Double { latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(Double(latencies.count) * fraction))] }
let ideasPerSecond = Double(acknowledged) / max(0.001, ingestSeconds)
print(String(format: "acknowledged %d, lost %d, duplicated %d, %.0f ideas/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms, votes %d, %.0f s in all (%.2f s to connect and join)",
             acknowledged, lost, duplicated, ideasPerSecond, percentile(0.5), percentile(0.99), latencies.last ?? 0, votes, totalSeconds,
             ingestStarted.timeIntervalSince(started)))
print(String(format: "one-row durable SQLite commits on this machine, same run: %.0f/s; ingest is %.1f× that", baseline,
             baseline > 0 ? ideasPerSecond / baseline : 0))
exit(lost == 0 && duplicated == 0 ? 0 : 1)
