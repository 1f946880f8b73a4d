import Foundation
import IdeateCore
import IdeateRuntime
import IdeateNet
import IdeateProtocol
import IdeateStore
import IdeateTUI
import NIOPosix

// Prints ideate's performance figures beside their targets. Run it in release mode:
//
//   swift run -c release ideate-bench
//
// Each figure is the median of several repetitions measured in this one process, so the
// figures in a table were taken on the same machine at the same moment.

/// One measured figure and the target it is held to.
struct Figure {
    var name: String
    var value: String
    var target: String
    var met: Bool?
}

/// Seconds taken by `body`, as the median of `repetitions` runs.
func medianSeconds(repetitions: Int, _ body: () throws -> Void) rethrows -> Double {
    var samples: [Double] = []
    for _ in 0..<repetitions {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return samples.sorted()[samples.count / 2]
}

func milliseconds(_ seconds: Double) -> String { String(format: "%.1f ms", seconds * 1000) }

/// A run file holding a finished workshop with `ideaCount` ideas from `participants` people.
func makeRun(ideaCount: Int, participants: Int, at path: String) async throws {
    let plan = Plan(
        title: "Benchmark", goal: "Measure",
        anonymity: AnonymitySettings(reveal: .batch, batchSeconds: 5, minBatch: 3),
        voting: VotingSettings(votesPerPerson: 5, maxVotesPerIdea: 2, shortlist: 3),
        rounds: [RoundPlan(prompt: "Everything we could improve", phases: [
            PhasePlan(kind: .ideate, seconds: 3600), PhasePlan(kind: .group, seconds: 600),
            PhasePlan(kind: .vote, seconds: 600), PhasePlan(kind: .review, seconds: 600),
        ])])
    let engine = InMemoryEngine(plan: plan, seed: 99)
    var now = Instant(secondsSince1970: 1_773_324_000)
    let tokens = (0..<participants).map { ParticipantToken("bench-\($0)") }
    for token in tokens { try await engine.execute(.participant(token, .join), at: now) }
    try await engine.execute(.facilitator(.advance), at: now)
    for index in 0..<ideaCount {
        if index % 50 == 0 {
            now = now.advanced(byMilliseconds: 300)
            try await engine.execute(.tick, at: now)
        }
        let text = "Idea number \(index): make the \(["process", "handover", "meeting", "report"][index % 4]) shorter and clearer"
        try await engine.execute(.participant(tokens[index % participants], .submitIdea(text: text)), at: now)
    }
    try await engine.execute(.facilitator(.advance), at: now)
    let wall = await engine.currentState().wallIdeas(round: 0)
    for (index, idea) in wall.enumerated() where index % 7 == 0 {
        try await engine.execute(.facilitator(.cluster(idea.id, name: "Cluster \(index % 12)")), at: now)
    }
    try await engine.execute(.facilitator(.advance), at: now)
    for (index, token) in tokens.enumerated() {
        for dot in 0..<5 { _ = try? await engine.execute(.participant(token, .castVote(wall[(index * 5 + dot) % wall.count].id)), at: now) }
    }
    try await engine.execute(.facilitator(.advance), at: now)
    try await engine.execute(.facilitator(.advance), at: now)
    let store = try RunStore.create(at: path, plan: plan)
    try store.appendNow(await engine.log)
}

// `--make-portfolio PATH` only writes the large portfolio that `Benchmarks/run` measures
// `ideate followup` and `ideate portfolio` on, and prints its counts.
if let index = CommandLine.arguments.firstIndex(of: "--make-portfolio"), let path = CommandLine.arguments.dropFirst(index + 1).first {
    print(try await PortfolioFixture.make(at: path))
    exit(0)
}

// `--keep-run PATH` leaves a copy of the 10,000-idea run file for other measurements.
let keepRun = CommandLine.arguments.firstIndex(of: "--keep-run").flatMap { CommandLine.arguments.dropFirst($0 + 1).first }
let folder = NSTemporaryDirectory() + "ideate-bench-\(getpid())"
try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: folder) }

