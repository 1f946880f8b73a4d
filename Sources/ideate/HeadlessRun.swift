import Foundation
import IdeateCore
import IdeateStore
import IdeateTUI
import ServiceLifecycle

/// `ideate run --headless`: the server without a console, as a service. Phases start at once
/// and move on as their timers end; SIGINT or SIGTERM stops it, with everything already saved.
/// Its lines go to ``Log/server`` in the wording scripts and people have always read.
struct HeadlessRun: Service {
    let engine: DurableEngine
    let store: RunStore
    let clock: any SessionClock
    let joinCommand: String
    let code: String
    let portfolioPath: String
    var sshCommand: String?
    var sshFingerprint: String?
    var phoneURL: String?

    func run() async {
        let log = Log.server
        log.info("Serving participants: \(joinCommand) --code \(code)")
        if let sshCommand, let sshFingerprint { log.info("Over ssh: \(sshCommand) (host key \(sshFingerprint))") }
        if let phoneURL { log.info("With a phone: \(phoneURL)") }
        log.info("Run file: \(store.path)\nStop with Ctrl-C.")
        let finished = await cancelWhenGracefulShutdown { await serveUntilFinished() }
        if !finished { log.info("Stopped. Continue with --resume; the run file is \(store.path).") }
    }

    /// Moves the workshop along at once and on every tick; true once it finished, the minutes
    /// are written and the run is in the portfolio (or the log says why not).
    private func serveUntilFinished() async -> Bool {
        var storage = StorageReport()
        var ticks = Ticker.every(milliseconds: 250).makeAsyncIterator()
        repeat {
            if await pass(storage: &storage) { return true }
        } while await ticks.next() != nil
        return false
    }

    /// One look at the workshop: saving problems, the timer, the next phase when it is time.
    private func pass(storage: inout StorageReport) async -> Bool {
        let log = Log.server
        let now = clock.now()
        if let line = storage.line(for: await engine.storageHealth(), at: now) { log.warning("\(line)") }
        _ = try? await engine.execute(.tick, at: now)
        let state = await engine.currentState()
        switch state.stage {
        case .lobby:
            guard await advance(at: now) else { break }
            log.info("Started: \(state.plan.rounds.first?.phases.first?.kind.title ?? "")")
        case .running where state.isLocked:
            guard await advance(at: now) else { break }
            let next = await engine.currentState()
            log.info("\(next.stage == .finished ? "Finished." : "Next: \(next.currentPhase?.title ?? "")")")
        case .finished:
            let outcome = FinishedRun.record(state, store: store, portfolioPath: portfolioPath)
            switch outcome.minutes {
            case let .written(path): log.info("Minutes: \(path)")
            case let .notWritten(reason): log.error("Minutes not written: \(reason). Everything is in the run file: ideate export \(store.path)")
            }
            switch outcome.portfolio {
            case let .added(path, summary)?: log.info("Added to the portfolio \(path): \(summary)")
            case let .alreadyThere(path)?: log.info("Already in the portfolio \(path)")
            case let .notAdded(reason)?: log.error("Not added to the portfolio: \(reason). Add it later: ideate portfolio add \(store.path)")
            case nil: break
            }
            return true
        default:
            break
        }
        return false
    }

    /// Moves to the next phase; false when it could not be saved (tried again next pass).
    private func advance(at now: Instant) async -> Bool {
        (try? await engine.execute(.facilitator(.advance), at: now)) != nil
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
