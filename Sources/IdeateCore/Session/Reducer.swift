/// Applying events: the only code that changes a ``SessionState``. It trusts its input (the
/// rules in `decide` already checked it), so replaying a stored log is fast and never refuses.
extension SessionState {
    public mutating func apply(_ event: Event) {
        revision += 1
        switch event {
        case let .participantJoined(pseudonym):
            participants.insert(pseudonym)
        case let .phaseStarted(round, phase, at, seconds):
            closeOpenPhaseRecord(at: at)
            if startedAt == nil { startedAt = at }
            stage = .running(round: round, phase: phase)
            isLocked = false
            doneInPhase = []
            timer = seconds.map { PhaseTimer(totalSeconds: $0, mode: .running(endsAt: at.advanced(bySeconds: $0))) }
            lastRevealAt = at
            phaseHistory.append(PhaseRecord(round: round, phase: phase, plannedSeconds: seconds, startedAt: at))
        case let .timerPaused(at):
            if let timer { self.timer?.mode = .paused(remainingMilliseconds: timer.remainingMilliseconds(at: at)) }
        case let .timerResumed(at):
            if case let .paused(remaining)? = timer?.mode { timer?.mode = .running(endsAt: at.advanced(byMilliseconds: remaining)) }
        case let .timerExtended(seconds):
            timer?.totalSeconds += seconds
            switch timer?.mode {
            case let .running(endsAt)?: timer?.mode = .running(endsAt: endsAt.advanced(bySeconds: seconds))
            case let .paused(remaining)?: timer?.mode = .paused(remainingMilliseconds: remaining + Int64(seconds) * 1000)
            case nil: break
            }
        case let .phaseReopened(at, seconds):
            isLocked = false
            timer?.totalSeconds += seconds
            timer?.mode = .running(endsAt: at.advanced(bySeconds: seconds))
        case let .phaseLocked(at):
            isLocked = true
            if let timer { self.timer?.mode = .paused(remainingMilliseconds: timer.remainingMilliseconds(at: at)) }
            if case let .running(round, .vote) = stage { closedVoteRounds.insert(round) }
            if case let .running(round, .rate) = stage { closedRateRounds.insert(round) }
        case let .ideaSubmitted(idea):
            ideas[idea.id] = idea
            if let tag = idea.requestTag { ideaByRequestTag[tag] = idea.id }
            roundLoad[idea.round, default: RoundLoad()].add(idea.text)
            // An idea that arrives once ideas no longer flow (during group, vote or review) is
            // kept as late but never joins that round's wall: a running vote's ballot is fixed.
            if currentPhase?.isIdeaFlow ?? true {
                if plan.holds(idea) { held.append(idea.id) } else { pending.append(idea.id) }
            }
        case let .ideaEdited(id, text):
            if let old = ideas[id] {
                roundLoad[old.round, default: RoundLoad()].replace(old.text, with: text)
            }
            ideas[id]?.text = text
            editCount += 1
        case let .ideaWithdrawn(id):
            ideas[id]?.isWithdrawn = true
            pending.removeAll { $0 == id }
            held.removeAll { $0 == id }
            updateWall(for: id)
        case let .ideasRevealed(ids, at):
            let revealed = Set(ids)
            pending.removeAll { revealed.contains($0) }
            for id in ids {
                ideas[id]?.isRevealed = true
                wallPosition[id] = wall.count
                wall.append(id)
                updateWall(for: id)
            }
            if let at { lastRevealAt = at }
        case let .ideaHidden(id):
            ideas[id]?.isHidden = true
            updateWall(for: id)
        case let .ideaUnhidden(id):
            ideas[id]?.isHidden = false
            updateWall(for: id)
        case let .ideaParked(id):
            ideas[id]?.isParked = true
            updateWall(for: id)
        case let .ideaUnparked(id):
            ideas[id]?.isParked = false
            updateWall(for: id)
        case let .ideasMerged(id, target):
            ideas[id]?.mergedInto = target
            mergedChildren[target, default: []].append(id)
            updateWall(for: id)
        case let .ideaUnmerged(id):
            if let target = ideas[id]?.mergedInto {
                mergedChildren[target]?.removeAll { $0 == id }
                if mergedChildren[target]?.isEmpty == true { mergedChildren[target] = nil }
            }
            ideas[id]?.mergedInto = nil
            updateWall(for: id)
        case let .ideaClustered(id, cluster):
            ideas[id]?.cluster = cluster
        case let .clusterRenamed(round, from, to):
            for (id, idea) in ideas where idea.round == round && idea.cluster == from {
                ideas[id]?.cluster = to
            }
        case let .voteCast(voter, id):
            ballots[voter, default: [:]][id, default: 0] += 1
        case let .ideaApproved(id):
            held.removeAll { $0 == id }
            pending.append(id)
        case let .ideaHeldBack(id):
            held.removeAll { $0 == id }
            heldBack.insert(id)
        case let .ideaRequeued(id):
            heldBack.remove(id)
            held.append(id)
        case let .ideaRated(rater, id, impact, effort):
            ratings[rater, default: [:]][id] = Rating(impact: impact, effort: effort)
        case let .doneSaid(pseudonym):
            doneInPhase.insert(pseudonym)
        case let .doneTakenBack(pseudonym):
            doneInPhase.remove(pseudonym)
        case let .voteRetracted(voter, id):
            ballots[voter, default: [:]][id, default: 0] -= 1
            if ballots[voter]?[id] == 0 { ballots[voter]?[id] = nil }
        case let .reviewRecorded(id, review):
            reviews[id] = review
        case let .actionItemAdded(item):
            actionItems.append(item)
        case let .actionItemRemoved(id):
            actionItems.removeAll { $0.id == id }
        case let .sessionFinished(at):
            closeOpenPhaseRecord(at: at)
            stage = .finished
            doneInPhase = []
            timer = nil
            isLocked = true
            finishedAt = at
        case let .requestCompleted(tag):
            completedRequests.insert(tag)
        case .roomLocked:
            isRoomLocked = true
        case .roomUnlocked:
            isRoomLocked = false
        case let .earlierExperimentsShown(experiments):
            earlierExperiments = experiments
        case let .ideaBoxLinked(address):
            ideaBox = address
        case let .actionItemsShown(items):
            openActionItems = items
        case let .portfolioNumbersNoted(numbers):
            portfolioNumbers = numbers
        }
    }

    /// Puts `id` on its round's wall list or takes it off, to match ``Idea/isOnWall``.
    private mutating func updateWall(for id: IdeaID) {
        guard let idea = ideas[id], let position = wallPosition[id] else { return }
        var list = onWall[idea.round] ?? []
        onWall[idea.round] = nil
        var low = 0, high = list.count
        while low < high {
            let middle = (low + high) / 2
            if wallPosition[list[middle]] ?? 0 < position { low = middle + 1 } else { high = middle }
        }
        let isListed = low < list.count && list[low] == id
        if idea.isOnWall, !isListed { list.insert(id, at: low) }
        if !idea.isOnWall, isListed { list.remove(at: low) }
        onWall[idea.round] = list
    }

    private mutating func closeOpenPhaseRecord(at instant: Instant) {
        if let last = phaseHistory.indices.last, phaseHistory[last].endedAt == nil {
            phaseHistory[last].endedAt = instant
        }
    }
}