var figures: [Figure] = []
let runPath = folder + "/10k.sqlite"
let buildStart = DispatchTime.now().uptimeNanoseconds
try await makeRun(ideaCount: 10_000, participants: 200, at: runPath)
let buildSeconds = Double(DispatchTime.now().uptimeNanoseconds - buildStart) / 1e9
figures.append(Figure(name: "simulate a 10,000-idea workshop in memory and write it", value: milliseconds(buildSeconds),
                      target: "—", met: nil))
let eventCount = try RunStore.open(at: runPath).eventCount()
if let keepRun {
    try? FileManager.default.removeItem(atPath: keepRun)
    try FileManager.default.copyItem(atPath: runPath, toPath: keepRun)
}

let replay = try medianSeconds(repetitions: 9) { _ = try RunStore.open(at: runPath).replay() }
figures.append(Figure(name: "reopen a 10,000-idea run (\(eventCount) events, replay)", value: milliseconds(replay),
                      target: "≤ 250 ms", met: replay <= 0.250))

let state = try RunStore.open(at: runPath).replay()
var markdownBytes = 0
let export = medianSeconds(repetitions: 9) {
    markdownBytes = MarkdownMinutes().render(MinutesReport(state: state)).utf8.count
}
figures.append(Figure(name: "Markdown export of a 10,000-idea run (\(markdownBytes / 1024) KiB)", value: milliseconds(export),
                      target: "≤ 250 ms", met: export <= 0.250))

// Likely duplicates while grouping: worked out once per change of the session (not per frame),
// over every idea on the wall by the words they share.
var likelyPairs = 0
let duplicates = medianSeconds(repetitions: 9) { likelyPairs = state.likelyDuplicates(round: 0, limit: 20).count }
figures.append(Figure(name: "likely duplicates on a 10,000-idea wall (once per change; \(likelyPairs) pairs)", value: milliseconds(duplicates),
                      target: "≤ 100 ms", met: duplicates <= 0.100))

// A participant's request line as the server reads it: the small JSON reader that every line
// as clients write it takes, against the strict `JSONDecoder` reading that anything else takes.
let requestLine = ClientMessage.request(id: "c12-3f9a2b1c", .submit(text: "Shorter meetings and fewer approval steps for small purchases"))
    .encodedLine().dropLast()
let lineDecoder = JSONDecoder()
let linesPerRepetition = 10_000
let readerPerLine = medianSeconds(repetitions: 9) {
    for _ in 0..<linesPerRepetition { _ = try? ClientMessage.decode(requestLine) }
} / Double(linesPerRepetition)
let decoderPerLine = try medianSeconds(repetitions: 9) {
    for _ in 0..<linesPerRepetition { _ = try lineDecoder.decode(ClientMessage.self, from: requestLine) }
} / Double(linesPerRepetition)
figures.append(Figure(name: "a request line read: small JSON reader vs JSONDecoder (per line)",
                      value: String(format: "%.1f vs %.1f µs", readerPerLine * 1e6, decoderPerLine * 1e6),
                      target: "reader faster", met: readerPerLine < decoderPerLine))

/// A session in ideation with `count` ideas on the wall.
func ideationWithIdeas(_ count: Int) async throws -> (InMemoryEngine, Instant) {
    let plan = Plan(title: "Frame benchmark", goal: "Measure", anonymity: AnonymitySettings(reveal: .immediate),
                    rounds: [RoundPlan(prompt: "What slows you down every week, and how could we remove it?",
                                       phases: [PhasePlan(kind: .ideate, seconds: 3600)])])
    let engine = InMemoryEngine(plan: plan, seed: 5)
    let now = Instant(secondsSince1970: 1_773_324_000)
    let tokens = (0..<200).map { ParticipantToken("frame-\($0)") }
    for token in tokens { try await engine.execute(.participant(token, .join), at: now) }
    try await engine.execute(.facilitator(.advance), at: now)
    for index in 0..<count {
        let text = "Idea \(index): a longer sentence about making the weekly \(["report", "meeting", "handover"][index % 3]) shorter"
        try await engine.execute(.participant(tokens[index % tokens.count], .submitIdea(text: text)), at: now)
    }
    return (engine, now.advanced(bySeconds: 90))
}

