/// The minutes' section "What became of earlier experiments": what a follow-up round showed,
/// from the portfolio as the run started, one learning card per experiment — a failed
/// assumption told exactly like one that held.
enum MarkdownEarlierExperiments {
    static let heading = "## What became of earlier experiments"

    static func section(_ experiments: [EarlierExperiment]) -> [String] {
        var out = [heading, ""]
        guard !experiments.isEmpty else {
            return out + ["*The portfolio held no experiment that had run yet when this workshop started.*", ""]
        }
        let learned = experiments.filter { $0.learning != nil }.count
        out += ["*Shown at the start, from the company's portfolio: \(learned) learned from, \(experiments.count - learned) still running.*", ""]
        for experiment in experiments {
            out += ["### \(esc(experiment.id)) — \(esc(experiment.title))", ""]
            var origin = experiment.workshop.map { "From “\(esc($0))”" + (experiment.workshopDate.map { " (\($0))" } ?? "") } ?? "Added by hand"
            if let learning = experiment.learning {
                origin += " · learned \(learning.date)"
                out += ["*\(origin)*", "", "| Learning card | |", "|---|---|", "| Outcome | \(learning.outcome.rawValue) |",
                        "| We believed | \(esc(learning.believed)) |", "| We observed | \(esc(learning.observed)) |",
                        "| We learned | \(esc(learning.learned)) |", "| Therefore we will | \(learning.decision.phrase) |", ""]
            } else {
                origin += " · still running" + (experiment.reviewDate.map { ", review \($0)" } ?? "")
                out += ["*\(origin)*", ""]
            }
        }
        return out
    }

    /// "Action items still open": what the follow-up round showed after the experiments.
    static func actionItems(_ items: [OpenActionItem]) -> [String] {
        var out = ["## Action items still open", "", "*Shown at the start, from the company's portfolio.*", "",
                   "| | What | Who | Due | From |", "|---|---|---|---|---|"]
        for item in items {
            let due = (item.due?.description ?? "—") + (item.isStuck ? " (stuck)" : item.isOverdue ? " (overdue)" : "")
            out.append("| \(esc(item.id)) | \(esc(item.what)) | \(esc(item.owner)) | \(due) | \(item.workshop.map(esc) ?? "—") |")
        }
        return out + [""]
    }

    private static func esc(_ text: String) -> String { MarkdownEscaping.inline(text) }
}
