import Foundation

/// Writes the company's innovation record as Markdown that reads well on a Git host: tables,
/// a Mermaid chart of outcomes (with the same numbers as a text bar chart for hosts that do not
/// draw Mermaid), and every learning card told the same way, whether the assumption held or
/// not. Every piece of text a person typed goes through ``MarkdownEscaping``, as in the minutes,
/// and never starts a line.
public struct MarkdownPortfolio {
    /// How many backlog rows the Markdown lists before pointing at the CSV and JSON.
    public var backlogRows = 100
    /// The report's language: headings, sentences, dates and numbers (what people typed stays).
    public var language: Language

    public init(language: Language = .english) { self.language = language }

    private var localizer: Localizer { Localizer(language) }

    private func t(_ phrase: PortfolioPhrase, _ arguments: [String: PhraseArgument] = [:]) -> String { localizer(phrase, arguments) }

    public func render(_ report: PortfolioReport) -> String {
        var out = ["# " + t(.title), "", headline(report), ""]
        out += ["> " + t(.intro), ""]
        out += experiments(report)
        out += actionItems(report)
        out += backlog(report)
        out += intake(report.intake)
        out += workshops(report)
        return out.joined(separator: "\n") + "\n"
    }

    private func headline(_ report: PortfolioReport) -> String {
        let parts = [
            t(.workshops, ["count": .number(report.workshops.count)]), localizer.count(.experiments, report.experiments.count),
            localizer.count(.actionItems, report.openActionItems.count + report.closedActionItems.count),
            localizer.count(.backlogIdeas, report.backlogCount),
        ]
        return "*" + ([t(.asOf, ["date": .text(date(report.today))])] + parts).joined(separator: " · ") + "*"
    }

    // MARK: - Experiments

    private func experiments(_ report: PortfolioReport) -> [String] {
        var out = ["## " + t(.experimentsHeading), ""]
        guard !report.experiments.isEmpty else { return out + ["*\(t(.noExperiment))*", ""] }
        out += ["| \(t(.columnState)) | \(t(.experimentsHeading)) |", "|---|--:|"]
        for stage in Experiment.Stage.allCases { out.append("| \(title(of: stage)) | \(number(report.stageCounts[stage] ?? 0)) |") }
        out += ["| \(t(.dueForReview)) | \(number(report.due.count)) |", ""]
        out += outcomes(report)
        out += ["### " + t(.dueForReview), ""]
        if report.due.isEmpty {
            out += ["*\(t(.nothingDue))*", ""]
        } else {
            for experiment in report.due {
                let days = report.daysOverdue(experiment.card.reviewDate!)
                let when = days == 0 ? t(.dueToday) : t(.daysOverdue, ["count": .number(days)])
                out.append("- " + t(.dueLine, ["id": .text(experiment.id.description), "title": .text(esc(experiment.title)),
                                               "state": .text(state(experiment.state.stage)), "date": .text(date(experiment.card.reviewDate!)),
                                               "when": .text(when), "owner": .text(owner(experiment.card.owner))]))
            }
            out.append("")
        }
        for stage in [Experiment.Stage.running, .planned] {
            let chosen = report.experiments.filter { $0.state.stage == stage }
            guard !chosen.isEmpty else { continue }
            out += ["### " + title(of: stage), ""]
            for experiment in chosen { out += section(experiment, report: report) }
        }
        let learned = report.experiments.filter { $0.learning != nil }
        if !learned.isEmpty {
            out += ["### " + t(.whatWeLearned), ""]
            for experiment in learned { out += section(experiment, report: report) }
        }
        return out
    }

