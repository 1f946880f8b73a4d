/// A request to change the session. It may be refused (``Refusal``); if accepted it becomes
/// events. Participants and the facilitator have separate command types, so the wire can only
/// ever hand a participant's message to ``ParticipantCommand``.
public enum Command: Equatable, Sendable {
    case facilitator(FacilitatorCommand)
    /// `request` is the client's id for this command. Sent again (after a reconnect, a crash,
    /// or on another connection) it finds the command already done instead of doing it twice:
    /// its anonymous tag is part of what the command records.
    case participant(ParticipantToken, ParticipantCommand, request: String? = nil)
    /// Time passed: release a due batch, lock an expired phase.
    case tick
}

/// What a participant may ask for. There is deliberately no comment, score or rating here.
public enum ParticipantCommand: Equatable, Sendable {
    case join
    /// `receipt`: the proof the author's device keeps for following the idea after the
    /// workshop (``OwnershipProof``); nil from a client that does not follow its ideas.
    case submitIdea(text: String, extending: IdeaID? = nil, receipt: OwnershipProof? = nil)
    case editIdea(IdeaID, text: String)
    case withdrawIdea(IdeaID)
    case castVote(IdeaID)
    case retractVote(IdeaID)
    case moveVote(from: IdeaID, to: IdeaID)
    /// In `rate`: this participant's impact and effort (1–5 each) for a shortlisted idea; sent
    /// again, it replaces their earlier rating of that idea.
    case rate(IdeaID, impact: Int, effort: Int)
    /// "I'm done" while ideas flow: counted on the shared screens, never shown as who.
    case sayDone
    /// Takes an "I'm done" back: the participant has more to add after all.
    case takeBackDone
}

/// What the facilitator may do from the console.
public enum FacilitatorCommand: Equatable, Sendable {
    /// Open the next phase (from the lobby: the first one); after the last, finish.
    case advance
    case pauseTimer
    case resumeTimer
    case extendTimer(seconds: Int)
    /// Lock the current phase now (e.g. close the vote early).
    case lockPhase
    case addIdea(text: String)
    case hide(IdeaID)
    case unhide(IdeaID)
    case park(IdeaID)
    case unpark(IdeaID)
    case merge(IdeaID, into: IdeaID)
    case unmerge(IdeaID)
    case cluster(IdeaID, name: String?)
    case renameCluster(from: String, to: String)
    case recordReview(IdeaID, IdeaReview)
    case addActionItem(idea: IdeaID?, what: String, owner: String, due: String)
    case removeActionItem(Int)
    /// Close joining: participants who have joined still reconnect; nobody new gets in.
    /// Once finished and added to the portfolio: each idea's number there (by idea id), so a
    /// participant's end screen can list their own ideas' numbers.
    case notePortfolioNumbers([String: String])
    case lockRoom
    case unlockRoom
    /// Moderation: let a held idea through to the wall.
    case approve(IdeaID)
    /// Moderation: keep a held idea off the wall (kept, counted in the minutes).
    case holdBack(IdeaID)
    /// Moderation: let a held idea through as a duplicate of `target` on the wall.
    case approveMerging(IdeaID, into: IdeaID)
    /// Moderation: put a held-back idea back into the queue (undo).
    case requeue(IdeaID)
}

/// Why a command was refused: a reason for programs and a sentence, kept typed so each reader
/// sees it in their own language (``Localizer/callAsFunction(_:)-(Sentence)``).
public struct Refusal: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Reason: String, Sendable {
        case notNow, roundClosed, invalidText, unknownIdea, notYours, budget, notJoined, finished
        /// The facilitator locked the room: no new participants.
        case roomLocked
        /// The plan's `max_participants` have joined.
        case roomFull
        /// The round holds as many ideas (or as much text) as a view can carry.
        case roundFull
    }

    public var reason: Reason
    public var sentence: Sentence

    public init(_ reason: Reason, _ phrase: RefusalPhrase, _ arguments: [String: PhraseArgument] = [:]) {
        self.init(reason, Sentence(phrase, arguments))
    }

    public init(_ reason: Reason, _ sentence: Sentence) {
        self.reason = reason
        self.sentence = sentence
    }

    /// The sentence in English (the facilitator's command line, logs).
    public var message: String { sentence.description }

    public var description: String { message }
}
