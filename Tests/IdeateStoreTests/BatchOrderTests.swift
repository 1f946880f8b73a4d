import Foundation
import IdeateCore
import IdeateStore
import IdeateTestSupport
import Testing

/// Once a batch is revealed, the run file keeps no order of its arrival: its submissions are
/// rewritten in the revealed (shuffled) order, and the old order is gone from the log too.
@Suite("Batch order on disk", .offThePool, .timeLimit(.minutes(5)))
struct BatchOrderTests {
    @Test("A revealed batch is stored in revealed order; replay gives the same state, edits made while waiting included")
    func batchStoredInRevealedOrder() async throws {
        let folder = try TemporaryFolder()
        let path = folder.file("run.sqlite")
        let store = try RunStore.create(at: path, plan: Fixtures.plan)
        let engine = try DurableEngine(store: store, seed: 11)
        let tokens = (0..<6).map { ParticipantToken("person-\($0)") }
        for token in tokens { try await engine.execute(.participant(token, .join), at: Fixtures.start) }
        try await engine.execute(.facilitator(.advance), at: Fixtures.start)
        var arrival: [IdeaID] = []
        for (index, token) in tokens.enumerated() {
            let events = try await engine.execute(.participant(token, .submitIdea(text: "idea \(index)"), request: "r\(index)"), at: Fixtures.start)
            for case let .ideaSubmitted(idea) in events { arrival.append(idea.id) }
        }
        try await engine.execute(.participant(tokens[2], .editIdea(arrival[2], text: "idea 2, sharper"), request: "e2"),
                                 at: Fixtures.start)
        let revealEvents = try await engine.execute(.tick, at: Fixtures.start.advanced(bySeconds: 11))
        let revealed = try #require(revealEvents.compactMap { event -> [IdeaID]? in
            if case let .ideasRevealed(ids, _) = event { return ids }
            return nil
        }.first)
        #expect(revealed.count == 6)
        #expect(revealed != arrival)

        let stored = try store.events().compactMap { event -> IdeaID? in
            if case let .ideaSubmitted(idea) = event { return idea.id }
            return nil
        }
        #expect(stored == revealed, "the file keeps the arrival order")
        let replayed = try store.replay()
        #expect(replayed == (await engine.currentState()))
        #expect(replayed.ideas[arrival[2]]?.text == "idea 2, sharper")
        #expect(replayed.wallIdeaIDs(round: 0) == revealed)
        #expect(replayed.hasCompleted(request: "r3", by: tokens[3]))
        let wal = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        #expect(wal == 0, "the write-ahead log still holds \(wal) bytes")
    }
}
