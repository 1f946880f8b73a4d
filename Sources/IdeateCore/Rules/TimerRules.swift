/// Phase order and the countdown: advance, pause, resume, extend, lock on expiry.
extension Decision {
    /// The next phase after the current one, across rounds; nil after the last.
    mutating func nextPhase() -> (round: Int, phase: PhasePlan)? {
        switch state.stage {
        case .finished: return nil
        case .lobby:
            return plan.rounds.first?.phases.first.map { (0, $0) }
        case let .running(round, phase):
            let phases = plan.rounds[round].phases
            if let index = phases.firstIndex(where: { $0.kind == phase }), index + 1 < phases.count {
                return (round, phases[index + 1])
            }
            let nextRound = round + 1
            guard nextRound < plan.rounds.count, let first = plan.rounds[nextRound].phases.first else { return nil }
            return (nextRound, first)
        }
    }

    mutating func advance(random: inout some RandomNumberGenerator) throws(Refusal) {
        if case .finished = state.stage { throw Refusal(.finished, .alreadyEnded) }
        if case .running = state.stage {
            if !state.isLocked { lockNow(at: now, random: &random) }
            revealAllPending(random: &random)
        }
        if let next = nextPhase() {
            emit(.phaseStarted(round: next.round, phase: next.phase.kind, at: now, seconds: next.phase.seconds))
        } else {
            emit(.sessionFinished(at: now))
        }
    }

    mutating func pauseTimer() throws(Refusal) {
        let timer = try runningTimer()
        guard !timer.isPaused else { throw Refusal(.notNow, .alreadyPaused) }
        emit(.timerPaused(at: now))
    }

    mutating func resumeTimer() throws(Refusal) {
        let timer = try runningTimer()
        guard timer.isPaused else { throw Refusal(.notNow, .alreadyRunning) }
        emit(.timerResumed(at: now))
    }

    mutating func extendTimer(by seconds: Int) throws(Refusal) {
        guard (1...3600).contains(seconds) else {
            throw Refusal(.notNow, .extendRange, ["count": .number(seconds)])
        }
        guard case let .running(_, phase) = state.stage, state.timer != nil else {
            throw Refusal(.notNow, .noTimerToExtend)
        }
        if state.isLocked {
            guard phase.isIdeaFlow else {
                throw Refusal(.roundClosed, .closedForGood, ["phase": .phrase(phase.namePhrase)])
            }
            emit(.phaseReopened(at: now, seconds: seconds))
        } else {
            emit(.timerExtended(seconds: seconds))
        }
    }

    mutating func lockPhase(random: inout some RandomNumberGenerator) throws(Refusal) {
        guard case .running = state.stage else { throw Refusal(.notNow, .noPhaseRunning) }
        guard !state.isLocked else { throw Refusal(.notNow, .phaseClosed) }
        lockNow(at: now, random: &random)
    }

    /// Locks the phase at its deadline when that has passed.
    mutating func lockIfExpired(random: inout some RandomNumberGenerator) {
        guard !state.isLocked, let timer = state.timer, let deadline = timer.deadline, timer.hasExpired(at: now) else { return }
        lockNow(at: deadline, random: &random)
    }

    private mutating func lockNow(at instant: Instant, random: inout some RandomNumberGenerator) {
        emit(.phaseLocked(at: instant))
        revealAllPending(random: &random)
    }

    private mutating func runningTimer() throws(Refusal) -> PhaseTimer {
        guard case .running = state.stage, let timer = state.timer else {
            throw Refusal(.notNow, .noTimer)
        }
        guard !state.isLocked else { throw Refusal(.roundClosed, .phaseClosed) }
        return timer
    }
}

extension SessionState {
    /// The next instant at which the session changes by itself, without anybody sending a
    /// command: the running phase's deadline or the next batch due, whichever is first. Nil
    /// when nothing is due (the lobby, a paused timer, a locked phase with nothing pending, the
    /// end). The session runtime sleeps until then and ticks; a tick before it changes nothing.
    public var nextDeadline: Instant? {
        let phaseEnd = isLocked ? nil : timer?.deadline
        switch (phaseEnd, nextRevealDue) {
        case let (end?, reveal?): return min(end, reveal)
        case let (end, reveal): return end ?? reveal
        }
    }
}
