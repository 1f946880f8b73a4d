import Foundation
import IdeateCore
import IdeateStore

/// The portfolio of a company that has run ideate for years, for `ideate followup` and
/// `ideate portfolio` to be measured on: 200 workshops played by the simulator (37 people,
/// about 110 ideas each, a shortlist of 10 with experiment cards), added as finished runs are,
/// then followed up — most experiments started, a third learned from (every outcome and
/// decision), action items moved. About 2,000 experiments and 20,000 backlog ideas; a tenth
/// of the ideas come back in later workshops.
enum PortfolioFixture {
    static let plan = Plan(
        title: "Monthly improvement workshop", goal: "One small experiment per team",
        anonymity: AnonymitySettings(reveal: .batch, batchSeconds: 20, minBatch: 3),
        voting: VotingSettings(votesPerPerson: 5, maxVotesPerIdea: 2, shortlist: 10),
        rounds: [RoundPlan(prompt: "What slows us down, and how could we remove it?", phases: [
            PhasePlan(kind: .ideate, seconds: 300), PhasePlan(kind: .vote, seconds: 120), PhasePlan(kind: .review, seconds: 60),
        ])])

    /// Writes the portfolio at `path` (replacing one there) and returns its counts.
    static func make(at path: String, workshops: Int = 200) async throws -> String {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let store = try PortfolioStore.open(at: path)
        let utc = TimeZone(identifier: "UTC")!
        let first = Instant(secondsSince1970: 1_609_754_400)  // 2021-01-04 10:00 UTC
        for number in 0..<workshops {
            let start = first.advanced(bySeconds: number * 7 * 86_400)
            // Mostly new ideas; every tenth one an idea that an earlier workshop had too.
            let texts = (0..<120).map { index in
                index % 10 == 0 ? "Recurring idea \(index / 10): make the \(["report", "handover", "meeting"][index % 3]) shorter"
                    : "Workshop \(number + 1), idea \(index + 1): remove one step from the \(["order", "invoice", "hiring", "release"][index % 4]) process"
            }
            let engine = InMemoryEngine(plan: plan, seed: UInt64(number + 1))
            _ = try await WorkshopSimulator(plan: plan, participants: 37, seed: UInt64(number + 1), start: start, ideaTexts: texts).run(on: engine)
            let day = CalendarDate(start, in: utc)
            let intake = try WorkshopIntake(report: MinutesReport(state: await engine.currentState()), run: RunIdentity("bench-\(number + 1)"),
                                            today: day, timeZone: utc)
            guard case let .added(added) = try store.add(intake) else { continue }
            try followUp(added, in: store, from: day)
        }
        let portfolio = try store.portfolio()
        let stages = Dictionary(grouping: portfolio.experiments, by: \.state.stage).mapValues(\.count)
        return "\(portfolio.workshops.count) workshops, \(portfolio.experiments.count) experiments "
            + "(\(stages[.planned] ?? 0) planned, \(stages[.running] ?? 0) running, \(stages[.learned] ?? 0) learned), "
            + "\(portfolio.actionItems.count) action items, \(portfolio.backlog.count) backlog ideas, \(portfolio.history.count) history rows"
    }

    /// What a company does with a workshop's results over the following weeks.
    private static func followUp(_ added: Portfolio, in store: PortfolioStore, from day: CalendarDate) throws {
        for (index, experiment) in added.experiments.enumerated() where index % 5 != 4 {
            _ = try store.start(experiment.id, on: day.adding(days: 3), note: "")
            guard index % 3 == 0 else { continue }
            let outcome = LearningCard.Outcome.allCases[index % 3 == 0 ? (index / 3) % 3 : 0]
            let decision = LearningCard.Decision.allCases[(index / 3) % 3]
            _ = try store.learn(experiment.id, LearningCard(
                outcome: outcome, observed: "Measured for three weeks in one team", learned: "The step was there for a reason in \(index % 2) cases",
                decision: decision, date: day.adding(days: 24)), note: "")
        }
        for (index, item) in added.actionItems.enumerated() where index % 2 == 0 {
            _ = try store.move(item.id, to: index % 4 == 0 ? .done : .stuck, on: day.adding(days: 5))
        }
    }
}
