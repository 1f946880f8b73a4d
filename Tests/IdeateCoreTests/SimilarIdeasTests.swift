import IdeateCore
import IdeateTestSupport
import Testing

@Suite("Similar ideas", .offThePool, .timeLimit(.minutes(1)))
struct SimilarIdeasTests {
    @Test("Shared words, not little ones: case, accents and a plural s ignored")
    func words() {
        #expect(SimilarIdeas.words(of: "A shared INBOX for the orders") == ["shared", "inbox", "order"])
        #expect(SimilarIdeas.words(of: "Réunions plus courtes") == ["reunion", "courte"])
        let a = SimilarIdeas.words(of: "One shared inbox for order changes")
        #expect(SimilarIdeas.shared(a, SimilarIdeas.words(of: "Shared inbox for all orders")) == ["inbox", "order", "shared"])
        #expect(SimilarIdeas.shared(a, SimilarIdeas.words(of: "Shorter meetings on Fridays")) == nil)
        #expect(SimilarIdeas.shared(SimilarIdeas.words(of: "Coffee machine"), SimilarIdeas.words(of: "Coffee break rules")) == nil,
                "one word in common is not the same idea")
        #expect(SimilarIdeas.shared(SimilarIdeas.words(of: "Standups"), SimilarIdeas.words(of: "Shorter standups")) == ["standup"],
                "the one word of a one-word idea")
    }

    @Test("Likely duplicates on the wall, most alike first; a dismissed pair is left out; the most similar wall idea for a held one")
    func onTheWall() throws {
        let (session, ideas) = try TestSession.withLikelyDuplicates()
        let (inbox, printer, inbox2, printer2) = (ideas.inbox, ideas.printer, ideas.inbox2, ideas.printer2)
        let pairs = session.state.likelyDuplicates(round: 0)
        #expect(pairs.map { Set([$0.kept, $0.duplicate]) } == [[inbox, inbox2], [printer, printer2]])
        #expect(pairs[0].sharedWords == ["inbox", "order", "shared"])
        let dismissed = session.state.likelyDuplicates(round: 0, dismissed: [[pairs[0].kept, pairs[0].duplicate]])
        #expect(dismissed.count == 1)
        let held = Idea(id: IdeaID("zzzzz"), round: 0, text: "printer in the hall again", source: .participant, owner: nil, extends: nil, isLate: false)
        #expect(session.state.mostSimilarOnWall(to: held)?.id == printer)
    }
}
