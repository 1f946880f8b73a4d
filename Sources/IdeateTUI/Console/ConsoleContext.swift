/// What the console shows that is not in the session state: how to join, where the run and
/// the minutes are, and whether this is the demo.
public struct ConsoleContext: Sendable, Equatable {
    /// What participants type to join, e.g. `ideate join 192.168.1.20:7420`.
    public var joinCommand: String?
    public var joinCode: String?
    /// What participants type to join over ssh with nothing installed, e.g.
    /// `ssh -p 7422 K7P2QX@192.168.1.20`, and the host key's fingerprint to check it by.
    public var sshCommand: String?
    public var sshFingerprint: String?
    /// The page phones open, with the code in its fragment, e.g.
    /// `http://192.168.1.20:7421/#K7P2QX`; the lobby shows it as a QR code too, encoded once
    /// here rather than on every frame.
    public var phoneURL: String? {
        didSet { phoneCode = phoneURL.flatMap(QRCode.init) }
    }
    public private(set) var phoneCode: QRCode?
    public var runPath: String?
    /// Whether the minutes were written when the workshop finished, and where or why not.
    public var minutes: MinutesOutcome?
    /// Whether the finished workshop went into the company's portfolio, and where or why not.
    public var portfolio: PortfolioOutcome?
    /// Shown in the header, e.g. "demo" so nobody mistakes it for a real workshop.
    public var modeLabel: String?
    public var ringsBell: Bool
    /// Why nothing can be saved right now (a full disk); shown until saving works again.
    public var storageProblem: String?
    /// A sentence for the lobby about how people take part in this mode.
    public var lobbyNote: String?
    /// What to try next, on the end screen (the demo tells a newcomer where to go from here).
    public var nextSteps: [NextStep]
    /// Drawn for the wall, the room's view: no key to press, nothing only the facilitator reads.
    public var isWall = false
    /// On the facilitator's console when the room looks at a wall: what the projector's
    /// terminal types to show it (e.g. `ssh -p 7422 wall-4kq9xm2p@192.168.1.20`), and how many
    /// walls are attached now. Nil when the console is the room's screen.
    public var wallCommand: String?
    public var wallsAttached = 0

    public init(joinCommand: String? = nil, joinCode: String? = nil, sshCommand: String? = nil, sshFingerprint: String? = nil,
                phoneURL: String? = nil,
                runPath: String? = nil, minutes: MinutesOutcome? = nil,
                modeLabel: String? = nil, ringsBell: Bool = false, lobbyNote: String? = nil, nextSteps: [NextStep] = []) {
        self.joinCommand = joinCommand
        self.joinCode = joinCode
        self.sshCommand = sshCommand
        self.sshFingerprint = sshFingerprint
        self.phoneURL = phoneURL
        phoneCode = phoneURL.flatMap(QRCode.init)
        self.runPath = runPath
        self.minutes = minutes
        self.modeLabel = modeLabel
        self.ringsBell = ringsBell
        self.lobbyNote = lobbyNote
        self.nextSteps = nextSteps
    }
}

/// What became of the minutes at the end of a workshop: the end screen says where they are, or
/// why they could not be written and how to get them from the run file.
public enum MinutesOutcome: Sendable, Equatable {
    case written(path: String)
    case notWritten(reason: String)
}

/// What became of the portfolio at the end of a workshop: the end screen says what was added
/// where, or why nothing was and how to add the run later. A failure here never touches the
/// minutes, which are written first.
public enum PortfolioOutcome: Sendable, Equatable {
    /// `summary` counts what was added, e.g. "2 experiments, 1 action item, 5 backlog ideas".
    case added(path: String, summary: String)
    case alreadyThere(path: String)
    case notAdded(reason: String)
}

/// What the end of a workshop produced, for the end screen: the minutes and, when the command
/// keeps one, the portfolio.
public struct FinishOutcome: Sendable, Equatable {
    public var minutes: MinutesOutcome
    public var portfolio: PortfolioOutcome?

    public init(minutes: MinutesOutcome, portfolio: PortfolioOutcome? = nil) {
        self.minutes = minutes
        self.portfolio = portfolio
    }
}

/// One thing to try after a workshop: what it is for and the command that does it.
public struct NextStep: Sendable, Equatable {
    public var purpose: String
    public var command: String

    public init(_ purpose: String, _ command: String) {
        self.purpose = purpose
        self.command = command
    }
}
