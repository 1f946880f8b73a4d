import IdeateCore

/// What went wrong, for programs: clients act on the code and show the sentence beside it,
/// so no client ever matches English text.
public enum WireErrorCode: String, Codable, Sendable, CaseIterable {
    // The connection and joining.
    /// The line is not a participant message (its reason is in the sentence).
    case badMessage
    /// A request before a successful hello.
    case helloFirst
    /// A second hello on a connection that has joined.
    case alreadyJoined
    /// The client speaks another protocol version.
    case version
    /// A line longer than ``WireProtocol/maximumFrameBytes``.
    case tooLarge
    /// The join code is wrong; the participant may type it again.
    case wrongCode
    /// Too many wrong codes on this connection: it is closed.
    case tooManyTries
    /// Too many people joining at once (an error: wait `retryAfter`), or ideas sent too fast
    /// (a refused request).
    case rateLimited
    /// The facilitator locked the room: only participants who joined before get in.
    case locked
    /// The run has as many participants as its plan allows.
    case full
    /// No hello in time after connecting.
    case helloTimeout
    /// The server has as many connections as it serves.
    case serverFull
    // A refused request (Core's refusal reasons).
    case notNow, roundClosed, invalidText, unknownIdea, notYours, budget, notJoined, finished, roundFull
    /// The request was not saved (the facilitator's disk); send it again.
    case notSaved

    /// The code for a refusal decided by the session's rules.
    public init(_ reason: Refusal.Reason) {
        switch reason {
        case .notNow: self = .notNow
        case .roundClosed: self = .roundClosed
        case .invalidText: self = .invalidText
        case .unknownIdea: self = .unknownIdea
        case .notYours: self = .notYours
        case .budget: self = .budget
        case .notJoined: self = .notJoined
        case .finished: self = .finished
        case .roomLocked: self = .locked
        case .roomFull: self = .full
        case .roundFull: self = .roundFull
        }
    }
}

/// A problem with the connection rather than with one request: a code for programs and a
/// sentence for people.
public struct WireError: Error, Equatable, Sendable, CustomStringConvertible {
    public var code: WireErrorCode
    /// A sentence for the participant, written in their language when the server sends it.
    public var message: Sentence
    /// The server closes the connection after sending this.
    public var fatal: Bool
    /// When trying again makes sense, in seconds.
    public var retryAfterSeconds: Int?

    public init(_ code: WireErrorCode, _ message: Sentence, fatal: Bool = false, retryAfterSeconds: Int? = nil) {
        self.code = code
        self.message = message
        self.fatal = fatal
        self.retryAfterSeconds = retryAfterSeconds
    }

    public var description: String { message.description }

    /// Whether a client stops on this problem rather than trying again by itself (after a
    /// wrong code it waits for the participant to type another).
    public var stopsClient: Bool {
        switch code {
        case .wrongCode, .tooManyTries, .version, .locked, .full: true
        case .rateLimited, .notSaved, .helloTimeout, .serverFull: false
        default: fatal
        }
    }
}
