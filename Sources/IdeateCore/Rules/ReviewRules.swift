/// Evaluation after the vote: benefits, concerns, the experiment card, action items.
extension Decision {
    mutating func recordReview(_ id: IdeaID, _ review: IdeaReview) throws(Refusal) {
        let idea = try existingIdea(id)
        guard state.closedVoteRounds.contains(idea.round) || isReviewing(round: idea.round) else {
            throw Refusal(.notNow, "Ideas are evaluated after the vote, never while ideas flow.")
        }
        try Self.validateNote(review.benefits, what: "Benefits")
        try Self.validateNote(review.concerns, what: "Concerns")
        if let card = review.experiment {
            for (text, what) in [(card.assumption, "The assumption"), (card.smallestTest, "The smallest test"),
                                 (card.successCriterion, "The success criterion")] {
                try Self.validateNote(text, what: what)
            }
            try Self.validateNote(card.owner, what: "The owner", limit: 80)
            try Self.validateNote(card.reviewDate, what: "The review date", limit: 40)
        }
        emit(.reviewRecorded(id, review))
    }

    mutating func addActionItem(idea: IdeaID?, what: String, owner: String, due: String) throws(Refusal) {
        // Agreed where ideas are evaluated: on the results of a closed vote, in review, or
        // once the workshop has finished.
        let round: Int
        switch state.stage {
        case let .running(current, .review): round = current
        case let .running(current, _) where state.closedVoteRounds.contains(current): round = current
        case .finished: round = max(0, plan.rounds.count - 1)
        default: throw Refusal(.notNow, "Action items are agreed once the vote has closed (on the results or in review).")
        }
        var itemRound = round
        if let idea { itemRound = try existingIdea(idea).round }
        let what = try IdeaText.validated(what, limit: IdeaText.maximumNoteLength, what: "An action item")
        let owner = try IdeaText.validatedLabel(owner, what: "The owner")
        let due = try IdeaText.validatedLabel(due, what: "The due date", limit: 40)
        let id = (state.actionItems.map(\.id).max() ?? 0) + 1
        emit(.actionItemAdded(ActionItem(id: id, round: itemRound, idea: idea, what: what, owner: owner, due: due)))
    }

    mutating func removeActionItem(_ id: Int) throws(Refusal) {
        guard state.actionItems.contains(where: { $0.id == id }) else {
            throw Refusal(.unknownIdea, "There is no action item \(id).")
        }
        emit(.actionItemRemoved(id))
    }

    private mutating func isReviewing(round: Int) -> Bool {
        state.stage == .running(round: round, phase: .review)
    }

    private static func validateNote(_ text: String, what: String, limit: Int = IdeaText.maximumNoteLength) throws(Refusal) {
        guard text.count <= limit else {
            throw Refusal(.invalidText, "\(what) can have at most \(limit) characters; this has \(text.count).")
        }
    }
}
