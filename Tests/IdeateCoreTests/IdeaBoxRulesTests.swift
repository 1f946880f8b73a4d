import Foundation
import IdeateCore
import IdeateTestSupport
import Testing

/// The box's own rules: its file, proofs, submissions, buckets and seals.
@Suite("Idea box rules", .offThePool, .timeLimit(.minutes(2)))
struct IdeaBoxRulesTests {
    @Test("A box file names a title and standing questions; every problem is reported at its line")
    func boxFile() throws {
        let source = """
            title: Acme ideas
            questions:
              - id: delivery
                text: What slows down order-to-delivery?
                until: 2027-01-31
              - id: safety
                text: Where could someone get hurt?
            """
        let settings = try BoxSettings.parse(source).get()
        #expect(settings.title == "Acme ideas")
        #expect(settings.questions.map(\.id) == ["delivery", "safety"])
        #expect(settings.openQuestions(on: CalendarDate(iso: "2027-01-31")!).count == 2)
        #expect(settings.openQuestions(on: CalendarDate(iso: "2027-02-01")!).map(\.id) == ["safety"], "a campaign ends after its day")

        let broken = """
            titel: Acme
            questions:
              - id: Delivery Times
                text: What slows us down?
              - id: safety
                text: ""
              - id: later
                text: Later
                until: next week
              - id: twice
                text: One
              - id: twice
                text: Two
            """
        guard case let .failure(problems) = BoxSettings.parse(broken) else {
            Issue.record("a broken box file was accepted")
            return
        }
        let lines = problems.all.map { "\($0.line): \($0.message)" }
        #expect(lines.contains("1: unknown key `titel` in the box file; did you mean `title`?"), "\(lines)")
        #expect(lines.contains { $0.hasPrefix("3: `id` should be 1 to 40 lowercase letters") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("6: `text` is empty") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("9: `until` should be a day like 2027-01-31") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("12: the question id `twice` is used twice") }, "\(lines)")
        #expect(try BoxSettings.parse("questions: []").get() == BoxSettings(), "the default title")
    }

    @Test("A proof is 64 lowercase hex digits, the SHA-256 of the device's secret; a submission is checked like a workshop idea")
    func proofsAndSubmissions() throws {
        #expect(OwnershipProof(secret: "abc").hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(OwnershipProof(hex: String(repeating: "a", count: 64)) != nil)
        #expect(OwnershipProof(hex: String(repeating: "A", count: 64)) == nil)
        #expect(OwnershipProof(hex: String(repeating: "a", count: 63)) == nil)
        #expect(OwnershipProof(hex: String(repeating: "g", count: 64)) == nil)
        let proof = OwnershipProof(secret: "s")
        #expect(try BoxSubmission(text: "  Label the shelves \n", question: "delivery", proof: proof).text == "Label the shelves")
        #expect(throws: Refusal.self) { try BoxSubmission(text: " ", question: nil, proof: proof) }
        #expect(throws: Refusal.self) { try BoxSubmission(text: String(repeating: "x", count: 501), question: nil, proof: proof) }
        #expect(throws: BoxSubmission.unknownQuestion("../etc")) { try BoxSubmission(text: "x", question: "../etc", proof: proof) }
    }

    @Test("Buckets hold about 256 receipts each; a receipt's bucket is its key's first 32 bits modulo the count", arguments: [
        (0, 1), (255, 1), (511, 1), (512, 2), (20_000, 78), (200_000, 781),
    ])
    func buckets(receipts: Int, count: Int) {
        let buckets = FateBuckets(receipts: receipts)
        #expect(buckets.count == count)
        let key = OwnershipProof(secret: "abc").receipt
        #expect(buckets.bucket(of: key) == Int(key.hex.prefix(8), radix: 16)! % count)
    }

    @Test("A receipt's key is 16 hex digits of SHA-256 of a context and the proof: neither the proof nor the secret")
    func receiptKeys() {
        let proof = OwnershipProof(secret: "abc")
        #expect(proof.receipt.hex.count == 16 && !proof.hex.contains(proof.receipt.hex))
        #expect(proof.receipt == ReceiptKey(hex: proof.receipt.hex))
        #expect(ReceiptKey(hex: "ABCDEF0123456789") == nil && ReceiptKey(hex: "abc") == nil)
        #expect(OwnershipProof(secret: "abd").receipt != proof.receipt)
        var buckets: [Int: Int] = [:]
        for index in 0..<10_000 { buckets[FateBuckets(receipts: 10_000).bucket(of: OwnershipProof(secret: "s\(index)").receipt), default: 0] += 1 }
        #expect(buckets.count == 39 && buckets.values.allSatisfy { (180...340).contains($0) }, "receipts spread evenly: \(buckets.values.sorted())")
    }

