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
        while !stop.isRaised {
            let now = clock.now()
            _ = try? await engine.execute(.tick, at: now)
            try? store.recordHeartbeat(now)
            let state = await engine.currentState()
            switch state.stage {
            case .lobby:
                try await engine.execute(.facilitator(.advance), at: now)
                StandardError.write("Started: \(state.plan.rounds.first?.phases.first?.kind.title ?? "")")
            case .running where state.isLocked:
                try await engine.execute(.facilitator(.advance), at: now)
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
}
