import IdeateCore

/// What a participant asks the server to do, one case per request of the protocol. The wire
/// adds the request id that makes a resend idempotent (``ClientMessage/request(id:_:)``); the
/// server turns the request into Core's `ParticipantCommand`.
public enum ParticipantRequest: Equatable, Sendable {
    /// A new idea, or a "yes, and …" on the idea `extends` names (in `build` only); `receipt`
    /// is the proof the device keeps to follow the idea after the workshop.
    case submit(text: String, extends: String? = nil, receipt: OwnershipProof? = nil)
    /// New text for one of the participant's own ideas.
    case edit(idea: String, text: String)
    /// Takes back one of the participant's own ideas.
    case withdraw(idea: String)
    /// Places a dot.
    case vote(idea: String)
    /// Takes a dot back.
    case unvote(idea: String)
    /// Moves a dot from one idea to another in one step.
    case move(from: String, to: String)
    /// In `rate`: impact and effort (1–5 each) for a shortlisted idea; replaces an earlier one.
    case rate(idea: String, impact: Int, effort: Int)
    /// "I'm done" with the phase running (ideate or build).
    case done
    /// Takes "I'm done" back.
    case undone
}
