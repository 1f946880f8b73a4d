import Foundation
import GRDB
import IdeateCore
@testable import IdeateStore
import IdeateTestSupport
import Testing

/// The run file's event format, version 1, pinned: `Golden/events-v1.jsonl` holds one stored
/// payload of every event kind, committed once and never regenerated. Renaming a Swift case
/// or a field would make these lines unreadable, and this test fails before any old run does.
/// A deliberate format change adds a named migration in `RunSchema` that rewrites old payloads,
/// and a new golden file beside this one.
@Suite("Run file format", .offThePool, .timeLimit(.minutes(5)))
struct RunFormatTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/events-v1.jsonl")
    static let at = Instant(millisecondsSince1970: 1_795_382_896_783)

    /// One event of every kind (two where a field may be absent).
    static var samples: [Event] {
        var idea = Idea(id: IdeaID("abc12"), round: 1, text: "Shared \"calendar\"\n✓", source: .participant,
                        owner: OwnerTag("0123456789abcdef01234567"), extends: IdeaID("def34"), isLate: true)
        idea.isRevealed = true
        idea.mergedInto = IdeaID("ghj56")
        idea.cluster = "Tools"
        idea.requestTag = OwnerTag("89abcdef0123456789abcdef")
        var receipted = Idea(id: IdeaID("mno78"), round: 0, text: "Followed", source: .participant,
                             owner: OwnerTag("0123456789abcdef01234567"), extends: nil, isLate: false)
        receipted.receipt = OwnershipProof(hex: String(repeating: "5a", count: 32))
        let card = ExperimentCard(assumption: "We believe", smallestTest: "Two weeks", successCriterion: "Half use it",
                                  owner: "Sam", reviewDate: "2026-12-01")
        // The card as a test card: metric and failure criterion, stored only when filled in.
        let testCard = ExperimentCard(assumption: "We believe", smallestTest: "Two weeks", metric: "Weekly users",
                                      successCriterion: "Half use it", failureCriterion: "Under a tenth", owner: "Sam",
                                      reviewDate: "+2w")
        return [
            .participantJoined(Pseudonym("0123456789abcdef01234567")),
            .phaseStarted(round: 0, phase: .ideate, at: at, seconds: 300),
            .phaseStarted(round: 1, phase: .review, at: at, seconds: nil),
            .timerPaused(at: at),
            .timerResumed(at: at),
            .timerExtended(seconds: 60),
            .phaseReopened(at: at, seconds: 60),
            .phaseLocked(at: at),
            .ideaSubmitted(Idea(id: IdeaID("abc12"), round: 0, text: "Plain", source: .facilitator, owner: nil, extends: nil, isLate: false)),
            .ideaSubmitted(idea),
            .ideaEdited(IdeaID("abc12"), text: "Edited"),
            .ideaWithdrawn(IdeaID("abc12")),
            .ideasRevealed([IdeaID("abc12"), IdeaID("def34")], at: at),
            .ideasRevealed([IdeaID("abc12")], at: nil),
            .ideaHidden(IdeaID("abc12")),
            .ideaUnhidden(IdeaID("abc12")),
            .ideaParked(IdeaID("abc12")),
            .ideaUnparked(IdeaID("abc12")),
            .ideasMerged(IdeaID("abc12"), into: IdeaID("def34")),
            .ideaUnmerged(IdeaID("abc12")),
            .ideaClustered(IdeaID("abc12"), cluster: "Tools"),
            .ideaClustered(IdeaID("abc12"), cluster: nil),
            .clusterRenamed(round: 0, from: "Tools", to: "Tooling"),
            .voteCast(Pseudonym("0123456789abcdef01234567"), IdeaID("abc12")),
            .voteRetracted(Pseudonym("0123456789abcdef01234567"), IdeaID("abc12")),
            .reviewRecorded(IdeaID("abc12"), IdeaReview(benefits: "Saves time", concerns: "Cost", experiment: card)),
            .reviewRecorded(IdeaID("abc12"), IdeaReview(benefits: "Saves time")),
            .reviewRecorded(IdeaID("abc12"), IdeaReview(experiment: testCard)),
            .actionItemAdded(ActionItem(id: 1, round: 0, idea: IdeaID("abc12"), what: "Ask IT", owner: "Kim", due: "Friday")),
            .actionItemAdded(ActionItem(id: 2, round: 0, idea: nil, what: "Book a room", owner: "Lee", due: "")),
            .actionItemRemoved(1),
            .sessionFinished(at: at),
            .requestCompleted(OwnerTag("fedcba9876543210fedcba98")),
            .roomLocked,
            .roomUnlocked,
            .earlierExperimentsShown([
                EarlierExperiment(id: "E3", title: "Approve small purchases", workshop: "Quick start", workshopDate: CalendarDate(iso: "2026-03-12"),
                                  stage: .learned, learning: LearningCard(outcome: .invalidated, believed: "Approved unchanged", observed: "Half changed",
                                                                          learned: "Not routine", decision: .testAgain, date: CalendarDate(iso: "2026-04-09")!),
                                  reviewDate: CalendarDate(iso: "2026-04-01")),
                EarlierExperiment(id: "E5", title: "Shared calendar", stage: .running),
            ]),
            .earlierExperimentsShown([]),
            // Added with the idea box: a receipt on an idea, and the box a run links to.
            .ideaSubmitted(receipted),
            .ideaBoxLinked(IdeaBoxAddress("http://ideas.example.lan:7423/")!),
            .actionItemsShown([OpenActionItem(id: "A4", what: "Ask IT", owner: "Kim", due: CalendarDate(iso: "2026-03-20"), isStuck: true,
                                              isOverdue: true, workshop: "Quick start"), OpenActionItem(id: "A5", what: "Book a room", owner: "Lee")]),
            .portfolioNumbersNoted(["abc12": "B7", "def34": "E2"]),
            // Added with "I'm done".
            .doneSaid(Pseudonym("0123456789abcdef01234567")),
            .doneTakenBack(Pseudonym("0123456789abcdef01234567")),
            // Added with moderation.
            .ideaApproved(IdeaID("abc12")),
            .ideaHeldBack(IdeaID("abc12")),
            .ideaRequeued(IdeaID("abc12")),
            // Added with impact and effort.
            .ideaRated(Pseudonym("0123456789abcdef01234567"), IdeaID("abc12"), impact: 4, effort: 2),
            .phaseStarted(round: 0, phase: .rate, at: at, seconds: 120),
        ]
    }

    /// The name of `event`'s case. Exhaustive: a new kind of event does not compile until it is
    /// named here, and its sample and golden line added.
    static func kind(of event: Event) -> String {
        switch event {
        case .participantJoined: "participantJoined"
        case .phaseStarted: "phaseStarted"
        case .timerPaused: "timerPaused"
        case .timerResumed: "timerResumed"
        case .timerExtended: "timerExtended"
        case .phaseReopened: "phaseReopened"
        case .phaseLocked: "phaseLocked"
        case .ideaSubmitted: "ideaSubmitted"
        case .ideaEdited: "ideaEdited"
        case .ideaWithdrawn: "ideaWithdrawn"
        case .ideasRevealed: "ideasRevealed"
        case .ideaHidden: "ideaHidden"
        case .ideaUnhidden: "ideaUnhidden"
        case .ideaParked: "ideaParked"
        case .ideaUnparked: "ideaUnparked"
        case .ideasMerged: "ideasMerged"
        case .ideaUnmerged: "ideaUnmerged"
        case .ideaClustered: "ideaClustered"
        case .clusterRenamed: "clusterRenamed"
        case .voteCast: "voteCast"
        case .voteRetracted: "voteRetracted"
        case .reviewRecorded: "reviewRecorded"
        case .actionItemAdded: "actionItemAdded"
        case .actionItemRemoved: "actionItemRemoved"
        case .sessionFinished: "sessionFinished"
        case .requestCompleted: "requestCompleted"
        case .roomLocked: "roomLocked"
        case .roomUnlocked: "roomUnlocked"
        case .earlierExperimentsShown: "earlierExperimentsShown"
        case .ideaBoxLinked: "ideaBoxLinked"
        case .actionItemsShown: "actionItemsShown"
        case .portfolioNumbersNoted: "portfolioNumbersNoted"
        case .doneSaid: "doneSaid"
        case .doneTakenBack: "doneTakenBack"
        case .ideaApproved: "ideaApproved"
        case .ideaHeldBack: "ideaHeldBack"
        case .ideaRequeued: "ideaRequeued"
        case .ideaRated: "ideaRated"
        }
    }

    static let everyKind = [
        "participantJoined", "phaseStarted", "timerPaused", "timerResumed", "timerExtended", "phaseReopened", "phaseLocked",
        "ideaSubmitted", "ideaEdited", "ideaWithdrawn", "ideasRevealed", "ideaHidden", "ideaUnhidden", "ideaParked",
        "ideaUnparked", "ideasMerged", "ideaUnmerged", "ideaClustered", "clusterRenamed", "voteCast", "voteRetracted",
        "reviewRecorded", "actionItemAdded", "actionItemRemoved", "sessionFinished", "requestCompleted", "roomLocked",
        "roomUnlocked", "earlierExperimentsShown", "ideaBoxLinked", "actionItemsShown", "portfolioNumbersNoted",
        "doneSaid", "doneTakenBack", "ideaApproved", "ideaHeldBack", "ideaRequeued", "ideaRated",
    ]

    @Test("Every stored line of format v1 reads back as its event, and is what the store writes today")
    func goldenLinesReadBack() throws {
        let lines = try String(contentsOf: Self.golden, encoding: .utf8).split(separator: "\n").map(String.init)
        let samples = Self.samples
        #expect(lines.count == samples.count)
        for (line, sample) in zip(lines, samples) {
            #expect(try EventPayload.decode(line) == sample, "\(line)")
            #expect(try EventPayload.encode(sample) == line)
        }
    }

    @Test("The golden file covers every kind of event")
    func everyKindIsPinned() throws {
        let lines = try String(contentsOf: Self.golden, encoding: .utf8).split(separator: "\n").map(String.init)
        let kinds = Set(try lines.map { Self.kind(of: try EventPayload.decode($0)) })
        #expect(kinds == Set(Self.everyKind))
        #expect(Self.everyKind.count == Set(Self.samples.map(Self.kind(of:))).count)
    }

    @Test("A run file of format v1 reopens to the state its events describe")
    func goldenRunReplays() throws {
        let store = try RunStore.create(in: DatabaseQueue(), plan: Fixtures.plan)
        let lines = try String(contentsOf: Self.golden, encoding: .utf8).split(separator: "\n").map(String.init)
        try store.appendNow(try lines.map(EventPayload.decode))
        #expect(try store.events() == Self.samples)
    }
}
