/// How ideas come in and how fast their authors hear back: the record that says whether idea
/// sharing is real or symbolic. Ideas per month from the idea box and from workshops; for box
/// ideas, the days from the week they arrived (its Monday: no finer time is kept) to their first
/// answer (a decision or an answer to the author), the share answered within the review rhythm,
/// and how many became experiments and were learned from.
public struct IntakeReport: Equatable, Sendable {
    /// One calendar month's ideas.
    public struct Month: Equatable, Sendable {
        /// `2026-11`.
        public var month: String
        public var fromBox: Int
        public var fromWorkshops: Int
    }

    /// Months with at least one idea, oldest first.
    public var months: [Month]
    public var boxIdeas: Int
    /// Box ideas with a first answer.
    public var answered: Int
    /// Median days from the arrival week's Monday to the first answer, over answered box ideas.
    public var medianDaysToFirstAnswer: Double?
    /// Box ideas whose rhythm has run out (or that were answered): the share's denominator.
    public var dueForAnswer: Int
    /// Of those, answered within ``rhythm`` days of their week's Monday.
    public var answeredWithinRhythm: Int
    /// Box ideas promoted to an experiment or merged into one.
    public var becameExperiments: Int
    /// Of those experiments, the ones learned from.
    public var experimentsLearned: Int
    public var rhythm: ReviewRhythm

    public init(_ portfolio: Portfolio, history: [PortfolioSubject: [HistoryEntry]], today: CalendarDate, rhythm: ReviewRhythm) {
        self.rhythm = rhythm
        var counts: [String: (box: Int, workshops: Int)] = [:]
        for workshop in portfolio.workshops {
            let day = workshop.date ?? workshop.addedOn
            counts[Self.month(of: day), default: (0, 0)].workshops += workshop.ideaCount
        }
        let box = portfolio.backlog.filter { $0.kind == .box && $0.arrivalWeek != nil }
        for idea in box { counts[Self.month(of: idea.arrivalWeek!.monday), default: (0, 0)].box += 1 }
        months = counts.keys.sorted().map { Month(month: $0, fromBox: counts[$0]!.box, fromWorkshops: counts[$0]!.workshops) }
        boxIdeas = box.count

        var waits: [Int] = []
        var due = 0, withinRhythm = 0
        for idea in box {
            let monday = idea.arrivalWeek!.monday
            let first = history[.backlogIdea(idea.id)]?.first { $0.change.answersTheAuthor }
            if let first {
                let days = max(0, monday.days(until: first.date))
                waits.append(days)
                due += 1
                if days <= rhythm.days { withinRhythm += 1 }
            } else if monday.days(until: today) > rhythm.days {
                due += 1
            }
        }
        answered = waits.count
        waits.sort()
        medianDaysToFirstAnswer = waits.isEmpty ? nil
            : waits.count % 2 == 1 ? Double(waits[waits.count / 2]) : Double(waits[waits.count / 2 - 1] + waits[waits.count / 2]) / 2
        dueForAnswer = due
        answeredWithinRhythm = withinRhythm

        let stages = Dictionary(portfolio.experiments.map { ($0.id, $0.state.stage) }, uniquingKeysWith: { first, _ in first })
        var experiments: Set<ExperimentID> = []
        for idea in box {
            switch idea.fate {
            case let .promoted(experiment), let .merged(into: .experiment(experiment)): experiments.insert(experiment)
            default: break
            }
        }
        becameExperiments = experiments.count
        experimentsLearned = experiments.count { stages[$0] == .learned }
    }

    /// The share answered within the rhythm, in percent (nil before any idea was due).
    public var percentWithinRhythm: Int? {
        dueForAnswer == 0 ? nil : Int((Double(answeredWithinRhythm) * 100 / Double(dueForAnswer)).rounded())
    }

    static func month(of date: CalendarDate) -> String { String(date.description.prefix(7)) }
}
