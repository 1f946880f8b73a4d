/// The minutes' section "What became of earlier experiments": what a follow-up round showed,
/// from the portfolio as the run started, one learning card per experiment — a failed
/// assumption told exactly like one that held.
struct MarkdownEarlierExperiments {
    let localizer: Localizer

    func section(_ experiments: [EarlierExperiment]) -> [String] {
        var out = ["## " + t(.earlierHeading), ""]
        guard !experiments.isEmpty else { return out + ["*" + t(.earlierNone) + "*", ""] }
        let learned = experiments.filter { $0.learning != nil }.count
        let shown = t(.earlierShown, [
            "learned": .text(t(.learnedFrom, ["count": .number(learned)])),
            "running": .text(t(.stillRunningCount, ["count": .number(experiments.count - learned)])),
        ])
        out += ["*" + shown + "*", ""]
        for experiment in experiments {
            out += ["### \(esc(experiment.id)) — \(esc(experiment.title))", ""]
            let origin = experiment.workshop.map { workshop in
                let quoted = localizer.quoted(esc(workshop))
                return experiment.workshopDate.map { t(.fromWorkshopOn, ["workshop": .text(quoted), "date": .text(localizer.date($0))]) }
                    ?? t(.fromWorkshop, ["workshop": .text(quoted)])
            } ?? t(.addedByHand)
            if let learning = experiment.learning {
                let status = t(.learnedOn, ["date": .text(localizer.date(learning.date))])
                func row(_ label: MinutesPhrase, _ value: String) -> String { "| \(t(label)) | \(value) |" }
                out += ["*\(origin) · \(status)*", "", "| \(t(.learningCard)) | |", "|---|---|",
                        row(.learningOutcome, localizer.name(of: learning.outcome)),
                        row(.learningBelieved, esc(learning.believed)), row(.learningObserved, esc(learning.observed)),
                        row(.learningLearned, esc(learning.learned)), row(.learningDecision, localizer.name(of: learning.decision)), ""]
            } else {
                let status = experiment.reviewDate.map { t(.stillRunningReview, ["date": .text(localizer.date($0))]) } ?? t(.stillRunning)
                out += ["*\(origin) · \(status)*", ""]
            }
        }
        return out
    }

    /// "Action items still open": what the follow-up round showed after the experiments.
    func actionItems(_ items: [OpenActionItem]) -> [String] {
        let columns = [t(.columnWhat), t(.columnWho), t(.columnDue), t(.columnFrom)]
        var out = ["## " + t(.openItemsHeading), "", "*" + t(.openItemsShown) + "*", "",
                   "| | " + columns.joined(separator: " | ") + " |", "|---|---|---|---|---|"]
        for item in items {
            var due = item.due.map(localizer.date) ?? "—"
            if item.isStuck { due += " " + t(.stuck) } else if item.isOverdue { due += " " + t(.overdue) }
            out.append("| \(esc(item.id)) | \(esc(item.what)) | \(esc(item.owner)) | \(due) | \(item.workshop.map(esc) ?? "—") |")
        }
        return out + [""]
    }

    private func t(_ phrase: MinutesPhrase, _ arguments: [String: PhraseArgument] = [:]) -> String { localizer(phrase, arguments) }

    private func esc(_ text: String) -> String { MarkdownEscaping.inline(text) }
}
