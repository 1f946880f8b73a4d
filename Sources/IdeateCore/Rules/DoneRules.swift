/// "I'm done": while ideas flow (ideate, build) a participant may say they have nothing more
/// to add, and take it back. The shared screens show how many are done, never who
/// (``SessionState/doneCount``); every new phase starts with nobody done, so an answer never
/// outlives the phase it was given in.
extension Decision {
    mutating func sayDone(by token: ParticipantToken) throws(Refusal) {
        try requireOpenIdeaFlow()
        guard !state.doneInPhase.contains(token.pseudonym) else { return }
        emit(.doneSaid(token.pseudonym))
    }

    mutating func takeBackDone(by token: ParticipantToken) throws(Refusal) {
        try requireOpenIdeaFlow()
        guard state.doneInPhase.contains(token.pseudonym) else { return }
        emit(.doneTakenBack(token.pseudonym))
    }

    private mutating func requireOpenIdeaFlow() throws(Refusal) {
        if let phase = state.currentPhase, !phase.isIdeaFlow { throw Refusal(.notNow, .doneOnlyWhileIdeasFlow) }
        _ = try requirePhase([.ideate, .build])
        guard !state.isLocked else { throw Refusal(.roundClosed, .doneAfterClose) }
    }
}

extension SessionState {
    /// How many participants said "I'm done" in the phase running: a count, never who.
    public var doneCount: Int { doneInPhase.count }

    /// Whether `token` said "I'm done" in the phase running: their own screen shows it.
    public func isDone(_ token: ParticipantToken) -> Bool { doneInPhase.contains(token.pseudonym) }
}
