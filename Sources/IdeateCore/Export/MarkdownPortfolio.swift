import Foundation

/// Writes the company's innovation record as Markdown that reads well on a Git host: tables,
/// a Mermaid chart of outcomes (with the same numbers as a text bar chart for hosts that do not
/// draw Mermaid), and every learning card told the same way, whether the assumption held or
/// not. Every piece of text a person typed goes through ``MarkdownEscaping``, as in the minutes,
/// and never starts a line.
public struct MarkdownPortfolio {
    /// How many backlog rows the Markdown lists before pointing at the CSV and JSON.
    public var backlogRows = 100

    public init() {}

    public func render(_ report: PortfolioReport) -> String {
        var out = ["# Innovation portfolio", "", headline(report), ""]
        out += [
            "> What became of our workshops' ideas: every experiment and what it taught us (an assumption that",
            "> proved wrong is an answer, told as plainly as one that held), the action items, and the ideas",
            "> that keep coming back. Like the minutes, it names no participant.", "",
        ]
        out += experiments(report)
        out += actionItems(report)
        out += backlog(report)
        out += intake(report.intake)
        out += workshops(report)
        return out.joined(separator: "\n") + "\n"
    }

    private func headline(_ report: PortfolioReport) -> String {
        let parts = [
            count(report.workshops.count, "workshop"), count(report.experiments.count, "experiment"),
            count(report.openActionItems.count + report.closedActionItems.count, "action item"),
            count(report.backlogCount, "backlog idea"),
        ]
        return "*As of \(report.today) · " + parts.joined(separator: " · ") + "*"
    }

    // MARK: - Experiments

    private func experiments(_ report: PortfolioReport) -> [String] {
        var out = ["## Experiments", ""]
        guard !report.experiments.isEmpty else { return out + ["*No experiment yet: a workshop's shortlist with an experiment card starts one.*", ""] }
        out += ["| State | Experiments |", "|---|--:|"]
        for stage in Experiment.Stage.allCases { out.append("| \(stage.title) | \(report.stageCounts[stage] ?? 0) |") }
        out += ["| Due for review | \(report.due.count) |", ""]
        out += outcomes(report)
        out += ["### Due for review", ""]
        if report.due.isEmpty {
            out += ["*Nothing is due: no experiment has reached its review date without a learning card.*", ""]
        } else {
            for experiment in report.due {
                let days = report.daysOverdue(experiment.card.reviewDate!)
                let when = days == 0 ? "due today" : "**\(count(days, "day")) overdue**"
                out.append("- **\(experiment.id)** \(esc(experiment.title)) — \(experiment.state.stage.rawValue), review \(experiment.card.reviewDate!) (\(when)), owner \(owner(experiment.card.owner))")
            }
            out.append("")
        }
        for stage in [Experiment.Stage.running, .planned] {
            let chosen = report.experiments.filter { $0.state.stage == stage }
            guard !chosen.isEmpty else { continue }
            out += ["### \(stage.title)", ""]
            for experiment in chosen { out += section(experiment, report: report) }
        }
        let learned = report.experiments.filter { $0.learning != nil }
        if !learned.isEmpty {
            out += ["### What we learned", ""]
            for experiment in learned { out += section(experiment, report: report) }
        }
        return out
    }

    private func outcomes(_ report: PortfolioReport) -> [String] {
        let learned = report.outcomeCounts.values.reduce(0, +)
        guard learned > 0 else { return ["*No experiment has been learned from yet.*", ""] }
        var out = ["### Outcomes", "", "```mermaid", "pie showData title Outcomes of \(count(learned, "learned experiment"))"]
        for outcome in LearningCard.Outcome.allCases {
            let value = report.outcomeCounts[outcome] ?? 0
            if value > 0 { out.append("    \"\(outcome.title)\" : \(value)") }
        }
        out += ["```", "", "| Outcome | Experiments | |", "|---|--:|---|"]
        let top = report.outcomeCounts.values.max() ?? 1
        for outcome in LearningCard.Outcome.allCases {
            let value = report.outcomeCounts[outcome] ?? 0
            out.append("| \(outcome.title) | \(value) | \(String(repeating: "█", count: value == 0 ? 0 : max(1, value * 20 / top))) |")
        }
        out.append("")
        return out
    }

