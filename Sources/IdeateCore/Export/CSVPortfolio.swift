/// The portfolio as one CSV table for spreadsheets: one row per experiment, action item and
/// backlog idea, told apart by `kind`. Cells are quoted and guarded against formulas exactly as
/// the minutes' (``CSVMinutes/cell(_:)``); the columns are versioned with the JSON's
/// ``PortfolioFormatVersion`` and described in README.md ("Follow-up").
public enum CSVPortfolio {
    /// The header row, in order. `date` is an experiment's review date or an action item's due
    /// date; `changed_on` the day an experiment was learned from or an item's status changed.
    public static let columns = [
        "kind", "id", "workshop", "workshop_date", "round", "text", "state", "outcome", "decision", "owner", "start_date",
        "date", "overdue", "changed_on", "came_back", "link", "assumption", "smallest_test", "metric", "success_criterion",
        "failure_criterion", "believed", "observed", "learned",
    ]

    public static func render(_ report: PortfolioReport) -> String {
        var rows = [columns]
        for experiment in report.experiments {
            let card = experiment.card, learning = experiment.learning
            let workshop = report.workshop(experiment.workshop)
            let link = experiment.followsUp.map { "follows up \($0)" } ?? experiment.promotedFrom.map { "promoted from \($0)" } ?? ""
            rows.append([
                "experiment", experiment.id.description, workshop?.title ?? "", workshop?.date?.description ?? "",
                experiment.round.map(String.init) ?? "", experiment.title, experiment.state.stage.rawValue,
                learning?.outcome.rawValue ?? "", learning?.decision.rawValue ?? "", card.owner, card.startDate?.description ?? "",
                card.reviewDate?.description ?? "", yesOrNo(experiment.isDue(on: report.today)), learning?.date.description ?? "", "",
                link, card.assumption, card.smallestTest, card.metric, card.successCriterion, card.failureCriterion,
                learning?.believed ?? "", learning?.observed ?? "", learning?.learned ?? "",
            ])
        }
        for item in report.openActionItems + report.closedActionItems {
            let workshop = report.workshop(item.workshop)
            rows.append([
                "action_item", item.id.description, workshop?.title ?? "", workshop?.date?.description ?? "",
                item.round.map(String.init) ?? "", item.what, item.status.rawValue, "", "", item.owner, "",
                item.due?.description ?? "", yesOrNo(item.isOverdue(on: report.today)), item.statusDate?.description ?? "", "",
                item.idea.map { "follows up the idea: \($0)" } ?? "",
            ] + Array(repeating: "", count: 8))
        }
        for group in report.backlog {
            for idea in group.ideas {
                let workshop = report.workshop(idea.workshop)
                rows.append([
                    "backlog_idea", idea.id.description, workshop?.title ?? "", workshop?.date?.description ?? "",
                    idea.round.map(String.init) ?? "", idea.text, idea.promotedTo == nil ? idea.kind.rawValue : "promoted", "", "", "",
                    "", "", "", "", String(group.workshopCount), idea.promotedTo.map { "promoted to \($0)" } ?? "",
                ] + Array(repeating: "", count: 8))
            }
        }
        return rows.map { $0.map(CSVMinutes.cell).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    private static func yesOrNo(_ flag: Bool) -> String { flag ? "yes" : "no" }
}
