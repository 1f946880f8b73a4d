/// What the idea box says to the people who use it: its page, its poster, its terminal screen
/// (`ideate join http://…` and ssh) and its server's refusals.
public enum BoxPhrase: String, Phrase {
    public static let namespace = "box"

    case withdrawing, documentTitle, title, heading, whatAbout, yourIdeasPhone, youSaid, noDecisions, anonymous, noTrace, onlyYourPhone
    case waitingNews, fateNew, fateFromWorkshop, fateFromAWorkshop, fateKept, fateWorkshop, fateDeclined, fateExperiment
    case fateAnExperiment, fateMerged, fateMergedExperiment, fateMergedThen, anotherIdea, kindNew, kindKept, kindMerged
    case kindExperiment, kindWorkshop, kindDeclined, stagePlanned, stageRunning, stageLearned, experimentStage
    case answer, notSentYet, withdrawButton
    case withdrawLabel, withdrawnNumbered, withdrawn, notWithdrawn, until, anythingElse, followedFromWorkshop, unreachable
    case savedAs, refusedIdea, notSentRetry, writeFirst, sending, posterLead, posterAsking, posterAnythingElse
    case qrLabel, asking, onlyNewWithdrawn, savedLookAgain, savedNoteIt, headerBox, headerUnreachable, about, anotherQuestion
    case keyQuestion, keyYourIdeas, keyLookAgain, keyWrite, helpTitle, helpType, helpQuestion, helpTab, helpPrivacy
    case yourIdeasComputer, yourIdeasVisit, noneYet, noDecisionYet, onlyThisComputer, overSSH, keptComputer, unreachableKept
    case errorTooLarge, errorBusy, errorForbidden, errorNotHere, errorUnreadable, errorNotSaved, errorNoSuchIdea
    case errorAlreadyReviewed
}