    private func section(_ experiment: Experiment, report: PortfolioReport) -> [String] {
        var heading = "#### \(experiment.id) · \(esc(experiment.title))"
        if let learning = experiment.learning { heading += " — \(learning.outcome.rawValue)" }
        var facts = [experiment.state.stage.rawValue]
        if let start = experiment.card.startDate { facts.append((experiment.state == .planned ? "starts " : "started ") + start.description) }
        facts.append("owner \(owner(experiment.card.owner))")
        facts.append("review " + (experiment.card.reviewDate?.description ?? "not set"))
        if let workshop = report.workshop(experiment.workshop) {
            facts.append("from “\(esc(workshop.title))”" + (workshop.date.map { " (\($0))" } ?? ""))
        }
        if let previous = experiment.followsUp { facts.append("tests again after \(previous)") }
        if let idea = experiment.promotedFrom { facts.append("promoted from backlog idea \(idea)") }
        var out = [heading, "", "*" + facts.joined(separator: " · ") + "*", ""]
        if let learning = experiment.learning {
            out += [
                "| Learning card (\(learning.date)) | |", "|---|---|",
                "| We believed | \(text(learning.believed)) |",
                "| We observed | \(text(learning.observed)) |",
                "| We learned | \(text(learning.learned)) |",
                "| Therefore we will | \(learning.decision.phrase) |", "",
            ]
        }
        let card = experiment.card
        out += [
            "| Test card | |", "|---|---|",
            "| We believe | \(text(card.assumption)) |",
            "| To verify, we will | \(text(card.smallestTest)) |",
            "| And measure | \(text(card.metric)) |",
            "| We are right if | \(text(card.successCriterion)) |",
            "| We stop or change course if | \(text(card.failureCriterion)) |", "",
        ]
        out += historyLines(report.history[.experiment(experiment.id)] ?? [])
        return out
    }

    private func historyLines(_ entries: [HistoryEntry]) -> [String] {
        guard !entries.isEmpty else { return [] }
        return ["History:", ""] + entries.map { entry in
            "- \(entry.date) — \(entry.change)" + (entry.note.isEmpty ? "" : ": \(esc(entry.note))")
        } + [""]
    }

    // MARK: - Action items

    private func actionItems(_ report: PortfolioReport) -> [String] {
        var out = ["## Action items", ""]
        guard !report.openActionItems.isEmpty || !report.closedActionItems.isEmpty else {
            return out + ["*No action items yet.*", ""]
        }
        let overdue = report.openActionItems.filter { $0.isOverdue(on: report.today) }.count
        out += ["### Open", ""]
        if report.openActionItems.isEmpty {
            out += ["*Every action item is done or dropped.*", ""]
        } else {
            out += ["\(count(report.openActionItems.count, "item")) open or stuck, \(overdue) overdue.", ""]
            out += ["| Item | What | Owner | Due | Status | From |", "|---|---|---|---|---|---|"]
            for item in report.openActionItems {
                var due = item.due?.description ?? "—"
                if item.isOverdue(on: report.today), let date = item.due { due += " **overdue \(count(report.daysOverdue(date), "day"))**" }
                out.append("| \(item.id) | \(esc(item.what)) | \(owner(item.owner)) | \(due) | \(item.status.rawValue) | \(origin(item.workshop, report: report)) |")
            }
            out.append("")
        }
        if !report.closedActionItems.isEmpty {
            out += ["### Closed", "", "| Item | What | Owner | Status | On | From |", "|---|---|---|---|---|---|"]
            for item in report.closedActionItems {
                out.append("| \(item.id) | \(esc(item.what)) | \(owner(item.owner)) | \(item.status.rawValue) | \(item.statusDate?.description ?? "—") | \(origin(item.workshop, report: report)) |")
            }
            out.append("")
        }
        return out
    }

    // MARK: - Backlog

    private func backlog(_ report: PortfolioReport) -> [String] {
        var out = ["## Backlog", ""]
        guard !report.backlog.isEmpty else { return out + ["*The backlog is empty.*", ""] }
        let returning = report.backlog.filter { $0.workshopCount > 1 }.count
        out += [
            "Ideas that did not become experiments, the ones that came back in more than one workshop first"
                + " (\(count(returning, "idea")) did). Promote one with `ideate portfolio promote`.", "",
            "| Workshops | Idea | Ideas | Marks |", "|--:|---|---|---|",
        ]
        for group in report.backlog.prefix(backlogRows) {
            var marks: [String] = []
            if group.isParked { marks.append("parked") }
            if group.wasShortlisted { marks.append("shortlisted, no experiment") }
            if !group.promotedTo.isEmpty { marks.append("promoted to " + group.promotedTo.map(\.description).joined(separator: ", ")) }
            let ids = group.ideas.prefix(5).map(\.id.description).joined(separator: ", ") + (group.ideas.count > 5 ? ", …" : "")
            out.append("| \(group.workshopCount) | \(esc(group.text)) | \(ids) | \(marks.joined(separator: "; ")) |")
        }
        if report.backlog.count > backlogRows {
            out.append("| … | *\(report.backlog.count - backlogRows) more, each in one workshop or fewer than those above: see the CSV or JSON* | | |")
        }
        out.append("")
        return out
    }

    // MARK: - Intake

    /// The months the chart shows, the latest last.
    static let chartMonths = 12

