/// What the phone page says beyond the participant's terminal screen (which it shares most of
/// its sentences with, ``ParticipantPhrase``): its headings, buttons, labels for screen readers.
public enum PagePhrase: String, Phrase {
    public static let namespace = "page"

    case documentTitle, joinHeading, joinButton, earlierHeading, openItemsHeading, yourIdea, editIdea, yesAnd, send, save
    case followHeading, followText, followLink, languageLabel, tooManyTries, locked, full, outdated, reconnecting, busy
    case codeShape, roundOf, outcomeValidated, outcomeInvalidated, outcomeUnclear, learned, noExperiments, placeDot, takeDot
    case result, resultShortlisted, keptLate, editButton, withdrawButton, editLabel, withdrawLabel, timeLeft, timePaused
    case timeLastMinute, ideaTooLong, done, notDone, doneSaid, impact, effort, rateAxisOf
}
