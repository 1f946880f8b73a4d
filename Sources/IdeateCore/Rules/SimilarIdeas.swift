import Foundation

/// Likely duplicates, found by the words two ideas share (not a model): the console suggests
/// them while grouping and beside a held idea, for merging with one key. A word counts when it
/// has three letters or more and is not one of the little words of ideate's languages; case,
/// accents and a plural "s" are ignored. Two ideas are alike when they share at least two such
/// words, or the one word of a one-word idea, and the shared words are at least half of
/// the shorter idea's.
public enum SimilarIdeas {
    /// The words of `text` that say what it is about.
    public static func words(of text: String) -> Set<String> {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        var words: Set<String> = []
        for piece in folded.split(whereSeparator: { !($0.isLetter || $0.isNumber) }) where piece.count >= 3 {
            var word = String(piece)
            if word.count > 4, word.hasSuffix("s") { word.removeLast() }
            if !stopWords.contains(word) { words.insert(word) }
        }
        return words
    }

    /// The words `a` and `b` share, sorted, when they are likely the same idea; nil otherwise.
    public static func shared(_ a: Set<String>, _ b: Set<String>) -> [String]? {
        let shared = a.intersection(b)
        let shorter = min(a.count, b.count)
        guard !shared.isEmpty, shared.count * 2 >= shorter, shared.count >= 2 || shorter == 1 else { return nil }
        return shared.sorted()
    }

    /// Ideas whose words appear in more ideas than this are too common to tell duplicates apart
    /// ("customer" in a workshop about customers); it also bounds the work on a large wall.
    static let commonWordLimit = 40

    /// Little words in English, German, French, Dutch and Spanish.
    static let stopWords: Set<String> = [
        "the", "and", "for", "with", "that", "this", "from", "have", "are", "was", "not", "but", "all", "can", "our", "more", "less",
        "into", "than", "when", "each", "every", "should", "could", "would", "them", "they", "there", "their", "what", "who", "how",
        "der", "die", "das", "und", "mit", "fur", "von", "den", "dem", "ein", "eine", "einen", "nicht", "auch", "mehr", "wir", "sie",
        "les", "des", "une", "pour", "avec", "dans", "sur", "pas", "plus", "que", "qui", "nous", "vous", "est",
        "het", "een", "van", "voor", "niet", "ook", "meer", "wij", "zij", "met",
        "los", "las", "una", "con", "por", "para", "del", "mas",
    ]
}

/// Two ideas on the wall that are likely the same, and the words that say so.
public struct LikelyDuplicate: Equatable, Sendable {
    /// The idea that stays (the earlier on the wall) and the one to merge into it.
    public var kept: IdeaID
    public var duplicate: IdeaID
    public var sharedWords: [String]
}

extension SessionState {
    /// Pairs of ideas on `round`'s wall that are likely the same, most words shared first, at
    /// most `limit`, leaving out the pairs in `dismissed`.
    public func likelyDuplicates(round: Int, limit: Int = 20, dismissed: Set<[IdeaID]> = []) -> [LikelyDuplicate] {
        let ideas = wallIdeas(round: round)
        let words = ideas.map { SimilarIdeas.words(of: $0.text) }
        var postings: [String: [Int]] = [:]
        for (index, set) in words.enumerated() { for word in set { postings[word, default: []].append(index) } }
        var candidates: Set<[Int]> = []
        for list in postings.values where list.count > 1 && list.count <= SimilarIdeas.commonWordLimit {
            for (position, first) in list.enumerated() { for second in list[(position + 1)...] { candidates.insert([first, second]) } }
        }
        return candidates.compactMap { pair -> LikelyDuplicate? in
            let (first, second) = (ideas[pair[0]], ideas[pair[1]])
            guard !dismissed.contains([first.id, second.id]), let shared = SimilarIdeas.shared(words[pair[0]], words[pair[1]]) else { return nil }
            return LikelyDuplicate(kept: first.id, duplicate: second.id, sharedWords: shared)
        }
        .sorted { lhs, rhs in
            lhs.sharedWords.count != rhs.sharedWords.count ? lhs.sharedWords.count > rhs.sharedWords.count
                : (wallPosition[lhs.kept] ?? 0, wallPosition[lhs.duplicate] ?? 0) < (wallPosition[rhs.kept] ?? 0, wallPosition[rhs.duplicate] ?? 0)
        }
        .prefix(limit).map { $0 }
    }

    /// The idea on `idea`'s round's wall most like it, with the words they share: what a held
    /// idea would be merged into.
    public func mostSimilarOnWall(to idea: Idea) -> (id: IdeaID, sharedWords: [String])? {
        let words = SimilarIdeas.words(of: idea.text)
        guard !words.isEmpty else { return nil }
        var best: (id: IdeaID, sharedWords: [String])?
        for other in wallIdeas(round: idea.round) where other.id != idea.id {
            guard let shared = SimilarIdeas.shared(words, SimilarIdeas.words(of: other.text)) else { continue }
            if shared.count > (best?.sharedWords.count ?? 0) { best = (other.id, shared) }
        }
        return best
    }
}
