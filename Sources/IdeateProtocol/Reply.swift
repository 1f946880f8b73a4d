import IdeateCore

/// The server's answer to one request, sent once the request's outcome is committed: a
/// resend of the same id gets the same answer.
public struct Reply: Equatable, Sendable {
    /// What became of the request.
    public enum Outcome: Equatable, Sendable {
        /// Committed. `idea` is the idea the request made or touched; `late` is set for an idea
        /// that arrived after its phase closed; `held` for one that waits for the facilitator
        /// before it reaches the wall (`moderation: true`).
        case saved(idea: String?, late: Bool, held: Bool = false)
        /// Not done: the code for programs, the sentence for people.
        case refused(WireErrorCode, Sentence)
    }

    /// The request's id.
    public var id: String
    public var outcome: Outcome

    public init(id: String, outcome: Outcome) {
        self.id = id
        self.outcome = outcome
    }

    public var isSaved: Bool {
        if case .saved = outcome { return true }
        return false
    }

    /// The idea a saved request made or touched.
    public var idea: String? {
        if case let .saved(idea, _, _) = outcome { return idea }
        return nil
    }

    /// The sentence the participant sees.
    public var message: Sentence {
        switch outcome {
        case let .saved(_, late, held): Sentence(late ? ConnectionPhrase.lateIdea : held ? ConnectionPhrase.savedHeld : ConnectionPhrase.saved)
        case let .refused(_, message): message
        }
    }

    /// The reply with its sentence written in `localizer`'s language.
    public func localized(by localizer: Localizer) -> Reply {
        guard case let .refused(code, message) = outcome else { return self }
        return Reply(id: id, outcome: .refused(code, Sentence(literal: localizer(message))))
    }
}
