import IdeateCore
import IdeateTestSupport
import Testing

/// When the session changes by itself: the runtime sleeps until ``SessionState/nextDeadline``,
/// so a tick before it must change nothing and a tick at it must change something.
@Suite("Next deadline", .timeLimit(.minutes(1)))
struct DeadlineTests {
    @Test("The running phase's end is the deadline; a paused timer has none, a resumed one a new one")
    func phaseEnd() throws {
        var session = TestSession(plan: TestSession.plan(reveal: .batch))
        _ = try session.join(3)
        #expect(session.state.nextDeadline == nil, "nothing happens by itself in the lobby")
        try session.facilitator(.advance)
        let end = session.now.advanced(bySeconds: 300)
        #expect(session.state.nextDeadline == end)
        session.wait(seconds: 100)
        try session.facilitator(.pauseTimer)
        #expect(session.state.nextDeadline == nil)
        session.wait(seconds: 1_000)
        try session.facilitator(.resumeTimer)
        #expect(session.state.nextDeadline == session.now.advanced(bySeconds: 200))
    }

    @Test("A batch is due batch_seconds after the last one once min_batch ideas wait; fewer wait for the phase's end")
    func batchDue() throws {
        var session = TestSession(plan: TestSession.plan(reveal: .batch))
        let tokens = try session.join(4)
        try session.facilitator(.advance)
        let phaseEnd = session.now.advanced(bySeconds: 300)
        _ = try session.submit("A", by: tokens[0])
        _ = try session.submit("B", by: tokens[1])
        #expect(session.state.nextRevealDue == nil)
        #expect(session.state.nextDeadline == phaseEnd)
        _ = try session.submit("C", by: tokens[2])
        #expect(session.state.nextDeadline == .distantPast, "no batch yet: the first is due at once")
        try session.run(.tick)
        let revealedAt = session.now
        for (index, text) in ["D", "E", "F"].enumerated() { _ = try session.submit(text, by: tokens[index]) }
        #expect(session.state.nextDeadline == revealedAt.advanced(bySeconds: 20))
    }

    @Test("Immediate reveal leaves nothing pending, so only the phase's end is due")
    func immediate() throws {
        var session = TestSession(plan: TestSession.plan(reveal: .immediate))
        let tokens = try session.join(3)
        try session.facilitator(.advance)
        _ = try session.submit("A", by: tokens[0])
        #expect(session.state.pending.isEmpty)
        #expect(session.state.nextDeadline == session.now.advanced(bySeconds: 300))
    }

    @Test("A tick before the deadline changes nothing; a tick at it does (every phase of a whole workshop)", arguments: [1, 7, 42] as [UInt64])
    func tickAgreesWithDeadline(seed: UInt64) throws {
        print("tickAgreesWithDeadline seed \(seed)")
        var session = TestSession(plan: TestSession.plan(reveal: .batch))
        session.random = SeededRandom(seed: seed)
        var pick = SeededRandom(seed: seed)
        let tokens = try session.join(4)
        try session.facilitator(.advance)
        var checked = 0
        while session.state.stage != .finished {
            if session.state.currentPhase?.isIdeaFlow == true, !session.state.isLocked, Int.random(in: 0..<3, using: &pick) > 0 {
                _ = try? session.submit("Idea \(checked)", by: tokens[Int.random(in: 0..<4, using: &pick)])
            }
            guard let deadline = session.state.nextDeadline else {
                try session.facilitator(.advance)
                continue
            }
            let due = max(deadline, session.now)
            if due > session.now {
                var early = session
                early.now = due.advanced(byMilliseconds: -1)
                #expect(try early.run(.tick).isEmpty, "ticked before \(due)")
                session.now = due
            }
            #expect(try !session.run(.tick).isEmpty, "nothing happened at \(due)")
            checked += 1
            if session.state.isLocked { try session.facilitator(.advance) }
        }
        #expect(checked >= 5)
    }
}
