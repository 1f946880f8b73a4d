/// Evaluation after the vote: benefits, concerns, the experiment card, action items.
extension Decision {
    mutating func recordReview(_ id: IdeaID, _ review: IdeaReview) throws(Refusal) {
        let idea = try existingIdea(id)
        guard state.closedVoteRounds.contains(idea.round) || isReviewing(round: idea.round) else {
            throw Refusal(.notNow, .reviewAfterVote)
        }
        try Self.validateNote(review.benefits, field: .benefits)
        try Self.validateNote(review.concerns, field: .concerns)
        if let card = review.experiment {
            for (text, field) in [(card.assumption, IdeaText.Field.assumption), (card.smallestTest, .smallestTest),
                                  (card.successCriterion, .successCriterion)] {
                try Self.validateNote(text, field: field)
            }
            try Self.validateNote(card.owner, field: .owner, limit: 80)
            try Self.validateNote(card.reviewDate, field: .reviewDate, limit: 40)
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
        default: throw Refusal(.notNow, .actionItemsAfterVote)
        }
        var itemRound = round
        if let idea { itemRound = try existingIdea(idea).round }
        let what = try IdeaText.validated(what, limit: IdeaText.maximumNoteLength, field: .actionItem)
        let owner = try IdeaText.validatedLabel(owner, field: .owner)
        let due = try IdeaText.validatedLabel(due, field: .dueDate, limit: 40)
        let id = (state.actionItems.map(\.id).max() ?? 0) + 1
        emit(.actionItemAdded(ActionItem(id: id, round: itemRound, idea: idea, what: what, owner: owner, due: due)))
    }

    mutating func removeActionItem(_ id: Int) throws(Refusal) {
        guard state.actionItems.contains(where: { $0.id == id }) else {
            throw Refusal(.unknownIdea, .noActionItem, ["item": .number(id)])
        }
        emit(.actionItemRemoved(id))
    }

    private mutating func isReviewing(round: Int) -> Bool {
        state.stage == .running(round: round, phase: .review)
    }

    private static func validateNote(_ text: String, field: IdeaText.Field, limit: Int = IdeaText.maximumNoteLength) throws(Refusal) {
        guard text.count <= limit else {
            throw Refusal(.invalidText, .textTooLong, ["field": .phrase(key: field.phraseKey), "limit": .number(limit), "length": .number(text.count)])
        }
    }
}