    private func outcomes(_ report: PortfolioReport) -> [String] {
        let learned = report.outcomeCounts.values.reduce(0, +)
        guard learned > 0 else { return ["*\(t(.noLearned))*", ""] }
        var out = ["### " + t(.outcomesHeading), "", "```mermaid", "pie showData title " + chartText(t(.pieTitle, ["count": .number(learned)]))]
        for outcome in LearningCard.Outcome.allCases {
            let value = report.outcomeCounts[outcome] ?? 0
            if value > 0 { out.append("    \"\(chartText(title(of: outcome)))\" : \(value)") }
        }
        out += ["```", "", "| \(t(.columnOutcome)) | \(t(.experimentsHeading)) | |", "|---|--:|---|"]
        let top = report.outcomeCounts.values.max() ?? 1
        for outcome in LearningCard.Outcome.allCases {
            let value = report.outcomeCounts[outcome] ?? 0
            out.append("| \(title(of: outcome)) | \(number(value)) | \(String(repeating: "█", count: value == 0 ? 0 : max(1, value * 20 / top))) |")
        }
        out.append("")
        return out
    }

    private func section(_ experiment: Experiment, report: PortfolioReport) -> [String] {
        var heading = "#### \(experiment.id) · \(esc(experiment.title))"
        if let learning = experiment.learning { heading += " — \(localizer.name(of: learning.outcome))" }
        var facts = [state(experiment.state.stage)]
        if let start = experiment.card.startDate {
            facts.append(t(experiment.state == .planned ? .starts : .started, ["date": .text(date(start))]))
        }
        facts.append(t(.owner, ["owner": .text(owner(experiment.card.owner))]))
        facts.append(experiment.card.reviewDate.map { t(.review, ["date": .text(date($0))]) } ?? t(.reviewNotSet))
        if let workshop = report.workshop(experiment.workshop) {
            let quoted: PhraseArgument = .text(localizer.quoted(esc(workshop.title)))
            facts.append(workshop.date.map { t(.fromOn, ["workshop": quoted, "date": .text(date($0))]) } ?? t(.from, ["workshop": quoted]))
        }
        if let previous = experiment.followsUp { facts.append(t(.testsAgainAfter, ["id": .text(previous.description)])) }
        if let idea = experiment.promotedFrom { facts.append(t(.promotedFrom, ["id": .text(idea.description)])) }
        var out = [heading, "", "*" + facts.joined(separator: " · ") + "*", ""]
        if let learning = experiment.learning {
            out += [
                "| \(t(.learningCardOn, ["date": .text(date(learning.date))])) | |", "|---|---|",
                "| \(localizer(MinutesPhrase.learningBelieved)) | \(text(learning.believed)) |",
                "| \(localizer(MinutesPhrase.learningObserved)) | \(text(learning.observed)) |",
                "| \(localizer(MinutesPhrase.learningLearned)) | \(text(learning.learned)) |",
                "| \(localizer(MinutesPhrase.learningDecision)) | \(localizer.name(of: learning.decision)) |", "",
            ]
        }
        let card = experiment.card
        out += [
            "| \(t(.testCard)) | |", "|---|---|",
            "| \(t(.weBelieve)) | \(text(card.assumption)) |",
            "| \(t(.toVerify)) | \(text(card.smallestTest)) |",
            "| \(t(.andMeasure)) | \(text(card.metric)) |",
            "| \(t(.rightIf)) | \(text(card.successCriterion)) |",
            "| \(t(.stopIf)) | \(text(card.failureCriterion)) |", "",
        ]
        out += historyLines(report.history[.experiment(experiment.id)] ?? [])
        return out
    }

    private func historyLines(_ entries: [HistoryEntry]) -> [String] {
        guard !entries.isEmpty else { return [] }
        return [t(.history), ""] + entries.map { entry in
            "- \(MarkdownEscaping.atLineStart(date(entry.date))) — \(describe(entry.change))" + (entry.note.isEmpty ? "" : ": \(esc(entry.note))")
        } + [""]
    }

