import IdeateCore

/// Where a listener tells the rest of the program that it is listening: its `run()` binds and
/// then records the port (or the reason it could not bind), and whoever needs the address —
/// the console's lobby, a test's client — waits for it. This is what lets a listener bind
/// inside its own `run()` and still be waited for before the console starts.
final class BoundPort: Sendable {
    private struct State {
        var outcome: Result<Int, any Error>?
        var waiters: [CheckedContinuation<Int, any Error>] = []
    }

    private let state = Locked(State())

    /// Records the outcome once; waiters and later askers get it.
    func settle(_ outcome: Result<Int, any Error>) {
        let waiters = state.withLock { state -> [CheckedContinuation<Int, any Error>] in
            guard state.outcome == nil else { return [] }
            state.outcome = outcome
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(with: outcome) }
    }

    /// The port once bound; throws why binding failed.
    func value() async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            let outcome = state.withLock { state -> Result<Int, any Error>? in
                if state.outcome == nil { state.waiters.append(continuation) }
                return state.outcome
            }
            if let outcome { continuation.resume(with: outcome) }
        }
    }
}

/// A listener that could not bind its address: which one, and why (for the facilitator's
/// "choose another port" message).
public struct ListenerBindFailure: Error, CustomStringConvertible {
    /// Which of the run's listeners.
    public enum Listener: Sendable, CustomStringConvertible {
        case participants, ssh, phonePage, ideaBox

        public var description: String {
            switch self {
            case .participants: "participants"
            case .ssh: "ssh"
            case .phonePage: "the phone page"
            case .ideaBox: "the idea box"
            }
        }
    }

    public let listener: Listener
    public let host: String
    public let port: Int
    public let underlying: any Error

    public var description: String { "cannot listen for \(listener) on \(host):\(port) (\(underlying))" }
}
