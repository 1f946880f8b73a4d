/// A finished workshop as the portfolio remembers it: what the minutes' headline says, and the
/// day it was added. Its experiments, action items and backlog ideas point back to it.
public struct Workshop: Codable, Equatable, Sendable, Identifiable {
    public var id: RunIdentity { run }
    public let run: RunIdentity
    public var title: String
    public var goal: String
    /// The day its first phase opened.
    public var date: CalendarDate?
    public var participants: Int
    public var ideaCount: Int
    public var voteCount: Int
    /// The day it was added to the portfolio.
    public var addedOn: CalendarDate

    public init(run: RunIdentity, title: String, goal: String, date: CalendarDate?, participants: Int, ideaCount: Int, voteCount: Int, addedOn: CalendarDate) {
        self.run = run
        self.title = title
        self.goal = goal
        self.date = date
        self.participants = participants
        self.ideaCount = ideaCount
        self.voteCount = voteCount
        self.addedOn = addedOn
    }
}
