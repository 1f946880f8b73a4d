/// The facilitator's moderation and grouping: hide, park, merge, cluster. Each has an inverse
/// so the console can undo.
extension Decision {
    /// Hiding is moderation: allowed in every phase; the idea is kept and counted in the minutes.
    mutating func setHidden(_ id: IdeaID, _ hidden: Bool) throws(Refusal) {
        let idea = try existingIdea(id)
        guard idea.isHidden != hidden else {
            throw Refusal(.notNow, hidden ? "Idea \(id) is already hidden." : "Idea \(id) is not hidden.")
        }
        emit(hidden ? .ideaHidden(id) : .ideaUnhidden(id))
    }

    mutating func setParked(_ id: IdeaID, _ parked: Bool) throws(Refusal) {
        let idea = try groupableIdea(id)
        guard idea.isParked != parked else {
            throw Refusal(.notNow, parked ? "Idea \(id) is already parked." : "Idea \(id) is not parked.")
        }
        emit(parked ? .ideaParked(id) : .ideaUnparked(id))
    }

    mutating func merge(_ id: IdeaID, into target: IdeaID) throws(Refusal) {
        let idea = try groupableIdea(id)
        let survivor = try groupableIdea(target)
        guard id != target else { throw Refusal(.notNow, "An idea cannot be merged into itself.") }
        guard idea.mergedInto == nil else { throw Refusal(.notNow, "Idea \(id) is already merged.") }
        guard survivor.isOnWall else { throw Refusal(.notNow, "Merge into an idea that is on the wall.") }
        emit(.ideasMerged(id, into: target))
        if let cluster = survivor.cluster, idea.cluster != cluster { emit(.ideaClustered(id, cluster: cluster)) }
    }

    mutating func unmerge(_ id: IdeaID) throws(Refusal) {
        let idea = try groupableIdea(id)
        guard idea.mergedInto != nil else { throw Refusal(.notNow, "Idea \(id) is not merged.") }
        emit(.ideaUnmerged(id))
    }

    mutating func cluster(_ id: IdeaID, name: String?) throws(Refusal) {
        let idea = try groupableIdea(id)
        let cluster = try name.map { name throws(Refusal) in try IdeaText.validatedLabel(name, what: "A cluster name", limit: 60) }
        guard idea.cluster != cluster else { return }
        let merged = state.ideasMerged(into: id)
        emit(.ideaClustered(id, cluster: cluster))
        for merged in merged where merged.cluster != cluster {
            emit(.ideaClustered(merged.id, cluster: cluster))
        }
    }

    mutating func renameCluster(from: String, to: String) throws(Refusal) {
        let (round, _) = try requirePhase([.group], to: "rename clusters")
        let newName = try IdeaText.validatedLabel(to, what: "A cluster name", limit: 60)
        guard state.clusters(round: round).contains(from) else {
            throw Refusal(.unknownIdea, "There is no cluster named “\(from)”.")
        }
        guard from != newName else { return }
        emit(.clusterRenamed(round: round, from: from, to: newName))
    }

    /// A revealed idea of the current round, during `group`.
    private mutating func groupableIdea(_ id: IdeaID) throws(Refusal) -> Idea {
        let (round, _) = try requirePhase([.group], to: "group ideas")
        let idea = try existingIdea(id)
        guard idea.round == round, idea.isRevealed else {
            throw Refusal(.unknownIdea, "Idea \(id) is not on this round's wall.")
        }
        return idea
    }
}
