/// Words several parts of ideate share: phase names, durations, counts of ideas and votes.
public enum CommonPhrase: String, Phrase {
    public static let namespace = "common"

    case phaseIdeate, phaseBuild, phaseGroup, phaseVote, phaseRate, phaseReview
    case quadrantQuickWins, quadrantBigBets, quadrantFillIns, quadrantNotNow, axisImpact, axisEffort, ratingFigures, disputed
    case durationSeconds, durationMinutes, durationMinutesSeconds
    case ideas, votes, participants, dots
    case outcomeValidated, outcomeInvalidated, outcomeUnclear
    case decisionPersevere, decisionPivot, decisionStop, decisionTestAgain
    case quoted, dotsEach, keyEnter, keySpace, keyCtrl, moreAbove, moreBelow
    case experiments, actionItems, backlogIdeas, keyEscape
}

extension Localizer {
    /// How a phase is named to people: "Ideation", "Ideenfindung".
    public func name(of phase: PhaseKind) -> String { self(phase.namePhrase) }

    /// "7 min", "1 min 30 s", "45 s".
    public func duration(seconds: Int) -> String {
        let minutes = seconds / 60, rest = seconds % 60
        switch (minutes, rest) {
        case (0, _): return self(CommonPhrase.durationSeconds, ["seconds": .number(rest)])
        case (_, 0): return self(CommonPhrase.durationMinutes, ["minutes": .number(minutes)])
        default: return self(CommonPhrase.durationMinutesSeconds, ["minutes": .number(minutes), "seconds": .number(rest)])
        }
    }

    /// A Control-key chord as the language's keyboards print it: "Ctrl-C", "Strg-C".
    public func ctrl(_ key: Character) -> String { self(CommonPhrase.keyCtrl) + "-" + String(key) }

    /// "1 idea", "30 ideas" (and so for the other counted nouns).
    public func count(_ phrase: CommonPhrase, _ value: Int) -> String { self(phrase, ["count": .number(value)]) }

    public func name(of outcome: LearningCard.Outcome) -> String {
        switch outcome {
        case .validated: self(CommonPhrase.outcomeValidated)
        case .invalidated: self(CommonPhrase.outcomeInvalidated)
        case .unclear: self(CommonPhrase.outcomeUnclear)
        }
    }

    /// The words after "therefore we will".
    public func name(of decision: LearningCard.Decision) -> String {
        switch decision {
        case .persevere: self(CommonPhrase.decisionPersevere)
        case .pivot: self(CommonPhrase.decisionPivot)
        case .stop: self(CommonPhrase.decisionStop)
        case .testAgain: self(CommonPhrase.decisionTestAgain)
        }
    }

    /// "3 dots each, at most 2 per idea".
    public func dotsEach(_ dots: Int, maxPerIdea: Int) -> String {
        self(CommonPhrase.dotsEach, ["dots": .text(count(.dots, dots)), "max": .number(maxPerIdea)])
    }
}

extension PhaseKind {
    /// The phrase that names the phase to people.
    public var namePhrase: CommonPhrase {
        switch self {
        case .ideate: .phaseIdeate
        case .build: .phaseBuild
        case .group: .phaseGroup
        case .vote: .phaseVote
        case .rate: .phaseRate
        case .review: .phaseReview
        }
    }
}