    /// A history entry's change in words (what a person typed in it escaped).
    private func describe(_ change: PortfolioChange) -> String {
        switch change {
        case .addedFromWorkshop: t(.changeAdded)
        case .started: t(.changeStarted)
        case let .learned(outcome, decision):
            t(.changeLearned, ["outcome": .text(localizer.name(of: outcome)), "decision": .text(localizer.name(of: decision))])
        case let .actionItemStatus(from, to): t(.changeStatus, ["from": .text(name(of: from)), "to": .text(name(of: to))])
        case let .promoted(to): t(.changePromoted, ["id": .text(to.description)])
        case let .promotedFrom(idea): t(.changePromotedFrom, ["id": .text(idea.description)])
        case let .followUpOpened(next): t(.changeFollowUp, ["id": .text(next.description)])
        case let .followsUp(previous): t(.changeFollowsUp, ["id": .text(previous.description)])
        case let .reviewed(fate): t(.changeReviewed, ["fate": .text(name(of: fate))])
        case let .mergedFrom(idea): t(.changeMerged, ["id": .text(idea.description)])
        case let .answered(text): t(.changeAnswered, ["text": .text(esc(text))])
        case let .board(shown): t(shown ? .changeShown : .changeHidden)
        case let .undone(change): t(.changeUndone, ["change": .text(describe(change))])
        }
    }

    private func name(of fate: IdeaFate) -> String {
        switch fate {
        case .new: t(.fateNew)
        case .kept: t(.fateKept)
        case let .merged(into): t(.fateMerged, ["id": .text(into.description)])
        case let .promoted(experiment): t(.fatePromoted, ["id": .text(experiment.description)])
        case .takenToWorkshop: t(.fateWorkshop)
        case .declined: t(.fateDeclined)
        }
    }

    private func name(of status: TrackedActionItem.Status) -> String {
        switch status {
        case .open: t(.statusOpen)
        case .done: t(.statusDone)
        case .stuck: t(.statusStuck)
        case .dropped: t(.statusDropped)
        }
    }

    // MARK: - Action items

    private func actionItems(_ report: PortfolioReport) -> [String] {
        var out = ["## " + localizer(MinutesPhrase.actionItemsHeading), ""]
        guard !report.openActionItems.isEmpty || !report.closedActionItems.isEmpty else {
            return out + ["*\(t(.noActionItems))*", ""]
        }
        let overdue = report.openActionItems.filter { $0.isOverdue(on: report.today) }.count
        let (what, who, from) = (localizer(MinutesPhrase.columnWhat), localizer(MinutesPhrase.columnOwner), localizer(MinutesPhrase.columnFrom))
        out += ["### " + t(.openHeading), ""]
        if report.openActionItems.isEmpty {
            out += ["*\(t(.allClosed))*", ""]
        } else {
            out += [t(.openCount, ["count": .number(report.openActionItems.count), "overdue": .number(overdue)]), ""]
            out += ["| \(t(.columnItem)) | \(what) | \(who) | \(localizer(MinutesPhrase.columnDue)) | \(t(.columnStatus)) | \(from) |",
                    "|---|---|---|---|---|---|"]
            for item in report.openActionItems {
                var due = item.due.map(date) ?? "—"
                if item.isOverdue(on: report.today), let day = item.due { due += " " + t(.overdueFor, ["count": .number(report.daysOverdue(day))]) }
                out.append("| \(item.id) | \(esc(item.what)) | \(owner(item.owner)) | \(due) | \(name(of: item.status)) | \(origin(item.workshop, report: report)) |")
            }
            out.append("")
        }
        if !report.closedActionItems.isEmpty {
            out += ["### " + t(.closedHeading), "", "| \(t(.columnItem)) | \(what) | \(who) | \(t(.columnStatus)) | \(t(.columnOn)) | \(from) |",
                    "|---|---|---|---|---|---|"]
            for item in report.closedActionItems {
                out.append("| \(item.id) | \(esc(item.what)) | \(owner(item.owner)) | \(name(of: item.status)) | \(item.statusDate.map(date) ?? "—") | \(origin(item.workshop, report: report)) |")
            }
            out.append("")
        }
        return out
    }

    // MARK: - Backlog

