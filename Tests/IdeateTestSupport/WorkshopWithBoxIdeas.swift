import IdeateCore

extension TestSession {
    /// A finished workshop whose one round started with `taken` (four box ideas, in this
    /// order: "route labels", "tape guns", "same as route labels", "hidden"): the third was merged
    /// into the first, a participant's idea (receipt `e`) into the second, the fourth hidden; the
    /// first became an experiment.
    public static func workshopWithBoxIdeas(_ taken: [BacklogIdea]) throws -> TestSession {
        var plan = TestSession.plan()
        plan.rounds[0].fromBox = true
        var session = TestSession(plan: plan)
        for event in BoxSeeding.events(for: plan, taken: taken, random: &session.random) { session.state.apply(event) }
        let box = Dictionary(uniqueKeysWithValues: session.state.ideas.values.map { ($0.fromBox!, $0.id) })
        let (route, tape, same, hidden) = (box[taken[0].id]!, box[taken[1].id]!, box[taken[2].id]!, box[taken[3].id]!)
        let people = try session.join(3)
        try session.facilitator(.advance)
        var workshopIdea: IdeaID?
        for case let .ideaSubmitted(idea) in try session.participant(people[0], .submitIdea(text: "Tape guns, and spare tape", receipt: receipt("e"))) {
            workshopIdea = idea.id
        }
        for _ in 0..<2 {
            session.wait(seconds: 300)
            try session.run(.tick)
            try session.facilitator(.advance)
        }
        try session.facilitator(.merge(same, into: route))
        try session.facilitator(.merge(workshopIdea!, into: tape))
        try session.facilitator(.hide(hidden))
        try session.facilitator(.advance)
        for (voter, idea) in [(0, route), (1, route), (2, tape)] { try session.participant(people[voter], .castVote(idea)) }
        session.wait(seconds: 300)
        try session.run(.tick)
        try session.facilitator(.advance)
        try session.facilitator(.recordReview(route, IdeaReview(experiment: ExperimentCard(
            assumption: "Labels save walking", smallestTest: "One aisle", successCriterion: "Fewer wrong picks", owner: "Kim", reviewDate: "+2w"))))
        try session.facilitator(.advance)
        return session
    }
}
