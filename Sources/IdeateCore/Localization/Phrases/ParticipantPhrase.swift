/// What a participant reads on their own terminal (over ssh and with `ideate join`): the
/// lobby, the text box and their own ideas, the vote, the results, the keys.
public enum ParticipantPhrase: String, Phrase {
    public static let namespace = "participant"

    case joining, joinWorkshop, connecting, connected, reconnecting, connectionLost, cannotReach, notJoined, notConnected
    case round, stageLobby, stageFinished, timeUp, lastMinute, left, grouping, ended, results, numbersBox, numbersFollowup
    case lobbyIn, lobbyAnonymous, lobbyNoJudging, earlierIdeas, stillRunning, weLearned, actionItem, stuck, open
    case helpTitle, helpFlow, helpOwn, helpVote, helpLeave, helpClose, leaveTitle, leaveSaved, leaveChoice, notJoinedYet
    case buildOn, waitingToBuild, yourIdea, edit, yourIdeas, sending, saved, late, withdrawn, notSaved, dotsLeft, mine
    case typeCode, codeLabel, checking, noName, helpCode, helpCodeKeys, codeShape, tooManyTriesAgain, sshNameNotCode, followIdeas
    case keySend, keyMyIdeas, keyEdit, keyWithdraw, keyType, keyChoose, keyPlaceDot, keyTakeBack, keyScroll, keyLeave, keyJoin
    case keyBackspace, keyDone, keyNotDone, doneSaid, helpDone, savedHeld
    case rateHeading, rateNote, notRated, keyRateDigits, ratingsHeading, helpRate
}
