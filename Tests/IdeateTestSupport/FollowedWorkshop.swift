import IdeateCore

extension TestSession {
    /// A receipt of 64 times `digit`, as a device would send one with an idea.
    public static func receipt(_ digit: Character) -> OwnershipProof { OwnershipProof(hex: String(repeating: digit, count: 64))! }

    /// A finished workshop whose ideas carry receipts `a` to `d`: A (with B merged into it)
    /// became an experiment, C was shortlisted without a card, D was hidden, and the facilitator
    /// typed one idea said aloud (no receipt).
    public static func followedWorkshop() throws -> SessionState {
        var session = TestSession()
        let people = try session.join(4)
        try session.facilitator(.advance)
        var ids: [IdeaID] = []
        for (person, text, digit) in [(0, "Idea A", "a"), (1, "Idea B", "b"), (2, "Idea C", "c"), (3, "Idea D", "d")] as [(Int, String, Character)] {
            for case let .ideaSubmitted(idea) in try session.participant(people[person], .submitIdea(text: text, receipt: receipt(digit))) {
                ids.append(idea.id)
            }
        }
        try session.facilitator(.addIdea(text: "Said aloud"))
        for _ in 0..<2 {
            session.wait(seconds: 300)
            try session.run(.tick)
            try session.facilitator(.advance)
        }
        try session.facilitator(.merge(ids[1], into: ids[0]))
        try session.facilitator(.hide(ids[3]))
        try session.facilitator(.advance)
        for (voter, idea) in [(1, ids[0]), (2, ids[0]), (0, ids[2])] { try session.participant(people[voter], .castVote(idea)) }
        session.wait(seconds: 300)
        try session.run(.tick)
        try session.facilitator(.advance)
        try session.facilitator(.recordReview(ids[0], IdeaReview(experiment: ExperimentCard(
            assumption: "A helps", smallestTest: "Try A for a week", successCriterion: "People keep using it", owner: "Kim", reviewDate: "+2w"))))
        try session.facilitator(.advance)
        return session.state
    }
}
