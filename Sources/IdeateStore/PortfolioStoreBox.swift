import GRDB
import IdeateCore

/// The idea box's side of the portfolio: ideas arriving as new backlog items, the review rhythm,
/// and the status the follow-up screen opens with.
///
/// A box idea is written with its arrival week and nothing finer, under a random unused number
/// (numbers in order would tell the order of arrival within a week), with its receipt (the
/// proof its author follows it by), and with no history row (a history row's sequence would
/// tell the order too). Its first history row is its review.
extension PortfolioStore {
    /// How far above the highest number a box idea's random number may go.
    static let boxNumberSpread = 1_000

    /// What adding a box idea did: the number it has, and whether it was there already (a
    /// resend of the same idea, recognised by its proof, is never added twice).
    public struct BoxArrival: Equatable, Sendable {
        public let id: BacklogIdeaID
        public let wasAlreadyThere: Bool
    }

    /// Adds `submission` as a new backlog idea of the week containing `date`, returning only
    /// after the commit.
    public func addBoxIdea(_ submission: BoxSubmission, on date: CalendarDate, using generator: inout some RandomNumberGenerator) throws -> BoxArrival {
        try write { db in try Self.addBoxIdea(submission, on: date, using: &generator, db) }
    }

    static func addBoxIdea(_ submission: BoxSubmission, on date: CalendarDate, using generator: inout some RandomNumberGenerator,
                           _ db: Database) throws -> BoxArrival {
        if let subject = try String.fetchOne(db, sql: "SELECT subject FROM receipt WHERE proof = ?", arguments: [submission.proof.hex]),
           case let .backlogIdea(id)? = PortfolioSubject(subject) {
            return BoxArrival(id: id, wasAlreadyThere: true)
        }
        let id = BacklogIdeaID(try unusedBoxNumber(db, using: &generator))
        try PortfolioRows.insert(BacklogIdea(
            id: id, text: submission.text, kind: .box, arrivalWeek: ArrivalWeek(containing: date), question: submission.question), db)
        try PortfolioRows.insertReceipt(submission.proof, for: .backlogIdea(id), db)
        return BoxArrival(id: id, wasAlreadyThere: false)
    }

    /// A random number no backlog idea has, between 1 and the highest number plus
    /// ``boxNumberSpread``.
    static func unusedBoxNumber(_ db: Database, using generator: inout some RandomNumberGenerator) throws -> Int {
        let highest = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM backlog_idea") ?? 0
        while true {
            let number = Int.random(in: 1...(highest + boxNumberSpread), using: &generator)
            if try !Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM backlog_idea WHERE id = ?)", arguments: [number])! { return number }
        }
    }

    /// New ideas waiting for a review, oldest week first (within a week in number order, which
    /// says nothing about arrival), at most `limit`.
    public func newBoxIdeas(limit: Int = 1_000) throws -> [BacklogIdea] {
        try backlogIdeas(withFate: "new", limit: limit)
    }

    /// Ideas the reviewer took to the next workshop, in the same order, at most `limit`.
    public func ideasTakenToWorkshop(limit: Int = BoxSeeding.maximumIdeas) throws -> [BacklogIdea] {
        try backlogIdeas(withFate: "workshop", limit: limit)
    }

    private func backlogIdeas(withFate fate: String, limit: Int) throws -> [BacklogIdea] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(PortfolioRows.backlogColumns) FROM backlog_idea WHERE fate = ? ORDER BY arrival_week, id LIMIT ?
                """, arguments: [fate, limit]).map { try PortfolioRows.backlogIdea($0) }
        }
    }

    /// One backlog idea as stored.
    public func backlogIdea(_ id: BacklogIdeaID) throws -> BacklogIdea {
        try read { db in try Self.backlogIdea(id, db) }
    }

    // MARK: - Rhythm and status

    /// How often the box is reviewed (``ReviewRhythm/standard`` until set).
    public func reviewRhythm() throws -> ReviewRhythm {
        try read { db in try Self.rhythm(db) }
    }

    public func setReviewRhythm(_ rhythm: ReviewRhythm) throws {
        try write { db in try Self.setSetting(.reviewRhythmDays, to: String(rhythm.days), db) }
    }

    /// Where the box last said it answers (nil before a box ran over this portfolio).
    public func boxAddress() throws -> IdeaBoxAddress? {
        try read { db in try Self.setting(.boxAddress, db).flatMap(IdeaBoxAddress.init) }
    }

    /// Recorded by a starting box, so workshops can send their participants there.
    public func setBoxAddress(_ address: IdeaBoxAddress) throws {
        try write { db in try Self.setSetting(.boxAddress, to: address.text, db) }
    }

    /// The box's status on `today`, from two counts and two settings.
    public func boxStatus(today: CalendarDate) throws -> BoxStatus {
        try read { db in
            let row = try Row.fetchOne(db, sql: "SELECT COUNT(*), MIN(arrival_week) FROM backlog_idea WHERE fate = 'new'")!
            return BoxStatus(
                newIdeas: row[0], oldestNew: try PortfolioRows.date(row[1]).map(ArrivalWeek.init(containing:)),
                lastReview: try PortfolioRows.date(try Self.setting(.lastReview, db)), rhythm: try Self.rhythm(db), today: today)
        }
    }

    /// The named values the `setting` table keeps.
    enum Setting: String {
        case reviewRhythmDays = "review_rhythm_days"
        case lastReview = "last_review"
        case boxAddress = "box_address"
    }

    static func setting(_ name: Setting, _ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM setting WHERE name = ?", arguments: [name.rawValue])
    }

    static func setSetting(_ name: Setting, to value: String, _ db: Database) throws {
        try db.execute(sql: "INSERT INTO setting(name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                       arguments: [name.rawValue, value])
    }

    static func rhythm(_ db: Database) throws -> ReviewRhythm {
        guard let text = try setting(.reviewRhythmDays, db) else { return .standard }
        guard let days = Int(text), let rhythm = ReviewRhythm(days: days) else { throw PortfolioStoreError.damaged("the review rhythm “\(text)”") }
        return rhythm
    }

    /// A review decision (of any idea) was made on `date`: the box was reviewed then.
    static func noteReview(on date: CalendarDate, _ db: Database) throws {
        if let last = try PortfolioRows.date(try setting(.lastReview, db)), last >= date { return }
        try setSetting(.lastReview, to: date.description, db)
    }
}
