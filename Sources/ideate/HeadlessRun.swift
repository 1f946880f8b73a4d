import Foundation
import IdeateCore
import IdeateStore
import IdeateTUI

/// `ideate run --headless`: the server without a console. Phases start at once and move on as
/// their timers end; SIGINT or SIGTERM stops it, with everything already saved.
struct HeadlessRun {
    let engine: DurableEngine
    let store: RunStore
    let clock: any SessionClock

    func serve(joinCommand: String, code: String) async throws {
        StandardError.write("Serving participants: \(joinCommand) --code \(code)\nRun file: \(store.path)\nStop with Ctrl-C.")
        let stop = SignalFlag(signals: [SIGINT, SIGTERM])
        var storage = StorageReport()
        while !stop.isRaised {
            let now = clock.now()
            if let line = storage.line(for: await engine.storageHealth(), at: now) { StandardError.write(line) }
            _ = try? await engine.execute(.tick, at: now)
            try? store.recordHeartbeat(now)
            let state = await engine.currentState()
            switch state.stage {
            case .lobby:
                guard try await advance(at: now) else { break }
                StandardError.write("Started: \(state.plan.rounds.first?.phases.first?.kind.title ?? "")")
            case .running where state.isLocked:
                guard try await advance(at: now) else { break }
                let next = await engine.currentState()
                StandardError.write(next.stage == .finished ? "Finished." : "Next: \(next.currentPhase?.title ?? "")")
            case .finished:
                if let minutes = FinishedRun.writeMinutes(state, runPath: store.path) { StandardError.write("Minutes: \(minutes)") }
                return
            default:
                break
            }
            try? await Task.sleep(nanoseconds: 250_000_000)
        }
        StandardError.write("Stopped. Continue with --resume; the run file is \(store.path).")
    }

    /// Moves to the next phase; false when it could not be saved (tried again next pass).
    private func advance(at now: Instant) async throws -> Bool {
        do {
            try await engine.execute(.facilitator(.advance), at: now)
            return true
        } catch is StorageFailure {
            return false
        }
    }
}

/// What the server's log says about saving: a warning when commits fail (at most every
/// 10 seconds, with the count), and one line when saving works again.
struct StorageReport {
    private var reportedFailures = 0
    private var seenFailures = 0
    private var warnedAt: Instant?
    private var warning = false

    mutating func line(for health: StorageHealth, at now: Instant) -> String? {
        defer { seenFailures = health.failedCommits }
        if health.failedCommits > reportedFailures, let failure = health.lastFailure,
           warnedAt.map({ now.milliseconds(since: $0) >= 10_000 }) ?? true {
            reportedFailures = health.failedCommits
            warnedAt = now
            warning = true
            return "⚠ \(failure) (\(health.failedCommits) failed save\(health.failedCommits == 1 ? "" : "s") so far)"
        }
        if warning, !health.isFailing, health.failedCommits == seenFailures {
            warning = false
            return "Saving works again."
        }
        return nil
    }
}
