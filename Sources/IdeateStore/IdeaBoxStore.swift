import Foundation
import GRDB
import IdeateCore

/// The idea box's service over the portfolio file: what the box's front ends call. Every
/// submission is acknowledged only after its commit; the write-ahead log is truncated right
/// after the acknowledgement (``tidy()``) so the log does not keep the order of arrival; fates
/// are read by bucket and sealed for their author when kept off the board.
public final class IdeaBoxStore: IdeaBoxService {
    /// How far back "You said, we did" looks, and how many lines it shows.
    public static let boardDays = 90
    public static let boardLimit = 40

    private let store: PortfolioStore
    private let settings: BoxSettings
    private let today: @Sendable () -> CalendarDate
    /// Seeds for tests; nil draws from the system's generator.
    private let seeds: Locked<SeededRandom?>
    /// Whether an arrival or withdrawal has been committed since the log was last truncated.
    private let logHoldsOrder = Locked(false)

    /// The box over `store` with `settings`; `today` says which day it is (the box's clock in
    /// the box's time zone). `seed` makes numbers and seals repeatable, for tests.
    public init(store: PortfolioStore, settings: BoxSettings, today: @escaping @Sendable () -> CalendarDate, seed: UInt64? = nil) {
        self.store = store
        self.settings = settings
        self.today = today
        seeds = Locked(seed.map(SeededRandom.init(seed:)))
    }

    public func submit(_ submission: BoxSubmission) async throws -> BacklogIdeaID {
        let date = today()
        if let question = submission.question, !settings.openQuestions(on: date).contains(where: { $0.id == question }) {
            throw BoxSubmission.unknownQuestion(question)
        }
        let seed = generator()
        let arrival = try await store.write { db in
            var generator = seed
            return try PortfolioStore.addBoxIdea(submission, on: date, using: &generator, db)
        }
        if !arrival.wasAlreadyThere { logHoldsOrder.withLock { $0 = true } }
        return arrival.id
    }

    public func fates(in buckets: [Int], of count: Int) async throws -> BucketFates {
        guard buckets.count <= FateBuckets.maximumPerRequest else { throw BoxRefusal.tooManyBuckets(buckets.count) }
        let wanted = Array(Set(buckets)).sorted()
        let seed = generator()
        return try await store.read { db in
            var generator = seed
            let current = FateBuckets(receipts: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM receipt") ?? 0)
            guard current.count == count else { throw BoxRefusal.bucketsChanged(current: current.count) }
            guard !wanted.isEmpty, wanted.allSatisfy({ (0..<count).contains($0) }) else { return BucketFates(buckets: count, ideas: []) }
            let inBuckets = "bucket % ? IN (\(wanted.map(String.init).joined(separator: ",")))"
            // One pass over the receipts of those buckets, each joined to its idea by number,
            // keeping only ideas with news (see BacklogIdea.hasNews).
            let rows = try Row.fetchAll(db, sql: """
                SELECT r.key, r.proof, \(PortfolioRows.backlogColumns.split(separator: ",").map { "b." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", "))
                FROM receipt r JOIN backlog_idea b ON b.id = CAST(substr(r.subject, 2) AS INTEGER)
                WHERE r.subject LIKE 'B%' AND r.\(inBuckets)
                  AND (b.answer IS NOT NULL OR b.fate != CASE b.kind WHEN 'box' THEN 'new' ELSE 'kept' END)
                ORDER BY r.key
                """, arguments: [count])
            var notices = FateNotices(db)
            var entries: [BucketEntry] = []
            for row in rows {
                guard let key = ReceiptKey(hex: row[0]), let proof = OwnershipProof(hex: row[1]) else { continue }
                let idea = try PortfolioRows.backlogIdea(row, from: 2)
                let notice = try notices.notice(for: idea)
                guard !idea.onBoard else {
                    entries.append(.open(key, notice))
                    continue
                }
                let plaintext = Array(try PortfolioRows.encoder.encode(notice))
                entries.append(.sealed(key, box: FateSeal.seal(plaintext, for: proof, nonce: FateSeal.nonce(using: &generator))))
            }
            // Ideas that became experiments in their workshop: always news, always on the board.
            let experimentRows = try Row.fetchAll(db, sql: "SELECT key, subject FROM receipt WHERE subject LIKE 'E%' AND \(inBuckets)",
                                                  arguments: [count])
            for row in experimentRows {
                guard let key = ReceiptKey(hex: row[0]), case let .experiment(id)? = PortfolioSubject(row[1]),
                      let experiment = try notices.experiment(id) else { continue }
                entries.append(.open(key, FateNotice(experiment: experiment)))
            }
            entries.sort { $0.key.hex < $1.key.hex }
            return BucketFates(buckets: count, ideas: entries)
        }
    }

    public func board() async throws -> BoxBoard {
        let date = today()
        let settings = settings
        return try await store.read { db in
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM receipt") ?? 0
            return BoxBoard(title: settings.title, questions: settings.openQuestions(on: date), buckets: FateBuckets(receipts: count).count,
                            recent: try Self.recent(since: date.adding(days: -Self.boardDays), db))
        }
    }

    public func withdraw(secret: String) async throws -> BacklogIdeaID {
        let proof = OwnershipProof(secret: secret)
        let id = try await store.write { db -> BacklogIdeaID in
            guard let subject = try String.fetchOne(db, sql: "SELECT subject FROM receipt WHERE proof = ?", arguments: [proof.hex]),
                  case let .backlogIdea(id)? = PortfolioSubject(subject), let idea = try? PortfolioStore.backlogIdea(id, db) else {
                throw BoxRefusal.noSuchIdea
            }
            // Once anything happened to it (a review, another idea merged into it), it stays.
            let touched = try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM history WHERE subject = ?)", arguments: [subject]) ?? true
            guard idea.kind == .box, idea.fate == .new, !touched else { throw BoxRefusal.alreadyReviewed(id) }
            try db.execute(sql: "DELETE FROM receipt WHERE proof = ?", arguments: [proof.hex])
            try db.execute(sql: "DELETE FROM backlog_idea WHERE id = ?", arguments: [id.number])
            return id
        }
        logHoldsOrder.withLock { $0 = true }
        return id
    }

