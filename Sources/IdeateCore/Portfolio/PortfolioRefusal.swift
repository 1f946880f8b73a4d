/// Why the portfolio refused a change, as a value for programs and a sentence for people. Like
/// a workshop's ``Refusal``, it says what to do instead.
public enum PortfolioRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    /// A card field that a change needs and did not get.
    public enum Field: String, Equatable, Sendable {
        case assumption
        case successCriterion = "success criterion"
        case observed = "what was observed"
        case learned = "what was learned"
        case answer = "the answer"
    }

    case experimentAlreadyStarted(ExperimentID, Experiment.Stage)
    case experimentNotRunning(ExperimentID, Experiment.Stage)
    case learnedBeforeStart(ExperimentID, started: CalendarDate, learned: CalendarDate)
    case missing([Field])
    case notTestingAgain(ExperimentID)
    case actionItemClosed(ActionItemID, TrackedActionItem.Status)
    case actionItemUnchanged(ActionItemID, TrackedActionItem.Status)
    case alreadyPromoted(BacklogIdeaID, to: ExperimentID)
    case notFound(PortfolioSubject)
    /// An undo found the item changed since the change it takes back.
    case changedSince(PortfolioSubject)
    /// Only a finished workshop is added: its shortlist and action items are final then.
    case runNotFinished(title: String)
    /// A review that would change nothing (the same fate, and no new answer).
    case reviewUnchanged(BacklogIdeaID, IdeaFate)
    case boardUnchanged(BacklogIdeaID, onBoard: Bool)
    case answerTooLong(characters: Int)
    case mergeIntoItself(BacklogIdeaID)
    case mergeIntoMerged(BacklogIdeaID, into: PortfolioSubject)
    case cannotMergeInto(PortfolioSubject)

    public var description: String {
        switch self {
        case let .experimentAlreadyStarted(id, stage):
            stage == .running ? "\(id) is already running" : "\(id) has already been learned from; a new test is a new experiment"
        case let .experimentNotRunning(id, stage):
            stage == .planned
                ? "\(id) has not started; start it before recording what was learned"
                : "\(id) already has its learning card; record a new test as a follow-up experiment"
        case let .learnedBeforeStart(id, started, learned):
            "\(id) started on \(started); what was learned cannot be dated \(learned), before that"
        case let .missing(fields):
            "missing: " + fields.map(\.rawValue).joined(separator: ", ")
        case let .notTestingAgain(id):
            "\(id) did not decide to test again, so it opens no follow-up experiment"
        case let .actionItemClosed(id, status):
            "\(id) is \(status.rawValue) and stays so; add a new action item instead"
        case let .actionItemUnchanged(id, status):
            "\(id) is already \(status.rawValue)"
        case let .alreadyPromoted(id, experiment):
            "\(id) was already promoted to \(experiment)"
        case let .notFound(subject):
            "the portfolio has no \(subject)"
        case let .changedSince(subject):
            "\(subject) has changed since; nothing was undone"
        case let .runNotFinished(title):
            "“\(title)” has not finished; the portfolio takes a run once its workshop has ended"
        case let .reviewUnchanged(id, fate):
            "\(id) is already \(fate) with that answer; nothing changed"
        case let .boardUnchanged(id, onBoard):
            onBoard ? "\(id) is already on the board" : "\(id) is already kept off the board"
        case let .answerTooLong(characters):
            "an answer has at most \(ReviewAnswer.maximumCharacters) characters (this one has \(characters)); say why and what next, briefly"
        case let .mergeIntoItself(id):
            "\(id) cannot be merged into itself"
        case let .mergeIntoMerged(id, into):
            "\(id) was itself merged into \(into); merge into \(into)"
        case let .cannotMergeInto(subject):
            "an idea merges into another idea or an experiment, not into \(subject)"
        }
    }
}
