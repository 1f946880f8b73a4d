import Foundation
import IdeateCore
import IdeateNet
import IdeateRuntime
import IdeateStore
import IdeateTUI
import ServiceLifecycle

/// `ideate run --headless`: the server without a console, as a service. It is a policy on top of
/// the session runtime, which owns the time (a phase locks at its deadline whoever watches): on
/// every change it looks at the workshop and starts it, moves on from a locked phase, or
/// records the finished run. It never polls. SIGINT or SIGTERM stops it, with everything
/// already saved. Its lines go to ``Log/server`` in the wording scripts and people have always read.
struct HeadlessRun: Service {
    let engine: DurableEngine
    let store: RunStore
    let clock: any SessionClock
    let listeners: Listeners
    /// Sends participants their last view (the end) before the listeners close.
    let hub: ParticipantHub
    let joinCommand: String?
    let code: String
    let portfolioPath: String
    var sshCommand: String?
    var sshFingerprint: String?
    var phoneURL: String?

    /// How long a phase change that could not be saved waits before it is tried again.
    var retryDelay: Duration = .seconds(1)
    /// How long changes gather before the run looks again: while ideas pour in it looks a few
    /// times a second, not once per idea; a phase moves on at most this late.
    var settleDelay: Duration = .milliseconds(100)

    func run() async throws {
        try await listeners.bound()
        let log = Log.server
        if let joinCommand { log.info("Serving participants: \(joinCommand) --code \(code)") }
        if let sshCommand, let sshFingerprint { log.info("Over ssh: \(sshCommand) (host key \(sshFingerprint))") }
        if let phoneURL { log.info("With a phone: \(phoneURL)") }
        log.info("Run file: \(store.path)\nStop with Ctrl-C.")
        let finished = await cancelWhenGracefulShutdown { await serveUntilFinished() }
        if !finished { log.info("Stopped. Continue with --resume; the run file is \(store.path).") }
    }

    /// Moves the workshop along at once and after every change; true once it finished, the
    /// minutes are written and the run is in the portfolio (or the log says why not).
    private func serveUntilFinished() async -> Bool {
        var storage = StorageReport()
        var changes = engine.changes().makeAsyncIterator()
        repeat {
            switch await pass(storage: &storage) {
            case .finished: return true
            case .waiting: try? await clock.sleep(for: settleDelay)
            case .notSaved: try? await clock.sleep(for: retryDelay)
            }
        } while await changes.next() != nil
        return false
    }

    /// What one look at the workshop came to.
    private enum Pass {
        case waiting, notSaved, finished
    }

    /// One look at the workshop: saving problems, the next phase when the current one locked.
    private func pass(storage: inout StorageReport) async -> Pass {
        let log = Log.server
        let now = clock.now
        if let line = storage.line(for: await engine.storageHealth(), at: now) { log.warning("\(line)") }
        let state = await engine.currentState()
        switch state.stage {
        case .lobby:
            guard await advance(at: now) else { return .notSaved }
            log.info("Started: \(state.plan.rounds.first?.phases.first?.kind.title ?? "")")
        case .running where state.isLocked:
            guard await advance(at: now) else { return .notSaved }
            let next = await engine.currentState()
            log.info("\(next.stage == .finished ? "Finished." : "Next: \(next.currentPhase?.title ?? "")")")
        case .finished:
            let outcome = await FinishedRun.record(state, store: store, portfolioPath: portfolioPath, engine: engine, at: clock.now)
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
            // Everyone's "ended" view is queued before the listeners close (closing sends
            // what is queued), not left to the publisher's next pass.
            await hub.pushViews()
            return .finished
        default:
            break
        }
        return .waiting
    }

    /// Moves to the next phase; false when it could not be saved (tried again after a pause).
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
