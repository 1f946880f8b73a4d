/// The server's answer to one request, sent once the request's outcome is committed: a
/// resend of the same id gets the same answer.
public struct Reply: Equatable, Sendable {
    /// What became of the request.
    public enum Outcome: Equatable, Sendable {
        /// Committed. `idea` is the idea the request made or touched; `late` is set for an idea
        /// that arrived after its phase closed.
        case saved(idea: String?, late: Bool)
        /// Not done: the code for programs, the sentence for people.
        case refused(WireErrorCode, String)
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
        if case let .saved(idea, _) = outcome { return idea }
        return nil
    }

    /// The sentence the participant sees.
    public var message: String {
        switch outcome {
        case let .saved(_, late): late ? "The round had closed; your idea is kept as a late idea." : "saved"
        case let .refused(_, message): message
        }
    }
}
