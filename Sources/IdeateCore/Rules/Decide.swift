/// Deciding a command: checks every rule against the state and the time and answers with the
/// events to record, or a ``Refusal``. Pure: time and randomness are parameters.
extension SessionState {
    /// The events that `command` causes at `now`, or why it is refused.
    ///
    /// A phase whose deadline has passed is locked first (with the deadline as its time), so a
    /// submission that arrives late is judged as late even if no tick came in between.
    public func decide(
        _ command: Command, at now: Instant, random: inout some RandomNumberGenerator
    ) throws(Refusal) -> [Event] {
        var decision = Decision(state: self, now: now)
        decision.lockIfExpired(random: &random)
        switch command {
        case .tick:
            decision.revealDueBatch(random: &random)
        case let .participant(token, participantCommand, request):
            try decision.decide(participantCommand, from: token, request: request, random: &random)
        case let .facilitator(facilitatorCommand):
            try decision.decide(facilitatorCommand, random: &random)
        }
        return decision.events
    }
}

/// A decision in progress: the events so far, and the state as it will be after them, so each
/// rule sees the consequences of the ones before it.
///
/// The state after the events is built only when a rule reads it after an emit: copying a
/// session with thousands of ideas for every command would make ingest quadratic.
struct Decision {
    private let base: SessionState
    private var updated: SessionState?
    private var unapplied = 0
    let now: Instant
    private(set) var events: [Event] = []

    init(state: SessionState, now: Instant) {
        base = state
        self.now = now
    }

    /// The state as it is after the events emitted so far. Lent to the caller, not copied:
    /// rules read it several times per command, and a copy retains every field of the session.
    var state: SessionState {
        mutating _read {
            if unapplied > 0 {
                var current = updated ?? base
                for event in events.suffix(unapplied) { current.apply(event) }
                updated = current
                unapplied = 0
            }
            if updated != nil {
                yield updated!
            } else {
                yield base
            }
        }
    }

    var plan: Plan { base.plan }

    mutating func emit(_ event: Event) {
        events.append(event)
        unapplied += 1
    }

    mutating func decide(
        _ command: ParticipantCommand, from token: ParticipantToken, request: String?,
        random: inout some RandomNumberGenerator
    ) throws(Refusal) {
        let pseudonym = token.pseudonym
        if command == .join {
            try admit(pseudonym)
            return
        }
        guard state.participants.contains(pseudonym) else {
            throw Refusal(.notJoined, .joinFirst)
        }
        // A request already carried out is answered as it was, whatever happened since.
        let requestTag = request.map { token.requestTag(for: $0) }
        if let requestTag, state.hasCompleted(requestTagged: requestTag) { return }
        if case .finished = state.stage { throw Refusal(.finished, .ended) }
        switch command {
        case .join: break
        case let .submitIdea(text, extending, receipt):
            try submitIdea(text: text, extending: extending, receipt: receipt, requestTag: requestTag, by: token, random: &random)
            return
        case let .editIdea(id, text): try editIdea(id, text: text, by: token)
        case let .withdrawIdea(id): try withdrawIdea(id, by: token)
        case let .castVote(id): try castVote(on: id, by: token)
        case let .retractVote(id): try retractVote(from: id, by: token)
        case let .moveVote(from, to):
            try retractVote(from: from, by: token)
            try castVote(on: to, by: token)
        case let .rate(id, impact, effort): try rate(id, impact: impact, effort: effort, by: token)
        case .sayDone: try sayDone(by: token)
        case .takeBackDone: try takeBackDone(by: token)
        }
        if let requestTag { emit(.requestCompleted(requestTag)) }
    }

    /// Lets `pseudonym` in: anyone who joined before always; newcomers while the room is open
    /// and below the plan's `max_participants`.
    private mutating func admit(_ pseudonym: Pseudonym) throws(Refusal) {
        guard !state.participants.contains(pseudonym) else { return }
        if case .finished = state.stage { throw Refusal(.finished, .ended) }
        guard !state.isRoomLocked else {
            throw Refusal(.roomLocked, .roomLocked)
        }
        guard state.participants.count < plan.maxParticipants else {
            throw Refusal(.roomFull, .roomFull, ["count": .number(plan.maxParticipants)])
        }
        emit(.participantJoined(pseudonym))
    }

    mutating func decide(_ command: FacilitatorCommand, random: inout some RandomNumberGenerator) throws(Refusal) {
        switch command {
        case .advance: try advance(random: &random)
        case .pauseTimer: try pauseTimer()
        case .resumeTimer: try resumeTimer()
        case let .extendTimer(seconds): try extendTimer(by: seconds)
        case .lockPhase: try lockPhase(random: &random)
        case let .addIdea(text): try addSpokenIdea(text: text, random: &random)
        case let .hide(id): try setHidden(id, true)
        case let .unhide(id): try setHidden(id, false)
        case let .park(id): try setParked(id, true)
        case let .unpark(id): try setParked(id, false)
        case let .merge(id, target): try merge(id, into: target)
        case let .unmerge(id): try unmerge(id)
        case let .cluster(id, name): try cluster(id, name: name)
        case let .renameCluster(from, to): try renameCluster(from: from, to: to)
        case let .recordReview(id, review): try recordReview(id, review)
        case let .addActionItem(idea, what, owner, due): try addActionItem(idea: idea, what: what, owner: owner, due: due)
        case let .removeActionItem(id): try removeActionItem(id)
        case let .notePortfolioNumbers(numbers):
            guard case .finished = state.stage else { throw Refusal(.notNow, .numbersAfterEnd) }
            guard numbers != state.portfolioNumbers else { return }
            emit(.portfolioNumbersNoted(numbers))
        case let .approve(id): try approve(id)
        case let .holdBack(id): try holdBack(id)
        case let .approveMerging(id, target): try approve(id, mergingInto: target)
        case let .requeue(id): try requeue(id)
        case .lockRoom:
            guard !state.isRoomLocked else { throw Refusal(.notNow, .roomAlreadyLocked) }
            emit(.roomLocked)
        case .unlockRoom:
            guard state.isRoomLocked else { throw Refusal(.notNow, .roomAlreadyOpen) }
            emit(.roomUnlocked)
        }
    }

    /// The idea `id`, or a refusal naming it.
    mutating func existingIdea(_ id: IdeaID) throws(Refusal) -> Idea {
        guard let idea = state.ideas[id], !idea.isWithdrawn else {
            throw Refusal(.unknownIdea, .noIdea, ["idea": .text(id.rawValue)])
        }
        return idea
    }

    mutating func requirePhase(_ allowed: Set<PhaseKind>) throws(Refusal) -> (round: Int, phase: PhaseKind) {
        switch state.stage {
        case .lobby: throw Refusal(.notNow, .notStarted)
        case .finished: throw Refusal(.finished, .ended)
        case let .running(round, phase):
            guard allowed.contains(phase) else { throw Refusal(.notNow, .wrongPhase, ["phase": .phrase(phase.namePhrase)]) }
            return (round, phase)
        }
    }
}
