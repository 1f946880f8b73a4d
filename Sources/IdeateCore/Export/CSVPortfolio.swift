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
        "failure_criterion", "believed", "observed", "learned", "answer", "from_box", "from_workshops", "answered",
        "answered_within_rhythm", "median_days_to_answer", "became_experiments", "experiments_learned",
    ]

    /// Empty cells for the intake columns of a row that is not about intake.
    static let noIntake = Array(repeating: "", count: 7)

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
                learning?.believed ?? "", learning?.observed ?? "", learning?.learned ?? "", "",
            ] + noIntake)
        }
        for item in report.openActionItems + report.closedActionItems {
            let workshop = report.workshop(item.workshop)
            rows.append([
                "action_item", item.id.description, workshop?.title ?? "", workshop?.date?.description ?? "",
                item.round.map(String.init) ?? "", item.what, item.status.rawValue, "", "", item.owner, "",
                item.due?.description ?? "", yesOrNo(item.isOverdue(on: report.today)), item.statusDate?.description ?? "", "",
                item.idea.map { "follows up the idea: \($0)" } ?? "",
            ] + Array(repeating: "", count: 9) + noIntake)
        }
        for group in report.backlog {
            for idea in group.ideas {
                let workshop = report.workshop(idea.workshop)
                let state = idea.promotedTo != nil ? "promoted" : idea.kind == .box ? FateNotice.Kind(idea.fate).rawValue : idea.kind.rawValue
                let link = idea.promotedTo.map { "promoted to \($0)" } ?? (idea.fate.mergeTarget.map { "merged into \($0)" } ?? "")
                rows.append([
                    "backlog_idea", idea.id.description, workshop?.title ?? "", workshop?.date?.description ?? "",
                    idea.round.map(String.init) ?? "", idea.text, state, "", "", "",
                    "", idea.arrivalWeek?.monday.description ?? "", "", idea.answer?.date.description ?? "", String(group.workshopCount), link,
                ] + Array(repeating: "", count: 8) + [idea.answer?.text ?? ""] + noIntake)
            }
        }
        let intake = report.intake
        for month in intake.months {
            rows.append(["intake_month", month.month] + Array(repeating: "", count: 23) + [String(month.fromBox), String(month.fromWorkshops)]
                + Array(repeating: "", count: 5))
        }
        let withinRhythm = "\(intake.answeredWithinRhythm) of \(intake.dueForAnswer)"
        let median: String = intake.medianDaysToFirstAnswer.map(\.formatted) ?? ""
        let summary: [String] = [
            String(intake.boxIdeas), "", String(intake.answered), withinRhythm, median, String(intake.becameExperiments),
            String(intake.experimentsLearned),
        ]
        rows.append(["intake", "idea box"] + Array(repeating: "", count: 23) + summary)
        return rows.map { $0.map(CSVMinutes.cell).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    private static func yesOrNo(_ flag: Bool) -> String { flag ? "yes" : "no" }
}

extension Double {
    /// `9` or `9.5`: a median of whole days.
    var formatted: String { rounded() == self ? String(Int(self)) : String(format: "%.1f", self) }
}
