/// How often the company reviews its idea box. Reviewing at regular intervals — and answering —
/// is what makes people feel their ideas are considered; the follow-up screen says when a review
/// is due instead of leaving it to memory.
public struct ReviewRhythm: Equatable, Sendable, CustomStringConvertible {
    /// Every two weeks, unless the portfolio says otherwise.
    public static let standard = ReviewRhythm(days: 14)!
    /// A year: a rhythm slower than that is no rhythm.
    public static let maximumDays = 366

    /// Days between two reviews, 1 to ``maximumDays``.
    public let days: Int

    public init?(days: Int) {
        guard (1...Self.maximumDays).contains(days) else { return nil }
        self.days = days
    }

    /// `every 14 days`.
    public var description: String { days == 1 ? "every day" : "every \(days) days" }
}

/// Where the box stands for a reviewer opening the follow-up screen: how many ideas wait, since
/// when, and whether a review is due. Built from counts the portfolio keeps, never from a scan of
/// every idea.
public struct BoxStatus: Equatable, Sendable, CustomStringConvertible {
    /// Ideas not yet reviewed.
    public var newIdeas: Int
    /// The week the oldest of them arrived.
    public var oldestNew: ArrivalWeek?
    /// The day of the last review decision, if any.
    public var lastReview: CalendarDate?
    public var rhythm: ReviewRhythm
    public var today: CalendarDate

    public init(newIdeas: Int, oldestNew: ArrivalWeek?, lastReview: CalendarDate?, rhythm: ReviewRhythm, today: CalendarDate) {
        self.newIdeas = newIdeas
        self.oldestNew = oldestNew
        self.lastReview = lastReview
        self.rhythm = rhythm
        self.today = today
    }

    /// Days the oldest new idea has waited, counted from its week's Monday (its day is not kept).
    public var oldestWaitingDays: Int? { oldestNew.map { max(0, $0.days(until: today)) } }

    /// Days since the last review.
    public var daysSinceReview: Int? { lastReview.map { max(0, $0.days(until: today)) } }

    /// A review is due when new ideas wait and the last review is a rhythm or more ago (or never
    /// was, and the oldest idea has waited a rhythm).
    public var isReviewDue: Bool {
        guard newIdeas > 0 else { return false }
        return (daysSinceReview ?? oldestWaitingDays ?? 0) >= rhythm.days
    }

    /// `7 new, oldest waiting 9 days, last review 16 days ago (every 14)`.
    public var description: String {
        var parts = [newIdeas == 0 ? "no new ideas" : "\(newIdeas) new"]
        if newIdeas > 0, let waiting = oldestWaitingDays { parts.append("oldest waiting \(Self.days(waiting))") }
        let review = daysSinceReview.map { $0 == 0 ? "last review today" : "last review \(Self.days($0)) ago" } ?? "no review yet"
        parts.append("\(review) (every \(rhythm.days))")
        return parts.joined(separator: ", ")
    }

    private static func days(_ count: Int) -> String { count == 1 ? "1 day" : "\(count) days" }
}
