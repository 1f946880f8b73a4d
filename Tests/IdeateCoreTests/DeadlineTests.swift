import IdeateCore
import IdeateTestSupport
import Testing

/// When the session changes by itself: the runtime sleeps until ``SessionState/nextDeadline``,
/// so a tick before it must change nothing and a tick at it must change something.
@Suite("Next deadline", .offThePool, .timeLimit(.minutes(1)))
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
        #expect(session.state.nextDeadline == session.now.advanced(bySeconds: 20), "the first batch is due batch_seconds into the phase")
        session.wait(seconds: 20)
        try session.run(.tick)
        #expect(session.state.pending.isEmpty)
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

    @Test("A tick before the deadline changes nothing; a tick at it does (a whole workshop, time moving in random steps)",
          arguments: [1, 7, 42] as [UInt64])
    func tickAgreesWithDeadline(seed: UInt64) throws {
        print("tickAgreesWithDeadline seed \(seed)")
        var session = TestSession(plan: TestSession.plan(reveal: .batch))
        session.random = SeededRandom(seed: seed)
        var pick = SeededRandom(seed: seed)
        let tokens = try session.join(4)
        try session.facilitator(.advance)
        var deadlinesMet = 0
        var submitted = 0
        while session.state.stage != .finished {
            if session.state.currentPhase?.isIdeaFlow == true, !session.state.isLocked {
                for _ in 0..<Int.random(in: 0...3, using: &pick) {
                    if (try? session.submit("Idea \(submitted)", by: tokens[submitted % 4])) != nil { submitted += 1 }
                }
            }
            guard let deadline = session.state.nextDeadline else {
                try session.facilitator(.advance)
                continue
            }
            let target = session.now.advanced(byMilliseconds: Int64.random(in: 1_000...40_000, using: &pick))
            let due = max(deadline, session.now)
            guard due <= target else {
                session.now = target
                #expect(try session.run(.tick).isEmpty, "a tick at \(target) changed something before the deadline \(deadline)")
                continue
            }
            if due > session.now {
                var early = session
                early.now = due.advanced(byMilliseconds: -1)
                #expect(try early.run(.tick).isEmpty, "ticked before \(due)")
                session.now = due
            }
            #expect(try !session.run(.tick).isEmpty, "nothing happened at the deadline \(due)")
            deadlinesMet += 1
            if session.state.isLocked { try session.facilitator(.advance) }
        }
        #expect(deadlinesMet >= 8, "batches and phase ends met: \(deadlinesMet)")
    }
}
