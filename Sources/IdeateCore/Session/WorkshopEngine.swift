/// Something that runs commands against a session: in memory here, durably in IdeateStore.
/// The simulator and the clients drive a workshop through this, whatever keeps its events.
public protocol WorkshopEngine: Sendable {
    /// The state after every command executed so far.
    func currentState() async -> SessionState
    /// Decides `command` at `now`, keeps the events, and returns them once they are kept.
    @discardableResult
    func execute(_ command: Command, at now: Instant) async throws -> [Event]
}

/// A session held only in memory: the engine for tests and for previews.
public actor InMemoryEngine: WorkshopEngine {
    public private(set) var state: SessionState
    public private(set) var log: [Event] = []
    private var random: SeededRandom

    public init(plan: Plan, seed: UInt64) {
        state = SessionState(plan: plan)
        random = SeededRandom(seed: seed)
    }

    public func currentState() -> SessionState { state }

    @discardableResult
    public func execute(_ command: Command, at now: Instant) throws -> [Event] {
        let events = try state.decide(command, at: now, random: &random)
        for event in events { state.apply(event) }
        log += events
        return events
    }
}
