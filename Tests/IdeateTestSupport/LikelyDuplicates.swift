import IdeateCore

extension TestSession {
    /// Ideas of a likely duplicate pair (`inbox`, `inbox2`), a second pair (`printer`,
    /// `printer2`) and one that is like nothing, in ideation on `plan` with three people.
    public struct LikelyDuplicateIdeas {
        public var inbox: IdeaID
        public var printer: IdeaID
        public var inbox2: IdeaID
        public var printer2: IdeaID
    }

    public static func withLikelyDuplicates(plan: Plan = TestSession.plan()) throws -> (TestSession, LikelyDuplicateIdeas) {
        var session = TestSession(plan: plan)
        let tokens = try session.join(3)
        try session.facilitator(.advance)
        let ideas = LikelyDuplicateIdeas(
            inbox: try session.submit("One shared inbox for order changes", by: tokens[0]),
            printer: try session.submit("Fix the printer in the hall", by: tokens[1]),
            inbox2: try session.submit("Shared inbox for all orders", by: tokens[2]),
            printer2: try session.submit("The hall printer jams", by: tokens[0]))
        _ = try session.submit("Shorter meetings", by: tokens[1])
        return (session, ideas)
    }
}
