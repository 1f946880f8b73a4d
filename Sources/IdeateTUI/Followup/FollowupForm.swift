import Foundation
import IdeateCore

/// A form of the follow-up screen: the learning card of a running experiment, or the test card
/// a backlog idea is promoted with. Fields are edited one at a time, like the console's review
/// form; a choice is picked with ←→, a date is typed the friendly way and echoed as a date.
/// Saving turns it into a ``PortfolioEdit``; a refusal brings it back with everything typed.
public struct FollowupForm: Equatable, Sendable {
    /// What the form records.
    public enum Purpose: Equatable, Sendable {
        case learning(ExperimentID)
        case promotion(BacklogIdeaID)
        /// A review decision (keep, take to a workshop, decline) with an optional answer.
        case review(BacklogIdeaID, ReviewDecision)
        /// A merge: into which idea or experiment, with an optional answer.
        case merge(BacklogIdeaID)
        /// An answer to the author, whatever the fate.
        case answer(BacklogIdeaID)
    }

    /// How a field is typed.
    public enum Kind: Equatable, Sendable {
        case text
        /// One of these words, chosen with ←→ (or Space).
        case choice([String])
        /// A date typed as `2026-12-01`, `+2w`, `fri`, `today`; empty when `optional`.
        case date(optional: Bool)
    }

    /// One labelled field and what was typed or chosen.
    public struct Field: Equatable, Sendable {
        public var label: String
        public var kind: Kind
        public var value: String
    }

    public var purpose: Purpose
    /// The experiment's or idea's text, as the heading.
    public var title: String
    public var fields: [Field]
    public var current = 0

    /// The learning card of `experiment`: "we believed" starts as its assumption.
    public static func learning(_ experiment: Experiment) -> FollowupForm {
        FollowupForm(purpose: .learning(experiment.id), title: experiment.title, fields: [
            Field(label: "Outcome", kind: .choice(LearningCard.Outcome.allCases.map(\.rawValue)), value: LearningCard.Outcome.validated.rawValue),
            Field(label: "We believed", kind: .text, value: experiment.card.assumption),
            Field(label: "We observed", kind: .text, value: ""),
            Field(label: "We learned", kind: .text, value: ""),
            Field(label: "Therefore we will", kind: .choice(LearningCard.Decision.allCases.map(\.phrase)), value: LearningCard.Decision.persevere.phrase),
            Field(label: "Date", kind: .date(optional: false), value: "today"),
            Field(label: "Note", kind: .text, value: ""),
        ])
    }

    /// The test card `idea` is promoted with.
    public static func promotion(_ idea: BacklogIdea) -> FollowupForm {
        FollowupForm(purpose: .promotion(idea.id), title: idea.text, fields: [
            Field(label: "We believe", kind: .text, value: ""),
            Field(label: "To verify, we will", kind: .text, value: ""),
            Field(label: "And measure", kind: .text, value: ""),
            Field(label: "We are right if", kind: .text, value: ""),
            Field(label: "We stop if", kind: .text, value: ""),
            Field(label: "Owner", kind: .text, value: ""),
            Field(label: "Start", kind: .date(optional: true), value: ""),
            Field(label: "Review", kind: .date(optional: true), value: ""),
            Field(label: "Note", kind: .text, value: ""),
        ])
    }

    /// What the author reads; optional with a decision, required alone.
    static func answerField(_ idea: BacklogIdea) -> Field {
        Field(label: "Answer (author reads)", kind: .text, value: idea.answer?.text ?? "")
    }

    /// `decision` for `idea`, with the answer it has as the start of a new one.
    public static func review(_ idea: BacklogIdea, _ decision: ReviewDecision) -> FollowupForm {
        FollowupForm(purpose: .review(idea.id, decision), title: idea.text, fields: [answerField(idea), Field(label: "Note", kind: .text, value: "")])
    }

    /// Where `idea` merges into.
    public static func merge(_ idea: BacklogIdea) -> FollowupForm {
        FollowupForm(purpose: .merge(idea.id), title: idea.text, fields: [
            Field(label: "Into (B3 or E2)", kind: .text, value: ""), answerField(idea), Field(label: "Note", kind: .text, value: ""),
        ])
    }

