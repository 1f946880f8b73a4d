/// Something that runs commands against a session: in memory here, durably in IdeateStore.
/// The simulator and the clients drive a workshop through this, whatever keeps its events.
public protocol WorkshopEngine: Sendable {
    /// The state after every command executed so far.
    func currentState() async -> SessionState
    /// Decides `command` at `now`, keeps the events, and returns them once they are kept.
    @discardableResult
    func execute(_ command: Command, at now: Instant) async throws -> [Event]
    /// Whether events are being kept, for the facilitator's screen and the server's log.
    func storageHealth() async -> StorageHealth
    /// Yields after each change of ``currentState()`` (coalesced), so front ends need not poll.
    nonisolated func changes() -> AsyncStream<Void>
}

/// How keeping events has gone: a full disk shows here before anyone asks.
public struct StorageHealth: Equatable, Sendable {
    /// Commits that failed since the engine started (each refused its commands).
    public var failedCommits = 0
    /// The latest failure.
    public var lastFailure: StorageFailure?
    /// The latest commit failed.
    public var isFailing = false

    public init() {}
}

/// Events could not be kept (the disk is full, the file cannot be written): the command was
/// not accepted, and everything kept before it still is. The facilitator and the participant
/// each get a sentence that says what happened and what to do.
public struct StorageFailure: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Cause: Equatable, Sendable {
        case diskFull
        case writeFailed
    }

    public var cause: Cause
    /// What the storage said, for the facilitator.
    public var detail: String

    public init(cause: Cause, detail: String) {
        self.cause = cause
        self.detail = detail
    }

    /// For the facilitator's screen and the server's log.
    public var description: String { sentence.description }

    /// For the projector's status line, in the room's language.
    public var sentence: Sentence {
        switch cause {
        case .diskFull: Sentence(ConsolePhrase.storageDiskFull)
        case .writeFailed: Sentence(ConsolePhrase.storageCannotWrite, ["detail": .text(detail)])
        }
    }

    /// For the participant whose command was refused.
    public var participantSentence: Sentence {
        switch cause {
        case .diskFull: Sentence(ConnectionPhrase.diskFull)
        case .writeFailed: Sentence(ConnectionPhrase.cannotWrite)
        }
    }
}

/// A session held only in memory: the engine for tests and for previews.
public actor InMemoryEngine: WorkshopEngine {
    public private(set) var state: SessionState
    public private(set) var log: [Event] = []
    private var random: SeededRandom
    private let changeSignal = ChangeSignal()

    public init(plan: Plan, seed: UInt64) {
        state = SessionState(plan: plan)
        random = SeededRandom(seed: seed)
    }

    public func currentState() -> SessionState { state }

    public nonisolated func changes() -> AsyncStream<Void> { changeSignal.subscribe() }

    /// Memory never fills up the way a disk does.
    public func storageHealth() -> StorageHealth { StorageHealth() }

    @discardableResult
    public func execute(_ command: Command, at now: Instant) throws -> [Event] {
        let events = try state.decide(command, at: now, random: &random)
        for event in events { state.apply(event) }
        log += events
        if !events.isEmpty { changeSignal.signal() }
        return events
    }
}
