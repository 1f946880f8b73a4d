/// What a participant may see of the session, whichever way they joined. Ideas flow unjudged:
/// nobody sees the wall while ideas flow, only while it is grouped and voted on; each person
/// sees only their own dots, during the vote; tallies come once the vote has closed
/// (``SessionState/results(round:)`` answers nil before). Every participant's view is built
/// from these rules.
extension SessionState {
    /// Whether participants see the wall of the round shown: in `group` and `vote` only.
    public var participantsSeeTheWall: Bool { currentPhase == .group || currentPhase == .vote }

    /// Whether each participant sees their own dots and how many they have left: in `vote`.
    public var participantsSeeTheirDots: Bool { currentPhase == .vote }
}
