/// Something that happened in a session. Events are the only thing the store keeps; the state
/// is what you get by applying them in order (``SessionState/apply(_:)``).
///
/// Anonymity shows in the shapes: no event carries a token, an address, or the time an idea
/// arrived. Times appear only where the timer needs them.
public enum Event: Codable, Equatable, Sendable {
    case participantJoined(Pseudonym)
    case phaseStarted(round: Int, phase: PhaseKind, at: Instant, seconds: Int?)
    case timerPaused(at: Instant)
    case timerResumed(at: Instant)
    case timerExtended(seconds: Int)
    /// An idea phase that had run out was given more time by the facilitator.
    case phaseReopened(at: Instant, seconds: Int)
    /// The phase locked: its timer ran out or the facilitator closed it.
    case phaseLocked(at: Instant)
    case ideaSubmitted(Idea)
    case ideaEdited(IdeaID, text: String)
    case ideaWithdrawn(IdeaID)
    /// Pending ideas shown on the wall, in this (shuffled) order. `at` paces the batches; with
    /// `reveal: immediate` it is nil, as each reveal follows one idea's arrival and its time
    /// would tell when that idea came in.
    case ideasRevealed([IdeaID], at: Instant?)
    case ideaHidden(IdeaID)
    case ideaUnhidden(IdeaID)
    case ideaParked(IdeaID)
    case ideaUnparked(IdeaID)
    case ideasMerged(IdeaID, into: IdeaID)
    case ideaUnmerged(IdeaID)
    case ideaClustered(IdeaID, cluster: String?)
    case clusterRenamed(round: Int, from: String, to: String)
    case voteCast(Pseudonym, IdeaID)
    case voteRetracted(Pseudonym, IdeaID)
    /// In `rate`: a participant's impact and effort for a shortlisted idea (replacing theirs).
    /// Kept by pseudonym like a dot; the figures stay hidden until the phase closes.
    case ideaRated(Pseudonym, IdeaID, impact: Int, effort: Int)
    /// A participant said they are done with the phase running (ideate or build). Kept by
    /// pseudonym, like a dot, so it counts once and can be taken back; a new phase forgets it.
    case doneSaid(Pseudonym)
    /// The participant took their "I'm done" back.
    case doneTakenBack(Pseudonym)
    /// With `moderation: true`: the facilitator let a held idea through to the wall (with the
    /// next batch while ideas flow, at once afterwards).
    case ideaApproved(IdeaID)
    /// The facilitator kept a held idea off the wall: kept, and counted in the minutes.
    case ideaHeldBack(IdeaID)
    /// A held-back idea went back into the queue (the facilitator's undo).
    case ideaRequeued(IdeaID)
    case reviewRecorded(IdeaID, IdeaReview)
    case actionItemAdded(ActionItem)
    case actionItemRemoved(Int)
    case sessionFinished(at: Instant)
    /// A participant's request (edit, withdraw, vote, unvote, move) was carried out. The tag
    /// (``ParticipantToken/requestTag(for:)``) lets a resend be recognised, after a crash too,
    /// and means nothing without the token. Submissions keep theirs in the idea instead.
    case requestCompleted(OwnerTag)
    /// The facilitator closed joining (known participants still reconnect).
    case roomLocked
    case roomUnlocked
    /// A plan with `followup: true` started: what the portfolio held about earlier experiments
    /// then, which the follow-up round shows and the minutes record.
    case earlierExperimentsShown([EarlierExperiment])
    /// The company's idea box, as the portfolio knew it when the run started: the end screen
    /// offers participants to follow their ideas there.
    case ideaBoxLinked(IdeaBoxAddress)
    /// A plan with `followup: true` started: the action items still open then, which the
    /// follow-up round shows after the experiments.
    case actionItemsShown([OpenActionItem])
    /// The finished run was added to the portfolio: each idea's number there, by idea id.
    case portfolioNumbersNoted([String: String])
}
