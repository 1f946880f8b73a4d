import Foundation
import IdeateCore
import IdeateStore

/// The portfolio half of the crash probe: one simulated workshop, added again and again under
/// new run identities, each followed by starting its first experiment.
enum PortfolioProbe {
    /// The plan every simulated workshop follows: ideas, a vote, a review with experiment cards.
    static let plan = Plan(
        title: "Crash probe workshop", goal: "Survive SIGKILL",
        anonymity: AnonymitySettings(reveal: .immediate),
        voting: VotingSettings(votesPerPerson: 3, maxVotesPerIdea: 2, shortlist: 3),
        rounds: [RoundPlan(prompt: "Anything", phases: [
            PhasePlan(kind: .ideate, seconds: 120), PhasePlan(kind: .vote, seconds: 60), PhasePlan(kind: .review, seconds: nil),
        ])])

    static func run(path: String) async throws {
        let engine = InMemoryEngine(plan: plan, seed: 7)
        _ = try await WorkshopSimulator(plan: plan, participants: 6, seed: 7, start: Instant(secondsSince1970: 1_773_324_000)).run(on: engine)
        let report = MinutesReport(state: await engine.currentState())
        let portfolio = try PortfolioStore.open(at: path)
        let today = CalendarDate(year: 2026, month: 3, day: 20)!
        var number = 0
        while true {
            let run = RunIdentity("probe-\(getpid())-\(number)")
            let intake = try WorkshopIntake(report: report, run: run, today: today, timeZone: TimeZone(identifier: "UTC")!)
            guard case let .added(additions) = try portfolio.add(intake) else { exit(1) }
            FileHandle.standardOutput.write(Data("ack add \(run)\n".utf8))
            if let first = additions.experiments.first {
                _ = try portfolio.start(first.id, on: today)
                FileHandle.standardOutput.write(Data("ack start \(first.id)\n".utf8))
            }
            number += 1
        }
    }
}
