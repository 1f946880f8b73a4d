/// The portfolio report (Markdown): the company's innovation record, its headings, tables and
/// sentences, and the words of its history.
public enum PortfolioPhrase: String, Phrase {
    public static let namespace = "portfolio"

    case title, asOf, workshops, intro, experimentsHeading, noExperiment, columnState, stagePlanned, stageRunning
    case stageLearned, statePlanned, stateRunning, stateLearned, dueForReview, nothingDue, dueToday, daysOverdue
    case dueLine, whatWeLearned, outcomesHeading, noLearned, pieTitle, columnOutcome, started, starts, owner, review
    case reviewNotSet, from, fromOn, testsAgainAfter, promotedFrom, learningCardOn, testCard, weBelieve, toVerify
    case andMeasure, rightIf, stopIf, notWrittenDown, notNamed, history, changeAdded, changeStarted, changeLearned
    case changeStatus, changePromoted, changePromotedFrom, changeFollowUp, changeFollowsUp, changeReviewed, changeMerged
    case changeAnswered, changeShown, changeHidden, changeUndone, fateNew, fateKept, fateMerged, fatePromoted, fateWorkshop
    case fateDeclined, statusOpen, statusDone, statusStuck, statusDropped, noActionItems, openHeading, closedHeading
    case allClosed, openCount, columnItem, columnStatus, columnOn, overdueFor, backlogHeading, backlogEmpty, backlogIntro
    case columnWorkshops, columnIdeas, columnMarks, markParked, markShortlisted, markPromoted, backlogMore, intakeHeading
    case noIntake, columnMonth, columnIdeaBox, chartTitle, chartAxis, chartLegend, noBoxIdeas, boxIdeas, answered
    case answeredMedian, days, daysAndAHalf, withinRhythm, noneBecameExperiment, becameExperiments, learnedFrom, workshopsHeading
    case noWorkshops, columnDate, columnWorkshop, columnPeopleIdeas, columnBacklog, none, countOf
}
