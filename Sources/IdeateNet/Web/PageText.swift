import Foundation
import IdeateCore

/// Writes a page's words in one language before it is sent: each `{{key}}` of the document
/// becomes the phrase's text (HTML-escaped), `{{lang}}` the language's code, `{{languages}}` the
/// links that switch language, and `{{strings}}` the phrases its script writes itself, as JSON
/// data (every form of each, and the plural rule that picks one), so the page downloads one
/// language only and its script needs no second request.
enum PageText {
    /// The phrases the phone page's script writes (page.js's `t("…")`).
    static let workshopScriptPhrases: [String] = [
        PagePhrase.tooManyTries, .locked, .full, .outdated, .reconnecting, .busy, .codeShape, .roundOf, .outcomeValidated,
        .outcomeInvalidated, .outcomeUnclear, .learned, .noExperiments, .placeDot, .takeDot, .result, .resultShortlisted, .keptLate,
        .editButton, .withdrawButton, .editLabel, .withdrawLabel, .timeLeft, .timePaused, .timeLastMinute, .ideaTooLong, .editIdea,
        .yesAnd, .yourIdea, .save, .send, .done, .notDone, .impact, .effort, .rateAxisOf,
    ].map(\.key) + [
        ParticipantPhrase.connecting, .connected, .notJoined, .stageLobby, .stageFinished, .stillRunning, .stuck, .open,
        .dotsLeft, .ended, .results, .sending, .saved, .savedHeld, .withdrawn, .notSaved, .timeUp, .rateNote,
    ].map(\.key) + [ConnectionPhrase.wrongCode.key, ConsolePhrase.itemOverdue.key, ConsolePhrase.itemDue.key]
        + PhaseKind.allCases.map(\.namePhrase.key)

    /// The phrases the idea box page's script writes (box.js's `t("…")`).
    static let boxScriptPhrases: [String] = [
        BoxPhrase.savedAs, .refusedIdea, .notSentRetry, .writeFirst, .sending, .stagePlanned, .stageRunning, .stageLearned, .kindNew,
        .kindKept, .kindMerged, .kindExperiment, .kindWorkshop, .kindDeclined, .waitingNews, .anotherIdea, .fateNew, .fateFromWorkshop,
        .fateKept, .fateWorkshop, .fateDeclined, .fateExperiment, .fateAnExperiment, .fateMerged, .fateMergedExperiment,
        .fateMergedThen, .answer, .notSentYet,
        .withdrawButton, .withdrawLabel, .withdrawnNumbered, .notWithdrawn, .until, .anythingElse, .experimentStage,
        .followedFromWorkshop, .unreachable,
    ].map(\.key) + [PagePhrase.ideaTooLong.key]
        + [MinutesPhrase.learningOutcome, .learningBelieved, .learningObserved, .learningLearned, .learningDecision].map(\.key)
        + [CommonPhrase.outcomeValidated, .outcomeInvalidated, .outcomeUnclear, .decisionPersevere, .decisionPivot, .decisionStop,
           .decisionTestAgain].map(\.key)

    static func localized(_ template: String, in localizer: Localizer, scriptPhrases: [String]) -> String {
        guard template.contains("{{") else { return template }
        var result = ""
        var rest = Substring(template)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            result += rest[..<open.lowerBound]
            let name = String(rest[open.upperBound..<close.lowerBound])
            switch name {
            case "lang": result += localizer.language.code
            case "languages": result += languageLinks(current: localizer.language)
            case "strings": result += strings(scriptPhrases, in: localizer)
            default: result += HTMLEscaping.text(localizer.text(forKey: name))
            }
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    /// One link per language ideate has, each named in its own language; the current one marked.
    private static func languageLinks(current: Language) -> String {
        Language.available.map { language in
            let mark = language == current ? " aria-current=\"true\"" : ""
            return "<a href=\"?lang=\(language.code)\" hreflang=\"\(language.code)\" lang=\"\(language.code)\"\(mark)>\(HTMLEscaping.text(language.nativeName))</a>"
        }.joined(separator: " ")
    }

    /// The script's phrases as JSON: `{"@plural": "(n != 1)", "key": "text" or ["one", "other"]}`,
    /// with `<` written as `\u003c` so no text can close the element that holds it.
    private static func strings(_ keys: [String], in localizer: Localizer) -> String {
        var object: [String: Any] = ["@plural": localizer.pluralRule.expression]
        for key in keys {
            let forms = localizer.forms(forKey: key)
            object[key] = forms.count == 1 ? forms[0] : forms
        }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "<", with: "\\u003c")
    }
}
