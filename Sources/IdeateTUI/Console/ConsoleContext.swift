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
    public var runPath: String?
    /// Where the minutes were written when the workshop finished.
    public var minutesPath: String?
    /// Shown in the header, e.g. "demo" so nobody mistakes it for a real workshop.
    public var modeLabel: String?
    public var ringsBell: Bool
    /// Why nothing can be saved right now (a full disk); shown until saving works again.
    public var storageProblem: String?
    /// A sentence for the lobby about how people take part in this mode.
    public var lobbyNote: String?

    public init(joinCommand: String? = nil, joinCode: String? = nil, sshCommand: String? = nil, sshFingerprint: String? = nil,
                runPath: String? = nil, minutesPath: String? = nil,
                modeLabel: String? = nil, ringsBell: Bool = false, lobbyNote: String? = nil) {
        self.joinCommand = joinCommand
        self.joinCode = joinCode
        self.sshCommand = sshCommand
        self.sshFingerprint = sshFingerprint
        self.runPath = runPath
        self.minutesPath = minutesPath
        self.modeLabel = modeLabel
        self.ringsBell = ringsBell
        self.lobbyNote = lobbyNote
    }
}
