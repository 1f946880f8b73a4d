/// How much one round may hold. A participant's vote view carries every idea on the round's
/// wall in one wire line, so a round is bounded in ideas and in text (as JSON, escapes
/// included): whatever the ideas weigh, every view fits the line limit clients accept.
public enum RoundCapacity {
    /// More ideas than any room reads in one round.
    public static let maximumIdeas = 10_000
    /// The round's idea texts as JSON strings, quotes and escapes included.
    public static let maximumTextBytes = 3 * 1024 * 1024
}

/// What a round holds so far, counted by `apply` for ``RoundCapacity``.
struct RoundLoad: Equatable, Sendable {
    var ideas = 0
    var textBytes = 0

    mutating func add(_ text: String) {
        ideas += 1
        textBytes += JSONString.quotedLength(of: text)
    }

    mutating func replace(_ old: String, with new: String) {
        textBytes += JSONString.quotedLength(of: new) - JSONString.quotedLength(of: old)
    }
}

extension Decision {
    /// Refuses a new idea (or an edit that makes one heavier) that would take `round` past
    /// ``RoundCapacity``.
    mutating func requireRoom(in round: Int, for text: String, replacing old: String? = nil) throws(Refusal) {
        let load = state.roundLoad[round] ?? RoundLoad()
        if old == nil, load.ideas >= RoundCapacity.maximumIdeas {
            throw Refusal(.roundFull, .roundFullIdeas, ["count": .number(RoundCapacity.maximumIdeas)])
        }
        let added = JSONString.quotedLength(of: text) - (old.map(JSONString.quotedLength(of:)) ?? 0)
        if added > 0, load.textBytes + added > RoundCapacity.maximumTextBytes {
            throw Refusal(.roundFull, .roundFullText, ["megabytes": .number(RoundCapacity.maximumTextBytes / 1024 / 1024)])
        }
    }
}
