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
}