let (wallEngine, wallNow) = try await ideationWithIdeas(10_000)
let wallState = await wallEngine.currentState()
var consoleModel = ConsoleModel()
consoleModel.settle(for: wallState)
let context = ConsoleContext()
let frameTop = medianSeconds(repetitions: 200) {
    _ = ConsoleView.render(state: wallState, model: consoleModel, context: context, now: wallNow, width: 120, height: 36)
}
figures.append(Figure(name: "console frame, 10,000 ideas on the wall, 120×36 (top)", value: String(format: "%.3f ms", frameTop * 1000),
                      target: "≤ 1 ms", met: frameTop <= 0.001))
consoleModel.cursorVisible = true
consoleModel.cursor = 5_000
let frameMiddle = medianSeconds(repetitions: 200) {
    consoleModel.scroll = ConsoleView.render(state: wallState, model: consoleModel, context: context, now: wallNow, width: 120, height: 36).scroll
}
figures.append(Figure(name: "console frame, 10,000 ideas, scrolled to the middle", value: String(format: "%.3f ms", frameMiddle * 1000),
                      target: "≤ 1 ms", met: frameMiddle <= 0.001))

/// Frames drawn the way the console loop draws them (one every 25 ms) for `seconds`, while
/// whatever else runs in this process runs: milliseconds at the median and the 99th percentile.
func consoleFrames(seconds: Double) async -> (median: Double, p99: Double) {
    var model = ConsoleModel()
    var samples: [Double] = []
    let end = Date().addingTimeInterval(seconds)
    while Date() < end {
        let start = DispatchTime.now().uptimeNanoseconds
        let state = await wallEngine.currentState()
        model.settle(for: state)
        model.scroll = ConsoleView.render(state: state, model: model, context: context, now: wallNow, width: 120, height: 36).scroll
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
        try? await SystemClock().sleep(for: .milliseconds(25))
    }
    samples.sort()
    return (samples[samples.count / 2], samples[min(samples.count - 1, samples.count * 99 / 100)])
}

// The console and the participant server share a process in `ideate run`: frames with the
// server idle, then with 1,000 idle participants connected (their view passes run beside).
let hub = ParticipantHub(engine: wallEngine, clock: SystemClock(), code: "BENCH1")
let server = ParticipantServer(hub: hub, host: "127.0.0.1", port: 0)
try await withThrowingTaskGroup(of: Void.self) { serving in
    serving.addTask { try await server.run() }
    serving.addTask { await hub.publishViews() }
    let port = try await server.port()
    let quietFrames = await consoleFrames(seconds: 11)
    let clientGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    let idleClients = (0..<1000).map { _ in ParticipantClient(host: "127.0.0.1", port: port, code: "BENCH1", group: clientGroup, eventBuffer: 4) }
    var changes = wallEngine.changes().makeAsyncIterator()
    for client in idleClients { await client.start() }
    while await wallEngine.currentState().participants.count < 1200, await changes.next() != nil {}
    let busyFrames = await consoleFrames(seconds: 11)
    figures.append(Figure(name: "console frames (10,000 ideas), server with no participants: median, p99",
                          value: String(format: "%.3f, %.3f ms", quietFrames.median, quietFrames.p99), target: "—", met: nil))
    figures.append(Figure(name: "console frames, 1,000 idle participants connected: median, p99",
                          value: String(format: "%.3f, %.3f ms", busyFrames.median, busyFrames.p99), target: "unchanged",
                          met: busyFrames.median <= quietFrames.median * 1.25))
    for client in idleClients { await client.stop() }
    serving.cancelAll()
    try await clientGroup.shutdownGracefully()
}

var usage = rusage()
getrusage(RUSAGE_SELF.rawValue, &usage)
figures.append(Figure(name: "peak memory of this benchmark process", value: "\(usage.ru_maxrss / 1024) MB", target: "—", met: nil))

let width = max(6, figures.map(\.name.count).max() ?? 0)
func padded(_ text: String, _ count: Int) -> String { text + String(repeating: " ", count: max(0, count - text.count)) }
print("| \(padded("figure", width)) | value      | target   | met |")
print("|\(String(repeating: "-", count: width + 2))|------------|----------|-----|")
for figure in figures {
    let met = figure.met.map { $0 ? "yes" : "NO" } ?? "—"
    print("| \(padded(figure.name, width)) | \(padded(figure.value, 10)) | \(padded(figure.target, 8)) | \(padded(met, 3)) |")
}
