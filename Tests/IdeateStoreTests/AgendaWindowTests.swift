import Foundation
import GRDB
import IdeateCore
import IdeateTestSupport
@testable import IdeateStore
import Testing

/// The follow-up agenda read from the file a window at a time answers exactly what the rule
/// gives the whole portfolio in memory (``AgendaWindow/of(_:today:range:)``): the same counts, the
/// same entries in the same order for any window, and every item's position.
@Suite("Agenda windows", .offThePool, .timeLimit(.minutes(2)))
struct AgendaWindowTests {
    /// Two workshops, experiments in every state (some due), action items in every status (some
    /// overdue, some on the same day as a due experiment), box ideas new and decided, some written
    /// two or three times.
    static func portfolio() async throws -> PortfolioStore {
        let store = try PortfolioStore(try DatabaseQueue())
        for seed: UInt64 in [3, 8] {
            _ = try store.add(try PortfolioFixtures.intake(try await PortfolioFixtures.finishedRun(seed: seed)))
        }
        var random = SeededRandom(seed: 17)
        for index in 0..<12 {
            let day = PortfolioFixtures.today.adding(days: -7 * (index % 4))
            let id = try store.addBoxIdea(try BoxSubmission(text: "Box idea \(index % 5)", question: nil, proof: OwnershipProof(secret: "s\(index)")),
                                          on: day, using: &random).id
            switch index % 4 {
            case 1: _ = try store.perform(.decide(id, .keep, answer: nil), on: day, note: "")
            case 2: _ = try store.perform(.decide(id, .decline, answer: "No room"), on: day, note: "")
            default: break
            }
            if index == 3 { _ = try store.promote(id, card: TestCard(assumption: "A", smallestTest: "B", successCriterion: "D", owner: "C"), on: day) }
        }
        // A withdrawal deletes a row: the counts the file keeps follow it.
        _ = try await IdeaBoxStore(store: store, settings: BoxSettings(), today: { PortfolioFixtures.today }).withdraw(secret: "s0")
        let items = try store.items()
        for experiment in items.experiments.prefix(3) { _ = try store.start(experiment.id, on: PortfolioFixtures.today) }
        if let learned = items.experiments.dropFirst(3).first {
            _ = try store.start(learned.id, on: PortfolioFixtures.today)
            _ = try store.learn(learned.id, LearningCard(outcome: .validated, observed: "It held", learned: "Keep it", decision: .stop,
                                                          date: PortfolioFixtures.today))
        }
        for (item, status) in zip(items.actionItems, [TrackedActionItem.Status.done, .stuck, .dropped]) {
            _ = try store.move(item.id, to: status, on: PortfolioFixtures.today)
        }
        return store
    }

    @Test("Every window, on days before, on and after the review dates, matches the rule applied to the whole portfolio")
    func windowsMatch() async throws {
        let store = try await Self.portfolio()
        let items = try store.items()
        for today in [PortfolioFixtures.today, PortfolioFixtures.today.adding(days: 14), PortfolioFixtures.today.adding(days: 60)] {
            let whole = AgendaWindow.of(items, today: today, range: 0..<Int.max)
            let present = Set(whole.entries.map(\.section))
            #expect(present.isSuperset(of: [.box, .learned, .backlog, .closed]), "a portfolio with most sections: \(whole.counts)")
            #expect(present.contains(today > PortfolioFixtures.today ? .due : .running), "running, then due once review dates pass: \(whole.counts)")
            let read = try store.agendaWindow(today: today, range: 0..<Int.max)
            #expect(read.counts == whole.counts)
            #expect(read.entries.map(\.item.subject) == whole.entries.map(\.item.subject), "on \(today)")
            #expect(read.entries == whole.entries)
            #expect(read.timesWritten == whole.timesWritten && whole.timesWritten.values.contains(3), "ideas that came back: \(whole.timesWritten)")
            for range in [0..<5, 3..<17, 10..<11, (whole.entries.count - 4)..<(whole.entries.count + 10), 500..<600] {
                let window = try store.agendaWindow(today: today, range: range)
                #expect(window == AgendaWindow.of(items, today: today, range: range).withWorkshops(named: window.entries, from: whole),
                        "window \(range) on \(today)")
            }
            for (index, entry) in whole.entries.enumerated() {
                #expect(try store.agendaPosition(of: entry.item.subject, today: today) == index, "\(entry.item.subject) on \(today)")
            }
        }
    }
}

extension AgendaWindow {
    /// This window with only the workshops its entries name (as the file answers it).
    func withWorkshops(named entries: [AgendaEntry], from whole: AgendaWindow) -> AgendaWindow {
        var copy = self
        let named = Set(entries.compactMap { entry -> RunIdentity? in
            switch entry.item {
            case let .experiment(experiment): experiment.workshop
            case let .actionItem(item): item.workshop
            case let .backlogIdea(idea): idea.workshop
            }
        })
        copy.workshops = whole.workshops.filter { named.contains($0.key) }
        return copy
    }
}
