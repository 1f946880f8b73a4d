/// A round with `from_box: true` starts with the ideas the box's reviewer took to the next
/// workshop: they are on that round's wall from the start, anonymous like every other idea
/// (no owner, no receipt, in a shuffled order), each remembering its box number so the intake
/// can send what the workshop decided back to it (``WorkshopIntake``).
public enum BoxSeeding {
    /// The most box ideas one round starts with, oldest first: a round's wall is read aloud.
    public static let maximumIdeas = 40

    /// The round the box's ideas start, or nil for a plan without `from_box`.
    public static func round(of plan: Plan) -> Int? { plan.rounds.firstIndex(where: \.fromBox) }

    /// The events that put `taken` (ideas whose fate is "taken to the next workshop"; others
    /// are ignored) on the plan's `from_box` round, before the workshop starts.
    public static func events(for plan: Plan, taken: [BacklogIdea], random: inout some RandomNumberGenerator) -> [Event] {
        guard let round = round(of: plan) else { return [] }
        let chosen = taken.filter { $0.fate == .takenToWorkshop }
            .sorted { ($0.arrivalWeek?.monday.daysSince1970 ?? 0, $0.id.number) < ($1.arrivalWeek?.monday.daysSince1970 ?? 0, $1.id.number) }
            .prefix(maximumIdeas)
        guard !chosen.isEmpty else { return [] }
        var used: Set<IdeaID> = []
        var ideas: [Idea] = []
        for backlogIdea in chosen {
            var id = IdeaID.random(using: &random)
            while used.contains(id) { id = IdeaID.random(using: &random) }
            used.insert(id)
            var idea = Idea(id: id, round: round, text: backlogIdea.text, source: .box, owner: nil, extends: nil, isLate: false)
            idea.fromBox = backlogIdea.id
            ideas.append(idea)
        }
        return ideas.map(Event.ideaSubmitted) + [.ideasRevealed(ideas.map(\.id).shuffled(using: &random), at: nil)]
    }
}
