import Foundation

/// Writes the minutes a facilitator hands out (CommonMark + GFM tables). Every piece of text
/// that a person typed goes through ``MarkdownEscaping``.
public struct MarkdownMinutes {
    /// How many ranked ideas the table lists before pointing at "All ideas".
    public var rankedRows = 10
    public var timeZone: TimeZone

    public init(timeZone: TimeZone = .current) { self.timeZone = timeZone }

    public func render(_ report: MinutesReport) -> String {
        var out: [String] = ["# \(esc(report.title))", "", headline(report), "", "**Goal:** \(esc(report.goal))", ""]
        out += [
            "> Ideas were entered anonymously and criticism was held back until the vote. These minutes name",
            "> no participant.", "",
        ]
        if let earlier = report.earlierExperiments { out += MarkdownEarlierExperiments.section(earlier) }
        if let open = report.openActionItems, !open.isEmpty { out += MarkdownEarlierExperiments.actionItems(open) }
        for round in report.rounds {
            out += roundSection(round, votesPerPerson: report.votesPerPerson, maxPerIdea: report.maxVotesPerIdea)
        }
        out += actionItems(report.actionItems, showingRounds: report.rounds.count > 1)
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: - Header

    private func headline(_ report: MinutesReport) -> String {
        var when = "not started"
        if let start = report.startedAt {
            let end = report.finishedAt.map { "–" + format($0, "HH:mm") } ?? " (in progress)"
            when = format(start, "yyyy-MM-dd, HH:mm") + end
        }
        var parts = ["\(when) (planned \(DurationText.humanText(for: report.plannedSeconds))"
            + actualDuration(report) + ")"]
        parts.append(count(report.participants, "participant"))
        parts.append(count(report.ideaCount, "idea"))
        parts.append(count(report.voteCount, "vote"))
        return "*Workshop minutes — " + parts.joined(separator: " · ") + "*"
    }

    private func actualDuration(_ report: MinutesReport) -> String {
        guard let start = report.startedAt, let end = report.finishedAt else { return "" }
        let seconds = Int(end.milliseconds(since: start) / 1000)
        return ", took \(DurationText.humanText(for: seconds / 60 * 60 == seconds ? seconds : (seconds + 30) / 60 * 60))"
    }

    // MARK: - Rounds

    private func roundSection(_ round: MinutesReport.RoundReport, votesPerPerson: Int, maxPerIdea: Int) -> [String] {
        var out = ["## Round \(round.number) — \(esc(round.prompt))", "", phaseLine(round, votesPerPerson: votesPerPerson, maxPerIdea: maxPerIdea), ""]
        let live = round.ideas.filter { $0.status != "hidden" }
        if live.isEmpty {
            out += ["*No ideas were entered in this round.*", ""]
            return out
        }
        if round.votesCast != nil {
            out += rankedTable(round)
            out += shortlist(round)
        }
        out += ideasByCluster(round)
        out += footnote(round)
        return out
    }

    private func phaseLine(_ round: MinutesReport.RoundReport, votesPerPerson: Int, maxPerIdea: Int) -> String {
        let parts = round.phases.map { summary -> String in
            let seconds = summary.actualSeconds ?? summary.plannedSeconds
            var text = summary.phase.title
            if let seconds { text += " " + DurationText.humanText(for: roundedToMinute(seconds)) }
            if summary.phase == .ideate {
                let count = round.ideas.filter { $0.buildsOn == nil }.count
                text += " (\(self.count(count, "idea"))\(round.lateCount > 0 ? ", \(round.lateCount) late" : ""))"
            }
            if summary.phase == .vote {
                text += " (\(self.count(votesPerPerson, "dot")) each, at most \(maxPerIdea) per idea)"
            }
            if summary.phase == .build {
                text += " (\(self.count(round.ideas.filter { $0.buildsOn != nil }.count, "addition")))"
            }
            return text
        }
        let line = parts.enumerated().map { $0 == 0 ? $1 : $1.lowercasedFirst }.joined(separator: ", ")
        return line + "."
    }

    private func roundedToMinute(_ seconds: Int) -> Int {
        seconds < 120 ? seconds : (seconds + 30) / 60 * 60
    }

    private func rankedTable(_ round: MinutesReport.RoundReport) -> [String] {
        let ranked = round.ideas.filter { $0.rank != nil }.sorted { $0.rank! < $1.rank! }
        guard !ranked.isEmpty else { return [] }
        let top = max(1, ranked.first?.votes ?? 1)
        var out = ["### Ranked", "", "| # | Idea | Cluster | Votes |", "|--:|---|---|--:|"]
        for idea in ranked.prefix(rankedRows) {
            let votes = idea.votes ?? 0
            let bar = String(repeating: "█", count: votes == 0 ? 0 : max(1, votes * min(top, 12) / top))
            out.append("| \(idea.rank!) | \(esc(idea.text)) | \(esc(idea.cluster ?? "")) | \(votes)\(bar.isEmpty ? "" : " " + bar) |")
        }
        if ranked.count > rankedRows {
            out.append("| … | *\(ranked.count - rankedRows) more ideas with fewer votes are listed under “All ideas”* | | |")
        }
        out.append("")
        return out
    }

    private func shortlist(_ round: MinutesReport.RoundReport) -> [String] {
        guard !round.shortlist.isEmpty else { return ["*No idea received a vote, so there is no shortlist.*", ""] }
        var out = ["### Shortlist", ""]
        for (index, entry) in round.shortlist.enumerated() {
            out += ["#### \(index + 1). \(esc(entry.text))", ""]
            let review = entry.review ?? IdeaReview()
            out.append("- **Votes:** \(entry.votes)")
            out.append("- **Benefits:** \(review.benefits.isEmpty ? "*not recorded*" : esc(review.benefits))")
            out.append("- **Concerns:** \(review.concerns.isEmpty ? "*not recorded*" : esc(review.concerns))")
            out.append("")
            if let card = review.experiment {
                out += ["| Experiment card | |", "|---|---|", "| Assumption | \(esc(card.assumption)) |",
                        "| Smallest test | \(esc(card.smallestTest)) |"]
                // Cards from before the metric and the failure criterion were asked for lack them.
                if !card.metric.isEmpty { out.append("| Metric | \(esc(card.metric)) |") }
                out.append("| Success criterion | \(esc(card.successCriterion)) |")
                if !card.failureCriterion.isEmpty { out.append("| Failure criterion | \(esc(card.failureCriterion)) |") }
                out += ["| Owner | \(esc(card.owner)) |", "| Review date | \(esc(card.reviewDate)) |", ""]
            } else {
                out += ["*No experiment was agreed for this idea.*", ""]
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
        var out = ["### All ideas by cluster", ""]
        for cluster in clusters {
            let items = ordered.filter { ($0.cluster ?? "") == cluster }.map { idea in
                var text = esc(idea.text)
                if let base = idea.buildsOn, let baseText = texts[base] { text += " *(builds on “\(esc(baseText.prefix(60) + (baseText.count > 60 ? "…" : "")))”)*" }
                if let duplicates = merged[idea.id], !duplicates.isEmpty {
                    text += " *(merged: " + duplicates.map { "“\(esc($0.text))”" }.joined(separator: "; ") + ")*"
                }
                if let votes = idea.votes { text += " (\(votes))" }
                if idea.late { text += " *(late)*" }
                if idea.spokenAloud { text += " *(said aloud)*" }
                if let box = idea.fromBox { text += " *(from the idea box, \(box))*" }
                return text
            }
            let name = cluster.isEmpty ? (clusters.count == 1 ? "Ideas" : "Not in a cluster") : esc(cluster)
            out += ["**\(name)** — " + items.joined(separator: " · "), ""]
        }
        let parked = round.ideas.filter { $0.status == "parked" }
        if !parked.isEmpty {
            out += ["**Parked** (off topic, kept for later): " + parked.map { esc($0.text) }.joined(separator: " · "), ""]
        }
        return out
    }

    private func footnote(_ round: MinutesReport.RoundReport) -> [String] {
        var sentences: [String] = []
        if round.lateCount > 0 {
            sentences.append(round.lateCount == 1
                ? "1 idea arrived after the round closed and is kept above, marked late."
                : "\(round.lateCount) ideas arrived after the round closed and are kept above, marked late.")
        }
        if round.hiddenCount > 0 {
            sentences.append(round.hiddenCount == 1
                ? "1 idea was hidden by the facilitator for moderation."
                : "\(round.hiddenCount) ideas were hidden by the facilitator for moderation.")
        }
        return sentences.isEmpty ? [] : ["*" + sentences.joined(separator: " ") + "*", ""]
    }

    // MARK: - Action items

    /// The table of follow-ups; with more than one round, a first column says which round each
    /// came from.
    private func actionItems(_ items: [MinutesReport.ActionItemEntry], showingRounds: Bool) -> [String] {
        var out = ["## Action items", ""]
        guard !items.isEmpty else { return out + ["*No action items were agreed.*", ""] }
        out += showingRounds ? ["| Round | What | Owner | Due |", "|--:|---|---|---|"] : ["| What | Owner | Due |", "|---|---|---|"]
        for item in items {
            let round = showingRounds ? "| \(item.round) " : ""
            out.append(round + "| \(esc(item.what)) | \(esc(item.owner)) | \(esc(item.due)) |")
        }
        out.append("")
        return out
    }

    // MARK: - Helpers

    private func esc<S: StringProtocol>(_ text: S) -> String { MarkdownEscaping.inline(String(text)) }

    private func count(_ value: Int, _ noun: String) -> String { "\(value) \(noun)\(value == 1 ? "" : "s")" }

    private func format(_ instant: Instant, _ pattern: String) -> String { instant.formatted(pattern, in: timeZone) }
}

extension String {
    fileprivate var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
