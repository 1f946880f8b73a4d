/// The facilitator's moderation and grouping: hide, park, merge, cluster. Each has an inverse
/// so the console can undo.
extension Decision {
    /// Hiding is moderation: allowed in every phase; the idea is kept and counted in the minutes.
    mutating func setHidden(_ id: IdeaID, _ hidden: Bool) throws(Refusal) {
        let idea = try existingIdea(id)
        guard idea.isHidden != hidden else {
            throw Refusal(.notNow, hidden ? .alreadyHidden : .notHidden, ["idea": .text(id.rawValue)])
        }
        emit(hidden ? .ideaHidden(id) : .ideaUnhidden(id))
    }

    mutating func setParked(_ id: IdeaID, _ parked: Bool) throws(Refusal) {
        let idea = try groupableIdea(id)
        guard idea.isParked != parked else {
            throw Refusal(.notNow, parked ? .alreadyParked : .notParked, ["idea": .text(id.rawValue)])
        }
        emit(parked ? .ideaParked(id) : .ideaUnparked(id))
    }

    mutating func merge(_ id: IdeaID, into target: IdeaID) throws(Refusal) {
        let idea = try groupableIdea(id)
        let survivor = try groupableIdea(target)
        guard id != target else { throw Refusal(.notNow, .mergeIntoItself) }
        guard idea.mergedInto == nil else { throw Refusal(.notNow, .alreadyMerged, ["idea": .text(id.rawValue)]) }
        guard survivor.isOnWall else { throw Refusal(.notNow, .mergeOffWall) }
        emit(.ideasMerged(id, into: target))
        if let cluster = survivor.cluster, idea.cluster != cluster { emit(.ideaClustered(id, cluster: cluster)) }
    }

    mutating func unmerge(_ id: IdeaID) throws(Refusal) {
        let idea = try groupableIdea(id)
        guard idea.mergedInto != nil else { throw Refusal(.notNow, .notMerged, ["idea": .text(id.rawValue)]) }
        emit(.ideaUnmerged(id))
    }

    mutating func cluster(_ id: IdeaID, name: String?) throws(Refusal) {
        let idea = try groupableIdea(id)
        let cluster = try name.map { name throws(Refusal) in try IdeaText.validatedLabel(name, field: .clusterName, limit: 60) }
        guard idea.cluster != cluster else { return }
        let merged = state.ideasMerged(into: id)
        emit(.ideaClustered(id, cluster: cluster))
        for merged in merged where merged.cluster != cluster {
            emit(.ideaClustered(merged.id, cluster: cluster))
        }
    }

    mutating func renameCluster(from: String, to: String) throws(Refusal) {
        let (round, _) = try requirePhase([.group])
        let newName = try IdeaText.validatedLabel(to, field: .clusterName, limit: 60)
        guard state.clusters(round: round).contains(from) else {
            throw Refusal(.unknownIdea, .noCluster, ["name": .text(from)])
        }
        guard from != newName else { return }
        emit(.clusterRenamed(round: round, from: from, to: newName))
    }

    /// A revealed idea of the current round, during `group`.
    private mutating func groupableIdea(_ id: IdeaID) throws(Refusal) -> Idea {
        let (round, _) = try requirePhase([.group])
        let idea = try existingIdea(id)
        guard idea.round == round, idea.isRevealed else {
            throw Refusal(.unknownIdea, .notOnWall, ["idea": .text(id.rawValue)])
        }
        return idea
    }
}
