import Foundation
import IdeateCore

/// The review form of one shortlisted idea: benefits, concerns, the experiment card (a test
/// card: assumption, smallest test, metric, success and failure criteria, owner, review date),
/// and one new action item. Fields are edited one at a time; saving sends the review and the item.
public struct ReviewForm: Equatable, Sendable {
    public enum Field: Int, CaseIterable, Sendable {
        case benefits, concerns, assumption, smallestTest, metric, successCriterion, failureCriterion, owner, reviewDate
        case actionWhat, actionOwner, actionDue

        /// The field's label in the room's language ("owner" and "due" indented under the action item).
        public func label(in localizer: Localizer) -> String {
            switch self {
            case .benefits: localizer(ConsolePhrase.fieldBenefits)
            case .concerns: localizer(ConsolePhrase.fieldConcerns)
            case .assumption: localizer(ConsolePhrase.fieldAssumption)
            case .smallestTest: localizer(ConsolePhrase.fieldSmallestTest)
            case .metric: localizer(ConsolePhrase.fieldMetric)
            case .successCriterion: localizer(ConsolePhrase.fieldSuccess)
            case .failureCriterion: localizer(ConsolePhrase.fieldFailure)
            case .owner: localizer(ConsolePhrase.fieldOwner)
            case .reviewDate: localizer(ConsolePhrase.fieldReviewDate)
            case .actionWhat: localizer(ConsolePhrase.fieldActionWhat)
            case .actionOwner: "  " + localizer(ConsolePhrase.fieldActionOwner)
            case .actionDue: "  " + localizer(ConsolePhrase.fieldActionDue)
            }
        }

        var isExperiment: Bool { (Field.assumption.rawValue...Field.reviewDate.rawValue).contains(rawValue) }
    }

    public var idea: IdeaID
    public var ideaText: String
    public var values: [Field: String]
    public var field: Field = .benefits

    public init(idea: Idea, review: IdeaReview?) {
        self.idea = idea.id
        ideaText = idea.text
        let card = review?.experiment
        values = [
            .benefits: review?.benefits ?? "", .concerns: review?.concerns ?? "",
            .assumption: card?.assumption ?? "", .smallestTest: card?.smallestTest ?? "", .metric: card?.metric ?? "",
            .successCriterion: card?.successCriterion ?? "", .failureCriterion: card?.failureCriterion ?? "",
            .owner: card?.owner ?? "", .reviewDate: card?.reviewDate ?? "",
            .actionWhat: "", .actionOwner: "", .actionDue: "",
        ]
    }

    public func value(_ field: Field) -> String { values[field] ?? "" }

    /// The review to record: an experiment card only once any of its fields is filled.
    public var review: IdeaReview {
        let hasExperiment = Field.allCases.contains { $0.isExperiment && !value($0).trimmingCharacters(in: .whitespaces).isEmpty }
        let card = ExperimentCard(
            assumption: value(.assumption), smallestTest: value(.smallestTest), metric: value(.metric),
            successCriterion: value(.successCriterion), failureCriterion: value(.failureCriterion),
            owner: value(.owner), reviewDate: value(.reviewDate))
        return IdeaReview(benefits: value(.benefits), concerns: value(.concerns), experiment: hasExperiment ? card : nil)
    }

    /// The action item command, when its three fields are filled.
    public var actionItem: FacilitatorCommand? {
        let what = value(.actionWhat).trimmingCharacters(in: .whitespaces)
        guard !what.isEmpty else { return nil }
        return .addActionItem(idea: idea, what: what, owner: value(.actionOwner), due: value(.actionDue))
    }
}
