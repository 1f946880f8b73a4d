/// What the participant server says about a connection or a request it could not carry out
/// (a wrong code, a rush of people joining, a disk that cannot save), in the reader's language.
public enum ConnectionPhrase: String, Phrase {
    public static let namespace = "connection"

    case alreadyJoined, helloFirst, badMessage, version, tooManyTries, wrongCode, joiningRush, cannotJoinNow
    case slowDown, lostTrack, couldNotSave, diskFull, cannotWrite, closedToMakeRoom, serverFull, helloTimeout
    case tooLarge, lateIdea, saved, savedHeld
}
