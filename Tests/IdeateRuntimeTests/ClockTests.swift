import IdeateCore
import IdeateRuntime
import IdeateTestSupport
import Testing

@Suite("Clock, ticks and wake-ups", .offThePool, .timeLimit(.minutes(1)))
struct ClockTests {
    @Test("Ticks on whole seconds come just after each second of the clock, and only when it moves")
    func wholeSeconds() async {
        let clock = TestClock(Instant(millisecondsSince1970: 1_000_400))
        var ticks = Ticks.onWholeSeconds(of: clock).makeAsyncIterator()
        async let first: Void? = ticks.next()
        await clock.waitForSleeper(until: Instant(millisecondsSince1970: 1_001_002))
        clock.advance(by: .milliseconds(602))
        #expect(await first != nil)
    }

    @Test("A steady tick sleeps one interval after the last; cancelling ends the sequence")
    func steady() async {
        let clock = TestClock()
        let start = clock.now
        let task = Task {
            var count = 0
            for await _ in Ticks(every: .seconds(2), on: clock) { count += 1 }
            return count
        }
        for step in 1...3 {
            await clock.waitForSleeper(until: start.advanced(bySeconds: 2 * step))
            clock.advance(seconds: 2)
        }
        await clock.waitForSleeper(until: start.advanced(bySeconds: 8))
        task.cancel()
        #expect(await task.value == 3)
    }

    @Test("A ring while nobody waits is kept for the next wait; many rings wake once")
    func wakeupKeepsOneRing() async {
        let wakeup = Wakeup()
        wakeup.ring()
        wakeup.ring()
        await wakeup.wait()
        let clock = TestClock()
        let deadline = clock.now.advanced(bySeconds: 5)
        async let waited: Void = wakeup.wait(until: deadline, on: clock)
        await clock.waitForSleeper(until: deadline)
        clock.advance(seconds: 5)
        await waited
        #expect(clock.sleeperCount == 0)
    }

    @Test("Waiting until a deadline ends at a ring, and the sleep is cancelled")
    func ringBeforeDeadline() async {
        let clock = TestClock()
        let wakeup = Wakeup()
        let deadline = clock.now.advanced(bySeconds: 60)
        async let waited: Void = wakeup.wait(until: deadline, on: clock)
        await clock.waitForSleeper(until: deadline)
        wakeup.ring()
        await waited
        #expect(clock.sleeperCount == 0)
    }
}
