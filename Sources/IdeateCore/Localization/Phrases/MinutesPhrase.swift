/// The minutes' sentences and headings (``MarkdownMinutes``).
public enum MinutesPhrase: String, Phrase {
    public static let namespace = "minutes"

    case headline, whenFinished, whenInProgress, notStarted, plannedOnly, plannedAndTook
    case goal, anonymity
    case roundHeading, noIdeasInRound
    case phaseWithDuration, phaseWithDetail, phaseOpenWithDetail
    case ideasLate, additions
    case rankedHeading, columnRank, columnIdea, columnCluster, columnVotes, moreRanked
    case noShortlist, shortlistHeading, votesLabel, benefitsLabel, concernsLabel, notRecorded
    case cardHeading, cardAssumption, cardSmallestTest, cardMetric, cardSuccess, cardFailure, cardOwner, cardReviewDate
    case noExperiment
    case allIdeasHeading, buildsOn, mergedWith, late, saidAloud, fromBox, clusterIdeas, clusterNone, parked
    case lateFootnote, hiddenFootnote, heldFootnote
    case columnImpact, columnEffort, columnRaters, ratingCell
    case actionItemsHeading, noActionItems, columnRound, columnWhat, columnOwner, columnDue
    case earlierHeading, earlierNone, earlierShown, learnedFrom, stillRunningCount
    case fromWorkshop, fromWorkshopOn, addedByHand, learnedOn, stillRunning, stillRunningReview
    case learningCard, learningOutcome, learningBelieved, learningObserved, learningLearned, learningDecision
    case openItemsHeading, openItemsShown, columnWho, columnFrom, stuck, overdue
}
