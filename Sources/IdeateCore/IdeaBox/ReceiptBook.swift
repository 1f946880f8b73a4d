import Foundation

/// What a device keeps to follow its own ideas in the idea box — the box page's localStorage in
/// Swift, for `ideate join`: each idea's secret (which also withdraws it) or only its proof (an
/// idea carried from a workshop), its text and number, and its last known fate. It asks for
/// fates by bucket, its own buckets hidden among decoys that stay the same on every visit, and
/// matches the answer here, so the box never learns which ideas are this device's.
public struct ReceiptBook: Codable, Equatable, Sendable {
    /// One followed idea.
    public struct Entry: Codable, Equatable, Sendable {
        /// Its number once the box said it (`B417`), or once its fate named it.
        public var number: String?
        /// The secret the proof was made from; nil for an idea carried from a workshop.
        public var secret: String?
        public var proof: OwnershipProof
        public var text: String
        public var question: String?
        public var sent: CalendarDate
        /// Nil until the box had news of it (new, or kept from its workshop, and unanswered).
        public var fate: FateNotice?
        /// Kept here, not yet acknowledged by the box: sent again until it is.
        public var isUnsent = false

        public init(number: String? = nil, secret: String? = nil, proof: OwnershipProof, text: String, question: String? = nil,
                    sent: CalendarDate, fate: FateNotice? = nil) {
            self.number = number
            self.secret = secret
            self.proof = proof
            self.text = text
            self.question = question
            self.sent = sent
            self.fate = fate
        }
    }

    /// Buckets asked for beyond its own, at least: with fewer than this many buckets in the box,
    /// it asks for all of them.
    public static let decoys = 8
    /// The most ideas a book keeps (the page keeps as many).
    public static let maximumEntries = 500

    public var entries: [Entry]
    /// Draws the decoy buckets; kept, so the decoys are the same on every visit (decoys drawn
    /// afresh would fall away when a server compared two visits, leaving the true ones).
    public var decoySeed: UInt64

    public init(entries: [Entry] = [], decoySeed: UInt64) {
        self.entries = entries
        self.decoySeed = decoySeed
    }

    /// Adds `entry` (a sent idea), newest first, forgetting the oldest past the bound.
    public mutating func add(_ entry: Entry) {
        entries.insert(entry, at: 0)
        if entries.count > Self.maximumEntries { entries.removeLast(entries.count - Self.maximumEntries) }
    }

    /// The buckets to ask for when the box has `count`: this book's, then decoys from its seed,
    /// at least ``decoys`` (or all), at most ``FateBuckets/maximumPerRequest``, in order.
    public func buckets(of count: Int) -> [Int] {
        guard let buckets = FateBuckets(count: count), !entries.isEmpty else { return [] }
        var wanted = Set(entries.map { buckets.bucket(of: $0.proof.receipt) })
        var random = SeededRandom(seed: decoySeed)
        let target = min(count, max(Self.decoys, wanted.count))
        while wanted.count < target { wanted.insert(Int(random.next() % UInt64(count))) }
        return Array(wanted.sorted().prefix(FateBuckets.maximumPerRequest))
    }

    /// Takes the fates of the buckets asked for: an entry listed gets its fate (a sealed one
    /// opened with its proof), one not listed has no news.
    public mutating func update(with fates: BucketFates) {
        let byKey = Dictionary(fates.ideas.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        for index in entries.indices {
            switch byKey[entries[index].proof.receipt] {
            case nil:
                entries[index].fate = nil
            case let .open(_, notice)?:
                entries[index].fate = notice
            case let .sealed(_, box)?:
                guard let opened = FateSeal.open(box, with: entries[index].proof),
                      let notice = try? JSONDecoder().decode(FateNotice.self, from: Data(opened)) else { continue }
                entries[index].fate = notice
            }
            if let id = entries[index].fate?.id { entries[index].number = id }
        }
    }
}
