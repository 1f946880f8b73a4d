import IdeateCore
import IdeateTestSupport
import IdeateTUI
import Testing

/// `ideate join` on the idea box, driven with keys on a scripted terminal against a box held in
/// memory: an idea kept before it is sent and marked sent once the box says its number, a
/// refusal giving the text back, an unreachable box keeping the idea until it is back, the
/// reviewer's answer read after r, a new idea withdrawn; the book saved after each change.
@Suite("Idea box from a terminal", .offThePool, .timeLimit(.minutes(2)))
struct BoxJoinTests {
    @Test("Send, refused, unreachable and sent later, answered, withdrawn: every change kept in the receipt book")
    func joinTheBox() async throws {
        let box = FakeBox()
        let terminal = ScriptedTerminal()
        let remote = terminal.remote
        let saved = Locked<ReceiptBook?>(nil)
        var secrets = (0..<10).map { "secret-\($0)" }.makeIterator()
        let app = BoxJoinApp(box: box, book: ReceiptBook(decoySeed: 4), today: CalendarDate(iso: "2026-12-06")!, terminal: terminal,
                             save: { book in saved.withLock { $0 = book } }, newSecret: { secrets.next()! })
        let loop = Task { await app.run() }
        let first = await remote.frame { $0.contains("Acme ideas") && $0.contains("None yet") }
        #expect(first?.contains("Your ideas are anonymous: nobody, not even the reviewers, sees who") == true,
                "the box's promise, as on its page: \(first?.text ?? "")")
        #expect(first?.contains("Only this computer knows which ideas are yours") == true)

        remote.type("A bench by the loading bay")
        remote.type(.enter)
        #expect(await remote.frame { $0.contains("Saved ✓ as B101") && $0.contains("B101  A bench by the loading bay") } != nil)
        #expect(saved.withLock { $0?.entries.map(\.number) } == ["B101"])

        remote.type("Please refuse this one")
        remote.type(.enter)
        let refused = await remote.frame { $0.contains("Not this one, sorry.") }
        #expect(refused?.contains("Please refuse this one▏") == true, "the refused text is back in the box")
        for _ in 0..<22 { remote.type(.backspace) }

        box.isDown.withLock { $0 = true }
        remote.type("Sent while the box is down")
        remote.type(.enter)
        #expect(await remote.frame { $0.contains("not sent yet  Sent while the box is down") && $0.contains("not reachable") } != nil)
        #expect(saved.withLock { $0?.entries.first?.isUnsent } == true, "kept on this computer before anything else")
        box.isDown.withLock { $0 = false }
        remote.type(.tab)
        remote.type("r")
        #expect(await remote.frame { $0.contains("B102  Sent while the box is down") } != nil, "sent once the box is back")

        box.answer(BacklogIdeaID(101), "The bay is a fire lane; we found another spot.")
        remote.type("r")
        let answered = await remote.frame { $0.contains("Declined.") && $0.contains("The bay is a fire lane;") && $0.contains("we found another") }
        #expect(answered != nil, "the answer is read after r: \(remote.lastFrame?.text ?? "")")

        remote.type("w")  // the chosen idea is the newest, B102, still new
        #expect(await remote.frame { $0.contains("Withdrawn") && !$0.contains("B102") } != nil)
        #expect(box.kept.withLock { $0.keys.sorted() } == [101])
        #expect(saved.withLock { $0?.entries.map(\.number) } == ["B101"])
        remote.type("q")
        await loop.value
    }
}

/// An idea box in memory: numbers from 101, a refusal for any idea saying "refuse", and
/// reviewers' decisions set by the test.
final class FakeBox: IdeaBoxService {
    let kept = Locked<[Int: (proof: OwnershipProof, fate: FateNotice?)]>([:])
    let isDown = Locked(false)

    struct Down: Error, CustomStringConvertible { var description: String { "connection refused" } }

    func answer(_ id: BacklogIdeaID, _ text: String) {
        kept.withLock { kept in
            kept[id.number]?.fate = FateNotice(id: id, fate: .declined, answer: try? ReviewAnswer(checking: text, on: CalendarDate(iso: "2026-12-06")!))
        }
    }

    func submit(_ submission: BoxSubmission) async throws -> BacklogIdeaID {
        if isDown.withLock({ $0 }) { throw Down() }
        if submission.text.contains("refuse") { throw BoxRefusal.refused("Not this one, sorry.") }
        return kept.withLock { kept in
            if let known = kept.first(where: { $0.value.proof == submission.proof }) { return BacklogIdeaID(known.key) }
            let number = 101 + kept.count
            kept[number] = (submission.proof, nil)
            return BacklogIdeaID(number)
        }
    }

    func fates(in buckets: [Int], of count: Int) async throws -> BucketFates {
        if isDown.withLock({ $0 }) { throw Down() }
        let entries = kept.withLock { kept in kept.values.compactMap { idea in idea.fate.map { BucketEntry.open(idea.proof.receipt, $0) } } }
        return BucketFates(buckets: count, ideas: entries)
    }

    func board() async throws -> BoxBoard {
        if isDown.withLock({ $0 }) { throw Down() }
        return BoxBoard(title: "Acme ideas", questions: [], buckets: 1, recent: [])
    }

    func withdraw(secret: String) async throws -> BacklogIdeaID {
        let proof = OwnershipProof(secret: secret)
        return try kept.withLock { kept in
            guard let known = kept.first(where: { $0.value.proof == proof }) else { throw BoxRefusal.noSuchIdea }
            kept[known.key] = nil
            return BacklogIdeaID(known.key)
        }
    }

    func tidy() async {}
}