    private func backlog(_ report: PortfolioReport) -> [String] {
        var out = ["## " + t(.backlogHeading), ""]
        guard !report.backlog.isEmpty else { return out + ["*\(t(.backlogEmpty))*", ""] }
        let returning = report.backlog.filter { $0.workshopCount > 1 }.count
        out += [
            t(.backlogIntro, ["count": .number(returning)]), "",
            "| \(t(.columnWorkshops)) | \(localizer(MinutesPhrase.columnIdea)) | \(t(.columnIdeas)) | \(t(.columnMarks)) |", "|--:|---|---|---|",
        ]
        for group in report.backlog.prefix(backlogRows) {
            var marks: [String] = []
            if group.isParked { marks.append(t(.markParked)) }
            if group.wasShortlisted { marks.append(t(.markShortlisted)) }
            if !group.promotedTo.isEmpty { marks.append(t(.markPromoted, ["ids": .text(group.promotedTo.map(\.description).joined(separator: ", "))])) }
            let ids = group.ideas.prefix(5).map(\.id.description).joined(separator: ", ") + (group.ideas.count > 5 ? ", …" : "")
            out.append("| \(number(group.workshopCount)) | \(esc(group.text)) | \(ids) | \(marks.joined(separator: "; ")) |")
        }
        if report.backlog.count > backlogRows {
            out.append("| … | \(t(.backlogMore, ["count": .number(report.backlog.count - backlogRows)])) | | |")
        }
        out.append("")
        return out
    }

    // MARK: - Intake

    /// The months the chart shows, the latest last.
    static let chartMonths = 12

    private func intake(_ intake: IntakeReport) -> [String] {
        var out = ["## " + t(.intakeHeading), ""]
        guard !intake.months.isEmpty else { return out + ["*\(t(.noIntake))*", ""] }
        out += ["| \(t(.columnMonth)) | \(t(.columnIdeaBox)) | \(t(.columnWorkshops)) |", "|---|--:|--:|"]
        out += intake.months.map { "| \($0.month) | \(number($0.fromBox)) | \(number($0.fromWorkshops)) |" }
        let shown = intake.months.suffix(Self.chartMonths)
        out += [
            "", "```mermaid", "xychart-beta", "    title \"\(chartText(t(.chartTitle)))\"",
            "    x-axis [" + shown.map { "\"\($0.month)\"" }.joined(separator: ", ") + "]", "    y-axis \"\(chartText(t(.chartAxis)))\"",
            "    bar [" + shown.map { String($0.fromBox + $0.fromWorkshops) }.joined(separator: ", ") + "]",
            "    line [" + shown.map { String($0.fromBox) }.joined(separator: ", ") + "]", "```",
            "", t(.chartLegend), "",
        ]
        guard intake.boxIdeas > 0 else { return out + [t(.noBoxIdeas), ""] }
        var answered = "- " + MarkdownEscaping.atLineStart(t(.boxIdeas, ["count": .number(intake.boxIdeas)])) + " " + t(.answered, ["count": .number(intake.answered)])
        if let median = intake.medianDaysToFirstAnswer {
            // A median of whole days takes its plural form; a half day ("9.5") reads as several.
            let days = median.rounded() == median ? t(.days, ["count": .number(Int(median))])
                : t(.daysAndAHalf, ["days": .text(localizer.decimal(median, digits: 1))])
            answered += " " + t(.answeredMedian, ["days": .text(days)])
        }
        out.append(answered)
        if let percent = intake.percentWithinRhythm {
            out.append("- " + MarkdownEscaping.atLineStart(t(.withinRhythm, ["answered": .number(intake.answeredWithinRhythm), "count": .number(intake.dueForAnswer),
                                                "percent": .number(percent), "days": .number(intake.rhythm.days)])))
        }
        if intake.becameExperiments == 0 {
            out.append("- " + t(.noneBecameExperiment))
        } else {
            out.append("- " + MarkdownEscaping.atLineStart(t(.becameExperiments, ["count": .number(intake.becameExperiments)])) + " "
                + t(.learnedFrom, ["count": .number(intake.experimentsLearned)]))
        }
        out.append("")
        return out
    }