    @Test("A sealed fate opens only with its idea's proof, and not once changed; nonces make two seals of one fate differ")
    func seals() throws {
        let proof = OwnershipProof(secret: "the device's secret")
        let plaintext = Array(#"{"answer":"Only for you: your team lead agreed.","fate":"kept","id":"B417"}"#.utf8)
        var random = SeededRandom(seed: 9)
        let box = FateSeal.seal(plaintext, for: proof, nonce: FateSeal.nonce(using: &random))
        #expect(FateSeal.open(box, with: proof) == plaintext)
        #expect(FateSeal.open(box, with: OwnershipProof(secret: "someone else")) == nil)
        #expect(!box.contains("Only") && !box.contains("+") && !box.contains("/") && !box.contains("="), "base64url, no plaintext")
        var changed = Array(box)
        changed[changed.count - 3] = changed[changed.count - 3] == "A" ? "B" : "A"
        #expect(FateSeal.open(String(changed), with: proof) == nil, "the tag catches a change")
        #expect(FateSeal.seal(plaintext, for: proof, nonce: FateSeal.nonce(using: &random)) != box)
        #expect(FateSeal.open("short", with: proof) == nil)
        let long = [UInt8](repeating: 0x41, count: 1_000)
        #expect(FateSeal.open(FateSeal.seal(long, for: proof, nonce: FateSeal.nonce(using: &random)), with: proof) == long, "many blocks")
    }

    @Test("A bucket's entries encode as the page reads them: a receipt's key with a fate's fields, or with a sealed box")
    func bucketEncoding() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let key = ReceiptKey(hex: "0123456789abcdef")!, other = ReceiptKey(hex: "fedcba9876543210")!
        let entries: [BucketEntry] = [
            .open(key, FateNotice(id: BacklogIdeaID(3), fate: .declined, answer: ReviewAnswer(text: "No", date: CalendarDate(iso: "2026-12-01")!))),
            .sealed(other, box: "abc"),
        ]
        let json = String(decoding: try encoder.encode(entries), as: UTF8.self)
        #expect(json == #"[{"answer":"No","answered":"2026-12-01","fate":"declined","id":"B3","key":"0123456789abcdef"},{"key":"fedcba9876543210","sealed":"abc"}]"#)
        #expect(try JSONDecoder().decode([BucketEntry].self, from: Data(json.utf8)) == entries)
    }
}

/// The poster for the break room.
@Suite("Idea box poster", .offThePool, .timeLimit(.minutes(2)))
struct BoxPosterTests {
    @Test("The poster names the open questions and the three promises, escapes every text, and draws every dark module")
    func poster() {
        let settings = BoxSettings(title: "Acme <script>alert(1)</script> & co", questions: [
            BoxQuestion(id: "delivery", text: "What slows down \"order-to-delivery\"?\u{202E}", until: CalendarDate(iso: "2027-01-31")),
            BoxQuestion(id: "ended", text: "An ended campaign", until: CalendarDate(iso: "2026-01-31")),
        ])
        let dark = (0..<21 * 21).map { $0 % 3 == 0 }
        let poster = BoxPoster(settings: settings, address: "http://ideas.example.lan:7423/?a=1&b=2", code: BoxPoster.Modules(size: 21, dark: dark),
                               today: CalendarDate(iso: "2026-12-06")!).html()
        #expect(poster.contains("<h1>Acme &lt;script&gt;alert(1)&lt;/script&gt; &amp; co</h1>"))
        #expect(!poster.contains("<script"), "no markup from a box file")
        #expect(poster.contains("What slows down &quot;order-to-delivery&quot;?"))
        #expect(!poster.contains("\u{202E}"), "no direction override reaches the page")
        #expect(poster.contains("(until 31 January 2027)") && !poster.contains("An ended campaign"))
        #expect(poster.contains("http://ideas.example.lan:7423/?a=1&amp;b=2"))
        for sentence in BoxPoster.anonymitySentences { #expect(poster.contains(sentence)) }
        #expect(poster.components(separatedBy: "h1v1h-1z").count - 1 == dark.filter { $0 }.count)
        #expect(poster.contains("viewBox=\"0 0 29 29\""), "21 modules and a quiet zone of 4 on each side")
        #expect(!poster.contains("http-equiv") && !poster.contains("src="), "it loads nothing")
    }
}
