import Foundation
import IdeateCore
import IdeateTestSupport
import Testing

/// The receipts `ideate join` keeps for the idea box, matched as the page matches them: it asks
/// for its own buckets among decoys that stay the same, takes each listed fate (opening a sealed
/// one with its own proof only), and forgets none of its ideas.
@Suite("Receipt book", .offThePool, .timeLimit(.minutes(2)))
struct ReceiptBookTests {
    static func entry(_ secret: String) -> ReceiptBook.Entry {
        ReceiptBook.Entry(secret: secret, proof: OwnershipProof(secret: secret), text: "Idea \(secret)", sent: CalendarDate(iso: "2026-12-01")!)
    }

    @Test("It asks for its own buckets among at least 8, the same decoys every time, all buckets when there are fewer, at most 64")
    func buckets() {
        var book = ReceiptBook(decoySeed: 99)
        #expect(book.buckets(of: 80).isEmpty, "nothing to follow, nothing asked")
        for index in 0..<3 { book.add(Self.entry("s\(index)")) }
        let asked = book.buckets(of: 80)
        let own = Set(book.entries.map { FateBuckets(count: 80)!.bucket(of: $0.proof.receipt) })
        #expect(asked.count == 8 && own.isSubset(of: Set(asked)) && asked == asked.sorted())
        #expect(book.buckets(of: 80) == asked, "the same decoys on every visit")
        #expect(ReceiptBook(entries: book.entries, decoySeed: 7).buckets(of: 80) != asked, "another device's decoys differ")
        #expect(book.buckets(of: 5) == [0, 1, 2, 3, 4], "fewer buckets than decoys: all of them")
        for index in 3..<200 { book.add(Self.entry("s\(index)")) }
        #expect(book.buckets(of: 1_000).count == FateBuckets.maximumPerRequest)
    }

    @Test("Listed fates are taken (a sealed one opened with its own proof), an unlisted idea has no news, and the number follows the fate")
    func update() throws {
        var book = ReceiptBook(decoySeed: 1)
        book.add(Self.entry("open"))
        book.add(Self.entry("sealed"))
        book.add(Self.entry("quiet"))
        var random = SeededRandom(seed: 3)
        let kept = FateNotice(id: BacklogIdeaID(12), fate: .kept, answer: try ReviewAnswer(checking: "Only for you", on: CalendarDate(iso: "2026-12-02")!))
        let sealed = FateSeal.seal(Array(try JSONEncoder().encode(kept)), for: OwnershipProof(secret: "sealed"), nonce: FateSeal.nonce(using: &random))
        let declined = FateNotice(id: BacklogIdeaID(7), fate: .declined)
        book.update(with: BucketFates(buckets: 1, ideas: [
            .open(OwnershipProof(secret: "open").receipt, declined), .sealed(OwnershipProof(secret: "sealed").receipt, box: sealed),
            .open(OwnershipProof(secret: "someone else's").receipt, FateNotice(id: BacklogIdeaID(99), fate: .kept)),
        ]))
        let byText = Dictionary(uniqueKeysWithValues: book.entries.map { ($0.text, $0) })
        #expect(byText["Idea open"]?.fate == declined && byText["Idea open"]?.number == "B7")
        #expect(byText["Idea sealed"]?.fate == kept && byText["Idea sealed"]?.number == "B12")
        #expect(byText["Idea quiet"]?.fate == nil)
        #expect(book.entries.count == 3, "another device's idea is never taken in")
        let tampered = BucketFates(buckets: 1, ideas: [.sealed(OwnershipProof(secret: "sealed").receipt, box: String(sealed.dropLast(2)) + "AA")])
        book.update(with: tampered)
        #expect(book.entries.first { $0.text == "Idea sealed" }?.fate == kept, "a seal that does not open changes nothing")
    }

    @Test("The book keeps at most 500 ideas, newest first, and reads back as written")
    func bounds() throws {
        var book = ReceiptBook(decoySeed: 5)
        for index in 0..<(ReceiptBook.maximumEntries + 20) { book.add(Self.entry("b\(index)")) }
        #expect(book.entries.count == ReceiptBook.maximumEntries && book.entries.first?.text == "Idea b519")
        #expect(try JSONDecoder().decode(ReceiptBook.self, from: try JSONEncoder().encode(book)) == book)
    }
}
