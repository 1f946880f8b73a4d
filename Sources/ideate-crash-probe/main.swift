import Foundation
import IdeateCore
import IdeateRuntime
import IdeateStore

// A writer for the store's crash test: opens (or creates) a run, then submits ideas from
// several concurrent participants as fast as it can, printing "ack TEXT" for each idea only
// after its events are committed. The test kills it with SIGKILL at random moments and checks
// that every acknowledged idea is in the reopened file.
//
// With --portfolio it writes a portfolio instead: it adds one simulated workshop after another
// and starts each one's first experiment, printing "ack add RUN" and "ack start ID" only after
// each commit; the test checks that every acknowledged change is in the reopened file and
// that every workshop is there whole or not at all.
//
// Usage: ideate-crash-probe RUN_FILE
//        ideate-crash-probe --portfolio PORTFOLIO_FILE

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count == 1 || (arguments.count == 2 && arguments[0] == "--portfolio") else {
    FileHandle.standardError.write(Data("usage: ideate-crash-probe RUN_FILE | --portfolio PORTFOLIO_FILE\n".utf8))
    exit(64)
}
if arguments.count == 2 {
    try await PortfolioProbe.run(path: arguments[1])
    exit(0)
}
let path = arguments[0]
let plan = Plan(
    title: "Crash probe", goal: "Survive SIGKILL",
    anonymity: AnonymitySettings(reveal: .immediate),
    rounds: [RoundPlan(prompt: "Anything", phases: [PhasePlan(kind: .ideate, seconds: nil)])])
let store = FileManager.default.fileExists(atPath: path) ? try RunStore.open(at: path) : try RunStore.create(at: path, plan: plan)
let engine = try DurableEngine(store: store, seed: UInt64(getpid()))
let clock = SystemClock()
if await engine.currentState().stage == .lobby {
    try await engine.execute(.facilitator(.advance), at: clock.now)
}
let writers = 8
let generation = await engine.currentState().ideas.count
try await withThrowingTaskGroup(of: Void.self) { group in
    for writer in 0..<writers {
        group.addTask {
            let token = ParticipantToken("probe-\(getpid())-\(writer)")
            try await engine.execute(.participant(token, .join), at: clock.now)
            var number = 0
            while true {
                let text = "probe \(getpid()) \(generation) \(writer) \(number)"
                try await engine.execute(.participant(token, .submitIdea(text: text)), at: clock.now)
                FileHandle.standardOutput.write(Data("ack \(text)\n".utf8))
                number += 1
            }
        }
    }
    try await group.waitForAll()
}
