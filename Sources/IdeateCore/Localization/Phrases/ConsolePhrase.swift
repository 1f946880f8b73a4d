/// What the facilitator's console shows the room on the projector: header, footer keys,
/// countdown, lobby, the wall, the vote and the results.
public enum ConsolePhrase: String, Phrase {
    public static let namespace = "console"

    case headerLobby, headerFinished, headerRound, headerResults, headerRoomLocked, joined
    case weakAnonymity, searching, tooSmall
    case keyNext, keyPrevious, keyHelp, keyToLobby, keyStart, keyEarlier, keyMove, keyReview, keyNextPhase
    case keyResume, keyPause, keyMinute, keyAddIdea, keyHide, keyMark, keyMerge, keyCluster, keyPark, keyUndo
    case keyCloseVote, keyOpenRoom, keyLockRoom, keySearch, keyQuit
    case noTimeLimit, timeIsUp, paused, lastSeconds, lastMinute
    case onTheWall, perMinute, waitingForBatch, buildHint, wallEmpty, noMatch
    case haveVoted, countsHidden
    case reviewTitle, resultsTitle, legendReviewing, legendResults, experimentDone, toReview
    case scanToJoin, goal, firstQuestion, roomLockedHint, weakBelow, pressToStart, howToJoin
    case withPhone, withLaptop, nothingToInstall, hostKey, inTerminal, or, code
    case demoLabel, demoLobby
    case keyMergeMarked, keyNameCluster, keyRename, keySplit, keyAndAction
    case columnIdea, columnCluster, columnStatus, nothingToGroup, statusHidden, statusParked, statusMerged, statusLate, pausedShort
    case helpTitle, helpMove, helpBack, helpEscOrQ, helpLeave, helpClose, quitTitle, quitSaved, quitChoice, nextPhaseTitle, yesNo
    case inputSpokenIdea, inputClusterName, inputRename, inputSearch, inputHelp, reviewOf, reviewCard, reviewKeys
    case fieldBenefits, fieldConcerns, fieldAssumption, fieldSmallestTest, fieldMetric, fieldSuccess, fieldFailure, fieldOwner
    case fieldReviewDate, fieldActionWhat, fieldActionOwner, fieldActionDue
    case endThanks, endTook, endNoneRecorded, endExperiments, endExperimentsCount, endOwnerReview, endNoExperiment, endActionItems
    case endMinutesWritten, endMinutesNotWritten, endInRunFile, endMinutesCommand, endNextTry, endPressQ, endAdded, endAlreadyThere
    case endNotAdded, endAddLater
    case pageOf, earlierNone, earlierFrom, earlierFromOn, earlierByHand, earlierRunning, earlierRunningReview
    case outcomeValidated, outcomeInvalidated, outcomeUnclear, learnedOn, openItemsTitle, itemStuck, itemOverdue, itemDue, itemNoDate, itemFrom
    case timerRunning, timerPaused, oneMoreMinute, phaseClosed, backToLobby, endedNoJoin, roomOpen, roomLocked, noTimer, endedPressQ
    case started, confirmFinish, confirmEndPhase, nextPhaseDone, chooseToHide, shownAgain, hiddenDone, markFirst, mergedDone
    case noCluster, backOnWall, parkedDone, splitDone, nothingToUndo, ideaAdded, clusterNamed, clusterRemoved, clusterRenamed
    case reviewNotSaved, reviewSaved, reviewAndItemSaved, notSaved, undone
    case demoStepWorkshop, demoStepJoin, demoStepSpreadsheet
    case storageDiskFull, storageCannotWrite, doneCount
    case wallKeyLeave, wallHelpTitle, wallHelpWhat, wallHelpLeave, wallHelpClose, wallUngrouped, wallsAttached, wallHow
    case waitingForYou, keyLetThrough, keyHoldBack, keySameAs, letThrough, heldBackDone, letThroughAsSame, queueEmpty, noSimilar
    case likelySame, keyMergeThem, keyNotSame, sameMerged, notSameNoted, keySameAsShown
    case haveRated, rateHow, ratingsHidden, ratingTitle, keyCloseRating, reviewFigures
}
