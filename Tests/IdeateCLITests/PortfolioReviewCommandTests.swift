import Foundation
import IdeateCore
import IdeateStore
import IdeateTestSupport
import Testing

/// The review of box ideas from the shell: every decision the follow-up screen makes exists as
/// an `ideate portfolio` subcommand, says what the author will read, and refuses clearly.
@Suite("Portfolio review commands", .offThePool, .timeLimit(.minutes(5)))
struct PortfolioReviewCommandTests {
    @Test("box lists the new ideas; keep, merge, take, decline, answer, board, promote --answer and rhythm decide and say so")
    func reviewFromTheShell() throws {
        let folder = try PortfolioCommandTests.Folder()
        let path = folder.file("portfolio.sqlite")
        let store = try PortfolioStore.open(at: path)
        var random = SeededRandom(seed: 1)
        let monday = try #require(CalendarDate(iso: "2026-11-30"))
        var ids: [BacklogIdeaID] = []
        for (index, text) in ["Music in the packing hall", "A bench by the bay\u{1B}[2J", "Colour labels", "Four-day week", "Label colours"].enumerated() {
            let submission = try BoxSubmission(text: text, question: index == 2 ? "order-to-delivery" : nil, proof: OwnershipProof(secret: "s\(index)"))
            ids.append(try store.addBoxIdea(submission, on: monday.adding(days: index), using: &random).id)
        }
        let change = ["--portfolio", path, "--on", "2026-12-10"]

        let box = try IdeateProcess.run(["portfolio", "box", "--portfolio", path])
        #expect(box.status == 0, "\(box.stderr)")
        #expect(box.stdout.hasPrefix("5 new, oldest waiting"))
        #expect(box.stdout.contains("\(ids[2]) (week of 2026-11-30, order-to-delivery): Colour labels"))
        #expect(!box.stdout.contains("\u{1B}"), "an idea's text never reaches the terminal raw")

        let keep = try IdeateProcess.run(["portfolio", "keep", ids[0].description] + change)
        #expect(keep.stdout == "\(ids[0]) kept in the backlog on 2026-12-10\n", "\(keep.stderr)")
        let merge = try IdeateProcess.run(["portfolio", "merge", ids[4].description, "--into", ids[2].description,
                                           "--answer", "Same as another idea; follow it there."] + change)
        #expect(merge.stdout == "\(ids[4]) merged into \(ids[2]) on 2026-12-10; its author reads: “Same as another idea; follow it there.”\n",
                "\(merge.stderr)")
        let take = try IdeateProcess.run(["portfolio", "take", ids[2].description] + change)
        #expect(take.stdout.hasPrefix("\(ids[2]) taken to the next workshop on 2026-12-10"), "\(take.stderr)")
        let decline = try IdeateProcess.run(["portfolio", "decline", ids[1].description, "--answer", "The bay is a fire lane."] + change)
        #expect(decline.stdout.contains("declined on 2026-12-10; its author reads: “The bay is a fire lane.”"), "\(decline.stderr)")
        let off = try IdeateProcess.run(["portfolio", "board", ids[1].description, "off"] + change)
        #expect(off.stdout.hasSuffix("(kept off the board)\n"), "\(off.stderr)")
        let answer = try IdeateProcess.run(["portfolio", "answer", ids[0].description, "We look at it in January."] + change)
        #expect(answer.stdout == "\(ids[0]) kept in the backlog on 2026-12-10; its author reads: “We look at it in January.”\n")
        let promote = try IdeateProcess.run(["portfolio", "promote", ids[3].description, "--assumption", "People rest better",
                                             "--success", "Fewer sick days", "--answer", "We try it with one team in February."] + change)
        #expect(promote.status == 0, "\(promote.stderr)")
        #expect(promote.stdout.hasSuffix("Its author reads: “We try it with one team in February.”\n"))

        let tooLong = try IdeateProcess.run(["portfolio", "answer", ids[0].description, String(repeating: "x", count: 281)] + change)
        #expect(tooLong.status == 1 && tooLong.stderr.contains("at most 280 characters (this one has 281)"))
        let tooLongPromotion = try IdeateProcess.run(["portfolio", "promote", ids[0].description, "--assumption", "a", "--success", "s",
                                                      "--answer", String(repeating: "x", count: 300)] + change)
        #expect(tooLongPromotion.status == 1, "an answer too long is refused before anything is written")
        #expect(try store.backlogIdea(ids[0]).promotedTo == nil)
        let loop = try IdeateProcess.run(["portfolio", "merge", ids[2].description, "--into", ids[4].description] + change)
        #expect(loop.status == 1 && loop.stderr == "ideate: \(ids[4]) was itself merged into \(ids[2]); merge into \(ids[2])\n")
        let badTarget = try IdeateProcess.run(["portfolio", "merge", ids[2].description, "--into", "A1"] + change)
        #expect(badTarget.status == 64 && badTarget.stderr.contains("neither an idea like B3 nor an experiment like E2"))
        let same = try IdeateProcess.run(["portfolio", "keep", ids[0].description] + change)
        #expect(same.status == 1 && same.stderr.contains("is already kept in the backlog with that answer"))

        #expect(try IdeateProcess.run(["portfolio", "rhythm", "--portfolio", path]).stdout == "The box is reviewed every 14 days.\n")
        #expect(try IdeateProcess.run(["portfolio", "rhythm", "7", "--portfolio", path]).stdout == "The box is reviewed every 7 days.\n")
        #expect(try IdeateProcess.run(["portfolio", "rhythm", "0", "--portfolio", path]).status == 64)
        let after = try IdeateProcess.run(["portfolio", "box", "--portfolio", path])
        #expect(after.stdout.hasPrefix("no new ideas, last review"), "\(after.stdout)")
        #expect(after.stdout.contains("(every 7)"))
    }
}