    /// The answer to `idea`'s author.
    public static func answer(_ idea: BacklogIdea) -> FollowupForm {
        FollowupForm(purpose: .answer(idea.id), title: idea.text, fields: [answerField(idea), Field(label: "Note", kind: .text, value: "")])
    }

    public var heading: String {
        switch purpose {
        case let .learning(id): "Learning card · \(id)"
        case let .promotion(id): "Promote \(id) to an experiment · test card"
        case let .review(id, decision): "\(id): \(decision) · an answer for its author (optional, at most \(ReviewAnswer.maximumCharacters) characters)"
        case let .merge(id): "Merge \(id) into another idea or an experiment · its author follows it there"
        case let .answer(id): "Answer the author of \(id) (at most \(ReviewAnswer.maximumCharacters) characters)"
        }
    }

    /// The date a date field names, or why it names none (for the echo beside the field).
    public static func date(_ field: Field, today: CalendarDate) -> Result<CalendarDate?, DateInputError> {
        guard case let .date(optional) = field.kind else { return .success(nil) }
        if optional, field.value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return .success(nil) }
        do throws(DateInputError) {
            return .success(try DateInput.parse(field.value, today: today))
        } catch {
            return .failure(error)
        }
    }

    /// The change to save and its note, or the sentence saying which date is wrong.
    public func edit(today: CalendarDate) -> Result<(edit: PortfolioEdit, note: String), FormProblem> {
        var dates: [CalendarDate?] = []
        for field in fields {
            switch Self.date(field, today: today) {
            case let .success(date): dates.append(date)
            case let .failure(error): return .failure(FormProblem(message: "\(field.label): \(error)"))
            }
        }
        let text = fields.map { $0.value.trimmingCharacters(in: .whitespacesAndNewlines) }
        let note = text[fields.count - 1]
        switch purpose {
        case let .learning(id):
            let outcome = LearningCard.Outcome.allCases.first { $0.rawValue == text[0] } ?? .unclear
            let decision = LearningCard.Decision.allCases.first { $0.phrase == text[4] } ?? .testAgain
            let card = LearningCard(outcome: outcome, believed: text[1], observed: text[2], learned: text[3], decision: decision,
                                    date: dates[5] ?? today)
            return .success((.learn(id, card), note))
        case let .promotion(id):
            let card = TestCard(assumption: text[0], smallestTest: text[1], metric: text[2], successCriterion: text[3],
                                failureCriterion: text[4], owner: text[5], startDate: dates[6], reviewDate: dates[7])
            return .success((.promote(id, card), note))
        case let .review(id, decision):
            return .success((.decide(id, decision, answer: text[0].isEmpty ? nil : text[0]), note))
        case let .merge(id):
            guard let target = PortfolioSubject(mergeTarget: text[0]) else {
                return .failure(FormProblem(message: "Into: write an idea like B3 or an experiment like E2."))
            }
            return .success((.decide(id, .merge(into: target), answer: text[1].isEmpty ? nil : text[1]), note))
        case let .answer(id):
            return .success((.answer(id, text[0]), note))
        }
    }

    // MARK: - Typing

    /// Moves to the field `offset` away, staying inside the form.
    mutating func move(by offset: Int) { current = min(max(0, current + offset), fields.count - 1) }

    /// The next (or previous) choice of the current field; nothing for other fields.
    mutating func cycle(by offset: Int) {
        guard case let .choice(options) = fields[current].kind, let index = options.firstIndex(of: fields[current].value) else { return }
        fields[current].value = options[(index + offset + options.count) % options.count]
    }

    mutating func type(_ character: Character) {
        if case let .choice(options) = fields[current].kind {
            if character == " " { cycle(by: 1) } else if let match = options.first(where: { $0.first == character }) { fields[current].value = match }
        } else if fields[current].value.count < IdeaText.maximumNoteLength {
            fields[current].value.append(character)
        }
    }

    mutating func deleteBackward() {
        guard fields[current].kind.isTyped, !fields[current].value.isEmpty else { return }
        fields[current].value.removeLast()
    }
}

extension FollowupForm.Kind {
    var isTyped: Bool {
        if case .choice = self { return false }
        return true
    }
}

/// Why a form cannot be saved yet, in words for the status line.
public struct FormProblem: Error, Equatable, Sendable {
    public var message: String
}