    private func intake(_ intake: IntakeReport) -> [String] {
        var out = ["## Ideas in, and answers", ""]
        guard !intake.months.isEmpty else { return out + ["*No idea has come in yet.*", ""] }
        out += ["| Month | Idea box | Workshops |", "|---|--:|--:|"]
        out += intake.months.map { "| \($0.month) | \($0.fromBox) | \($0.fromWorkshops) |" }
        let shown = intake.months.suffix(Self.chartMonths)
        out += [
            "", "```mermaid", "xychart-beta", "    title \"Ideas per month\"",
            "    x-axis [" + shown.map { "\"\($0.month)\"" }.joined(separator: ", ") + "]", "    y-axis \"Ideas\"",
            "    bar [" + shown.map { String($0.fromBox + $0.fromWorkshops) }.joined(separator: ", ") + "]",
            "    line [" + shown.map { String($0.fromBox) }.joined(separator: ", ") + "]", "```",
            "", "*Bars: all ideas; line: those from the idea box.*", "",
        ]
        guard intake.boxIdeas > 0 else { return out + ["*No idea has come through the idea box yet: `ideate box` opens it.*", ""] }
        var answered = "- \(count(intake.boxIdeas, "idea")) came through the idea box; \(intake.answered) of them "
            + "\(intake.answered == 1 ? "has" : "have") been answered (a decision or an answer to the author)"
        if let median = intake.medianDaysToFirstAnswer {
            answered += ", after a median of \(median.formatted) \(median == 1 ? "day" : "days") from the week they arrived"
        }
        out.append(answered + ".")
        if let percent = intake.percentWithinRhythm {
            out.append("- \(intake.answeredWithinRhythm) of \(count(intake.dueForAnswer, "idea")) due for an answer (\(percent) %) "
                + "were answered within the review rhythm (every \(intake.rhythm.days) days).")
        }
        if intake.becameExperiments == 0 {
            out.append("- None has become an experiment yet.")
        } else {
            out.append("- \(intake.becameExperiments) became \(intake.becameExperiments == 1 ? "an experiment" : "experiments"); "
                + "\(intake.experimentsLearned) of those \(intake.experimentsLearned == 1 ? "has" : "have") been learned from.")
        }
        out.append("")
        return out
    }

    // MARK: - Workshops

    private func workshops(_ report: PortfolioReport) -> [String] {
        var out = ["## Workshops", ""]
        guard !report.workshops.isEmpty else { return out + ["*No workshop has been added yet.*", ""] }
        out += ["| Date | Workshop | People · ideas | Experiments | Action items | Backlog |", "|---|---|---|---|---|--:|"]
        for entry in report.workshops {
            let workshop = entry.workshop
            var experiments: [String] = []
            for stage in [Experiment.Stage.planned, .running] where (entry.experiments[stage] ?? 0) > 0 {
                experiments.append("\(entry.experiments[stage]!) \(stage.rawValue)")
            }
            for outcome in LearningCard.Outcome.allCases where (entry.outcomes[outcome] ?? 0) > 0 {
                experiments.append("\(entry.outcomes[outcome]!) \(outcome.rawValue)")
            }
            var items: [String] = []
            for status in TrackedActionItem.Status.allCases where (entry.actionItems[status] ?? 0) > 0 {
                items.append("\(entry.actionItems[status]!) \(status.rawValue)")
            }
            out.append("| \(workshop.date?.description ?? "—") | \(esc(workshop.title)) | \(workshop.participants) · \(workshop.ideaCount)"
                + " | \(experiments.isEmpty ? "none" : experiments.joined(separator: ", ")) | \(items.isEmpty ? "none" : items.joined(separator: ", "))"
                + " | \(entry.backlogCount) |")
        }
        out.append("")
        return out
    }

    // MARK: - Helpers

    private func origin(_ run: RunIdentity?, report: PortfolioReport) -> String {
        guard let workshop = report.workshop(run) else { return "—" }
        return esc(workshop.title) + (workshop.date.map { " (\($0))" } ?? "")
    }

    private func owner(_ name: String) -> String { name.trimmingWhitespace.isEmpty ? "not named" : esc(name) }

    /// A card field: escaped, or said to be missing.
    private func text(_ value: String) -> String { value.trimmingWhitespace.isEmpty ? "*not written down*" : esc(value) }

    private func esc(_ text: String) -> String { MarkdownEscaping.inline(text) }

    private func count(_ value: Int, _ noun: String) -> String { "\(value) \(noun)\(value == 1 ? "" : "s")" }
}

extension Experiment.Stage {
    /// The heading word: Planned, Running, Learned.
    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

extension LearningCard.Outcome {
    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

extension Double {
    /// `9` or `9.5`: a median of whole days.
    var formatted: String { rounded() == self ? String(Int(self)) : String(format: "%.1f", self) }
}