    // MARK: - Workshops

    private func workshops(_ report: PortfolioReport) -> [String] {
        var out = ["## " + t(.workshopsHeading), ""]
        guard !report.workshops.isEmpty else { return out + ["*\(t(.noWorkshops))*", ""] }
        out += ["| \(t(.columnDate)) | \(t(.columnWorkshop)) | \(t(.columnPeopleIdeas)) | \(t(.experimentsHeading)) | "
                + "\(localizer(MinutesPhrase.actionItemsHeading)) | \(t(.columnBacklog)) |", "|---|---|---|---|---|--:|"]
        for entry in report.workshops {
            let workshop = entry.workshop
            var experiments: [String] = []
            for stage in [Experiment.Stage.planned, .running] where (entry.experiments[stage] ?? 0) > 0 {
                experiments.append(t(.countOf, ["count": .number(entry.experiments[stage]!), "state": .text(state(stage))]))
            }
            for outcome in LearningCard.Outcome.allCases where (entry.outcomes[outcome] ?? 0) > 0 {
                experiments.append(t(.countOf, ["count": .number(entry.outcomes[outcome]!), "state": .text(localizer.name(of: outcome))]))
            }
            var items: [String] = []
            for status in TrackedActionItem.Status.allCases where (entry.actionItems[status] ?? 0) > 0 {
                items.append(t(.countOf, ["count": .number(entry.actionItems[status]!), "state": .text(name(of: status))]))
            }
            let none = t(.none)
            out.append("| \(workshop.date.map(date) ?? "—") | \(esc(workshop.title)) | \(number(workshop.participants)) · \(number(workshop.ideaCount))"
                + " | \(experiments.isEmpty ? none : experiments.joined(separator: ", ")) | \(items.isEmpty ? none : items.joined(separator: ", "))"
                + " | \(number(entry.backlogCount)) |")
        }
        out.append("")
        return out
    }

    // MARK: - Helpers

    private func origin(_ run: RunIdentity?, report: PortfolioReport) -> String {
        guard let workshop = report.workshop(run) else { return "—" }
        return esc(workshop.title) + (workshop.date.map { " (\(date($0)))" } ?? "")
    }

    private func owner(_ name: String) -> String { name.trimmingWhitespace.isEmpty ? t(.notNamed) : esc(name) }

    /// A card field: escaped, or said to be missing.
    private func text(_ value: String) -> String { value.trimmingWhitespace.isEmpty ? t(.notWrittenDown) : esc(value) }

    private func esc(_ text: String) -> String { MarkdownEscaping.inline(text) }

    private func date(_ day: CalendarDate) -> String { localizer.date(day) }

    private func number(_ value: Int) -> String { localizer.number(value) }

    /// Text inside a Mermaid chart's quotes: a quote would end it.
    private func chartText(_ text: String) -> String { text.replacingOccurrences(of: "\"", with: "'") }

    /// "Running", "Laufend": a stage as a heading or a table row names it.
    private func title(of stage: Experiment.Stage) -> String {
        switch stage {
        case .planned: t(.stagePlanned)
        case .running: t(.stageRunning)
        case .learned: t(.stageLearned)
        }
    }

    /// "running": a stage inside a sentence.
    private func state(_ stage: Experiment.Stage) -> String {
        switch stage {
        case .planned: t(.statePlanned)
        case .running: t(.stateRunning)
        case .learned: t(.stateLearned)
        }
    }

    /// "Validated", "Bestätigt": an outcome as a table row or chart slice names it.
    private func title(of outcome: LearningCard.Outcome) -> String {
        let name = localizer.name(of: outcome)
        return name.prefix(1).uppercased(with: language.locale) + name.dropFirst()
    }
}
