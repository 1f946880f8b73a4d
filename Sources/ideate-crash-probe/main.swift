import Foundation
import IdeateCore
import IdeateStore

// A writer for the store's crash test: opens (or creates) a run, then submits ideas from
// several concurrent participants as fast as it can, printing "ack TEXT" for each idea only
// after its events are committed. The test kills it with SIGKILL at random moments and checks
// that every acknowledged idea is in the reopened file.
//
// Usage: ideate-crash-probe RUN_FILE

guard CommandLine.arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: ideate-crash-probe RUN_FILE\n".utf8))
    exit(64)
}
let path = CommandLine.arguments[1]
let plan = Plan(
    title: "Crash probe", goal: "Survive SIGKILL",
    anonymity: AnonymitySettings(reveal: .immediate),
    rounds: [RoundPlan(prompt: "Anything", phases: [PhasePlan(kind: .ideate, seconds: nil)])])
let store = FileManager.default.fileExists(atPath: path) ? try RunStore.open(at: path) : try RunStore.create(at: path, plan: plan)
let engine = try DurableEngine(store: store, seed: UInt64(getpid()))
let clock = SystemClock()
if await engine.currentState().stage == .lobby {
    try await engine.execute(.facilitator(.advance), at: clock.now())
}
let writers = 8
let generation = await engine.currentState().ideas.count
try await withThrowingTaskGroup(of: Void.self) { group in
    for writer in 0..<writers {
        group.addTask {
            let token = ParticipantToken("probe-\(getpid())-\(writer)")
            try await engine.execute(.participant(token, .join), at: clock.now())
            var number = 0
            while true {
                let text = "probe \(getpid()) \(generation) \(writer) \(number)"
                try await engine.execute(.participant(token, .submitIdea(text: text)), at: clock.now())
                FileHandle.standardOutput.write(Data("ack \(text)\n".utf8))
                number += 1
            }
        }
    }
    try await group.waitForAll()
}
