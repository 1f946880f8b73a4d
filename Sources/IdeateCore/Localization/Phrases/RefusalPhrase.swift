/// Why the session's rules refused a command, in sentences for the person who sent it: a
/// participant on their own screen, the facilitator on the projector's status line.
public enum RefusalPhrase: String, Phrase {
    public static let namespace = "refusal"

    case alreadyHidden, notHidden, alreadyParked, notParked, mergeIntoItself, alreadyMerged, mergeOffWall, notMerged
    case noCluster, notOnWall, alreadyEnded, alreadyPaused, alreadyRunning, extendRange, noTimerToExtend, closedForGood
    case noPhaseRunning, phaseClosed, noTimer, notOnBallot, dotsUsed, dotsPerIdea, noDotOnIdea, voteClosed
    case ideasNotOpen, buildOnlyInBuild, buildOnOwn, editOnlyOwn, withdrawOnlyOwn, roundClosed, setAside
    case reviewAfterVote, actionItemsAfterVote, noActionItem, roundFullIdeas, roundFullText, joinFirst, ended
    case roomLocked, roomFull, numbersAfterEnd, roomAlreadyLocked, roomAlreadyOpen, noIdea, notStarted, wrongPhase
    case textEmpty, textTooHeavy, textTooLong
    case fieldIdea, fieldClusterName, fieldActionItem, fieldDueDate, fieldText
    case unknownQuestion, doneAfterClose, doneOnlyWhileIdeasFlow, notHeld, notHeldBack, approveBeforeVote, ratingClosed, ratingScale, notOnShortlist
}