    public func tidy() async {
        guard logHoldsOrder.withLock({ holds in defer { holds = false }; return holds }) else { return }
        await store.truncateLog()
    }

    private func generator() -> SeededRandom {
        SeededRandom(seed: seeds.withLock { seeds in
            if seeds == nil { return UInt64.random(in: .min ... .max) }
            return seeds!.next()
        })
    }

    /// "You said, we did": the latest decisions, answers, starts and learning cards since
    /// `since`, newest first, one line per item (its latest news), ideas kept off the board left out.
    static func recent(since: CalendarDate, _ db: Database) throws -> [BoardItem] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT subject, MAX(date) AS day FROM history
            WHERE date >= ? AND (change LIKE '{"reviewed"%' OR change LIKE '{"answered"%' OR change LIKE '{"started"%'
                                 OR change LIKE '{"learned"%' OR change LIKE '{"promoted"%')
            GROUP BY subject ORDER BY day DESC, MAX(seq) DESC LIMIT ?
            """, arguments: [since.description, boardLimit * 2])
        var notices = FateNotices(db)
        var items: [BoardItem] = []
        for row in rows where items.count < boardLimit {
            guard let subject = PortfolioSubject(row[0]), let day = try PortfolioRows.date(row[1]) else { continue }
            switch subject {
            case let .backlogIdea(id):
                guard let idea = try? PortfolioStore.backlogIdea(id, db), idea.onBoard else { continue }
                items.append(BoardItem(date: day, id: id.description, text: idea.text, fate: try notices.notice(for: idea)))
            case let .experiment(id):
                guard let experiment = try? PortfolioStore.experiment(id, db) else { continue }
                items.append(BoardItem(date: day, id: id.description, text: experiment.title, experiment: ExperimentNotice(experiment)))
            case .actionItem:
                continue
            }
        }
        return items
    }
}

/// Builds fate notices inside one read, following merges to where they end and looking up the
/// experiments ideas became, each experiment read once.
struct FateNotices {
    /// Merges are never chained by the rules, but a file from elsewhere might be; stop there.
    static let maximumMergeHops = 8

    private let db: Database
    private var experiments: [ExperimentID: ExperimentNotice] = [:]

    init(_ db: Database) { self.db = db }

    mutating func notice(for idea: BacklogIdea) throws -> FateNotice {
        var notice = FateNotice(id: idea.id, fate: FateNotice.Kind(idea.fate), answer: idea.answer)
        switch idea.fate {
        case let .promoted(experiment):
            notice.experiment = try self.experiment(experiment)
        case var .merged(into: target):
            for _ in 0..<Self.maximumMergeHops {
                guard case let .backlogIdea(next) = target, let merged = try? PortfolioStore.backlogIdea(next, db),
                      case let .merged(further) = merged.fate else { break }
                target = further
            }
            notice.into = target.description
            switch target {
            case let .experiment(experiment):
                notice.experiment = try self.experiment(experiment)
            case let .backlogIdea(other):
                if let end = try? PortfolioStore.backlogIdea(other, db) {
                    notice.then = FateNotice.Kind(end.fate)
                    if case let .promoted(experiment) = end.fate { notice.experiment = try self.experiment(experiment) }
                }
            case .actionItem:
                break
            }
        default:
            break
        }
        return notice
    }

    mutating func experiment(_ id: ExperimentID) throws -> ExperimentNotice? {
        if let known = experiments[id] { return known }
        guard let experiment = try? PortfolioStore.experiment(id, db) else { return nil }
        let notice = ExperimentNotice(experiment)
        experiments[id] = notice
        return notice
    }
}
