import Foundation

/// Writes the minutes a facilitator hands out (CommonMark + GFM tables), in the room's language.
/// Every piece of text that a person typed goes through ``MarkdownEscaping``; every sentence of
/// ideate's own comes from the translation files (``MinutesPhrase``).
public struct MarkdownMinutes {
    /// How many ranked ideas the table lists before pointing at "All ideas".
    public var rankedRows = 10
    public var timeZone: TimeZone
    public var localizer: Localizer

    public init(timeZone: TimeZone = .current, localizer: Localizer = .english) {
        self.timeZone = timeZone
        self.localizer = localizer
    }

    public func render(_ report: MinutesReport) -> String {
        var out: [String] = ["# \(esc(report.title))", "", headline(report), "", t(.goal, ["goal": .text(esc(report.goal))]), ""]
        out += ["> " + t(.anonymity), ""]
        if let earlier = report.earlierExperiments { out += MarkdownEarlierExperiments(localizer: localizer).section(earlier) }
        if let open = report.openActionItems, !open.isEmpty { out += MarkdownEarlierExperiments(localizer: localizer).actionItems(open) }
        for round in report.rounds {
            out += roundSection(round, votesPerPerson: report.votesPerPerson, maxPerIdea: report.maxVotesPerIdea)
        }
        out += actionItems(report.actionItems, showingRounds: report.rounds.count > 1)
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: - Header

    private func headline(_ report: MinutesReport) -> String {
        var when = t(.notStarted)
        if let start = report.startedAt {
            let day = localizer.date(start, in: timeZone), from = localizer.time(start, in: timeZone)
            when = if let end = report.finishedAt {
                t(.whenFinished, ["date": .text(day), "start": .text(from), "end": .text(localizer.time(end, in: timeZone))])
            } else {
                t(.whenInProgress, ["date": .text(day), "start": .text(from)])
            }
        }
        let planned = localizer.duration(seconds: report.plannedSeconds)
        let duration = if let took = actualSeconds(report) {
            t(.plannedAndTook, ["planned": .text(planned), "took": .text(localizer.duration(seconds: took))])
        } else {
            t(.plannedOnly, ["planned": .text(planned)])
        }
        return "*" + t(.headline, [
            "when": .text(when), "duration": .text(duration),
            "participants": .text(localizer.count(.participants, report.participants)),
            "ideas": .text(localizer.count(.ideas, report.ideaCount)),
            "votes": .text(localizer.count(.votes, report.voteCount)),
        ]) + "*"
    }

    /// How long the workshop took, to the minute once it is longer than one.
    private func actualSeconds(_ report: MinutesReport) -> Int? {
        guard let start = report.startedAt, let end = report.finishedAt else { return nil }
        let seconds = Int(end.milliseconds(since: start) / 1000)
        return seconds / 60 * 60 == seconds ? seconds : (seconds + 30) / 60 * 60
    }

    // MARK: - Rounds

    private func roundSection(_ round: MinutesReport.RoundReport, votesPerPerson: Int, maxPerIdea: Int) -> [String] {
        let heading = t(.roundHeading, ["number": .number(round.number), "prompt": .text(esc(round.prompt))])
        var out = ["## " + heading, "", phaseLine(round, votesPerPerson: votesPerPerson, maxPerIdea: maxPerIdea), ""]
        let live = round.ideas.filter { $0.status != "hidden" && $0.status != "held" }
        if live.isEmpty {
            out += ["*" + t(.noIdeasInRound) + "*", ""]
            return out
        }
        if round.votesCast != nil {
            out += rankedTable(round)
            out += ratingSection(round)
            out += shortlist(round)
        }
        out += ideasByCluster(round)
        out += footnote(round)
        return out
    }

    /// Each phase with its time and what happened in it: "Ideation 7 min (30 ideas) · Vote 4 min
    /// (5 dots each, at most 3 per idea)".
    private func phaseLine(_ round: MinutesReport.RoundReport, votesPerPerson: Int, maxPerIdea: Int) -> String {
        let parts = round.phases.map { summary -> String in
            let name = localizer.name(of: summary.phase)
            let detail: String? = switch summary.phase {
            case .ideate:
                lateNote(localizer.count(.ideas, round.ideas.filter { $0.buildsOn == nil }.count), late: round.lateCount)
            case .vote:
                localizer.dotsEach(votesPerPerson, maxPerIdea: maxPerIdea)
            case .build:
                t(.additions, ["count": .number(round.ideas.filter { $0.buildsOn != nil }.count)])
            case .group, .rate, .review:
                nil
            }
            guard let seconds = summary.actualSeconds ?? summary.plannedSeconds else {
                return detail.map { t(.phaseOpenWithDetail, ["phase": .text(name), "detail": .text($0)]) } ?? name
            }
            let duration = localizer.duration(seconds: roundedToMinute(seconds))
            guard let detail else { return t(.phaseWithDuration, ["phase": .text(name), "duration": .text(duration)]) }
            return t(.phaseWithDetail, ["phase": .text(name), "duration": .text(duration), "detail": .text(detail)])
        }
        return parts.joined(separator: " · ")
    }

    private func roundedToMinute(_ seconds: Int) -> Int {
        seconds < 120 ? seconds : (seconds + 30) / 60 * 60
    }

    private func rankedTable(_ round: MinutesReport.RoundReport) -> [String] {
        let ranked = round.ideas.filter { $0.rank != nil }.sorted { $0.rank! < $1.rank! }
        guard !ranked.isEmpty else { return [] }
        let top = max(1, ranked.first?.votes ?? 1)
        let columns = [t(.columnRank), t(.columnIdea), t(.columnCluster), t(.columnVotes)]
        var out = ["### " + t(.rankedHeading), "", "| " + columns.joined(separator: " | ") + " |", "|--:|---|---|--:|"]
        for idea in ranked.prefix(rankedRows) {
            let votes = idea.votes ?? 0
            let bar = String(repeating: "█", count: votes == 0 ? 0 : max(1, votes * min(top, 12) / top))
            out.append("| \(idea.rank!) | \(esc(idea.text)) | \(esc(idea.cluster ?? "")) | \(votes)\(bar.isEmpty ? "" : " " + bar) |")
        }
        if ranked.count > rankedRows {
            let more = t(.moreRanked, ["count": .number(ranked.count - rankedRows), "heading": .text(t(.allIdeasHeading))])
            out.append("| … | *" + more + "* | | |")
        }
        out.append("")
        return out
    }

    /// Impact and effort: a table of the room's medians and spreads (the disputed ones flagged)
    /// and the 2×2 as a small text chart.
    private func ratingSection(_ round: MinutesReport.RoundReport) -> [String] {
        guard !round.ratings.isEmpty else { return [] }
        let columns = [t(.columnRank), t(.columnIdea), t(.columnImpact), t(.columnEffort), t(.columnRaters), ""]
        var out = ["### " + localizer(CommonPhrase.phaseRate), "", "| " + columns.joined(separator: " | ") + " |", "|--:|---|--:|--:|--:|---|"]
        for (index, entry) in round.ratings.enumerated() {
            let impact = t(.ratingCell, ["median": .text(RatingChart.median(entry.impact, localizer)), "spread": .number(entry.impactSpread)])
            let effort = t(.ratingCell, ["median": .text(RatingChart.median(entry.effort, localizer)), "spread": .number(entry.effortSpread)])
            let flag = entry.disputed ? localizer(CommonPhrase.disputed) : ""
            out.append("| \(index + 1) | \(esc(entry.text)) | \(impact) | \(effort) | \(localizer.number(entry.raters)) | \(flag) |")
        }
        let chart = RatingChart.lines(points: round.ratings.map { (impact: $0.impact, effort: $0.effort) }, numbers: Array(1...round.ratings.count),
                                      localizer: localizer)
        return out + ["", "```text"] + chart + ["```", ""]
    }

    private func shortlist(_ round: MinutesReport.RoundReport) -> [String] {
        guard !round.shortlist.isEmpty else { return ["*" + t(.noShortlist) + "*", ""] }
        var out = ["### " + t(.shortlistHeading), ""]
        let notRecorded = "*" + t(.notRecorded) + "*"
        for (index, entry) in round.shortlist.enumerated() {
            out += ["#### \(index + 1). \(esc(entry.text))", ""]
            let review = entry.review ?? IdeaReview()
            out.append("- " + t(.votesLabel, ["value": .number(entry.votes)]))
            out.append("- " + t(.benefitsLabel, ["value": .text(review.benefits.isEmpty ? notRecorded : esc(review.benefits))]))
            out.append("- " + t(.concernsLabel, ["value": .text(review.concerns.isEmpty ? notRecorded : esc(review.concerns))]))
            out.append("")
            if let card = review.experiment {
                func row(_ label: MinutesPhrase, _ value: String) -> String { "| \(t(label)) | \(esc(value)) |" }
                out += ["| \(t(.cardHeading)) | |", "|---|---|", row(.cardAssumption, card.assumption), row(.cardSmallestTest, card.smallestTest)]
                // Cards from before the metric and the failure criterion were asked for lack them.
                if !card.metric.isEmpty { out.append(row(.cardMetric, card.metric)) }
                out.append(row(.cardSuccess, card.successCriterion))
                if !card.failureCriterion.isEmpty { out.append(row(.cardFailure, card.failureCriterion)) }
                out += [row(.cardOwner, card.owner), row(.cardReviewDate, card.reviewDate), ""]
            } else {
                out += ["*" + t(.noExperiment) + "*", ""]
            }
        }
        return out
    }

    private func ideasByCluster(_ round: MinutesReport.RoundReport) -> [String] {
        let shown = round.ideas.filter { ["active", "late", "pending"].contains($0.status) }
        let merged = Dictionary(grouping: round.ideas.filter { $0.status == "merged" }, by: { $0.mergedInto ?? "" })
        let texts = Dictionary(uniqueKeysWithValues: round.ideas.map { ($0.id, $0.text) })
        let ordered = round.votesCast == nil ? shown : shown.sorted { ($0.rank ?? .max) < ($1.rank ?? .max) }
        var clusters: [String] = []
        for idea in ordered where !clusters.contains(idea.cluster ?? "") { clusters.append(idea.cluster ?? "") }
        clusters.sort { $0.isEmpty == $1.isEmpty ? false : !$0.isEmpty }
        var out = ["### " + t(.allIdeasHeading), ""]
        for cluster in clusters {
            let items = ordered.filter { ($0.cluster ?? "") == cluster }.map { idea in
                var text = esc(idea.text)
                if let base = idea.buildsOn, let baseText = texts[base] {
                    let shown = localizer.quoted(esc(baseText.prefix(60) + (baseText.count > 60 ? "…" : "")))
                    text += " *" + t(.buildsOn, ["text": .text(shown)]) + "*"
                }
                if let duplicates = merged[idea.id], !duplicates.isEmpty {
                    let list = duplicates.map { localizer.quoted(esc($0.text)) }.joined(separator: "; ")
                    text += " *" + t(.mergedWith, ["list": .text(list)]) + "*"
                }
                if let votes = idea.votes { text += " (\(localizer.number(votes)))" }
                if idea.late { text += " *" + t(.late) + "*" }
                if idea.spokenAloud { text += " *" + t(.saidAloud) + "*" }
                if let box = idea.fromBox { text += " *" + t(.fromBox, ["box": .text(box.description)]) + "*" }
                return text
            }
            let name = cluster.isEmpty ? t(clusters.count == 1 ? .clusterIdeas : .clusterNone) : esc(cluster)
            out += ["**\(name)** — " + items.joined(separator: " · "), ""]
        }
        let parked = round.ideas.filter { $0.status == "parked" }
        if !parked.isEmpty {
            out += [t(.parked, ["list": .text(parked.map { esc($0.text) }.joined(separator: " · "))]), ""]
        }
        return out
    }

    private func footnote(_ round: MinutesReport.RoundReport) -> [String] {
        var sentences: [String] = []
        if round.lateCount > 0 { sentences.append(t(.lateFootnote, ["count": .number(round.lateCount)])) }
        if round.hiddenCount > 0 { sentences.append(t(.hiddenFootnote, ["count": .number(round.hiddenCount)])) }
        if round.heldCount > 0 { sentences.append(t(.heldFootnote, ["count": .number(round.heldCount)])) }
        return sentences.isEmpty ? [] : ["*" + sentences.joined(separator: " ") + "*", ""]
    }

    // MARK: - Action items

    /// The table of follow-ups; with more than one round, a first column says which round each
    /// came from.
    private func actionItems(_ items: [MinutesReport.ActionItemEntry], showingRounds: Bool) -> [String] {
        var out = ["## " + t(.actionItemsHeading), ""]
        guard !items.isEmpty else { return out + ["*" + t(.noActionItems) + "*", ""] }
        let columns = [t(.columnWhat), t(.columnOwner), t(.columnDue)]
        out += showingRounds
            ? ["| " + ([t(.columnRound)] + columns).joined(separator: " | ") + " |", "|--:|---|---|---|"]
            : ["| " + columns.joined(separator: " | ") + " |", "|---|---|---|"]
        for item in items {
            let round = showingRounds ? "| \(item.round) " : ""
            out.append(round + "| \(esc(item.what)) | \(esc(item.owner)) | \(esc(item.due)) |")
        }
        out.append("")
        return out
    }

    // MARK: - Helpers

    private func esc<S: StringProtocol>(_ text: S) -> String { MarkdownEscaping.inline(String(text)) }

    private func t(_ phrase: MinutesPhrase, _ arguments: [String: PhraseArgument] = [:]) -> String { localizer(phrase, arguments) }

    /// "30 ideas" or "30 ideas, 2 late".
    private func lateNote(_ ideas: String, late: Int) -> String {
        late > 0 ? t(.ideasLate, ["ideas": .text(ideas), "count": .number(late)]) : ideas
    }
}
