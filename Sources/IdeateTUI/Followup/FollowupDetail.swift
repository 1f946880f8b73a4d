import IdeateCore

/// One item shown whole: an experiment's test card and learning card, an action item, a backlog
/// idea, each with where it came from and its history. Also the one-line state the list shows.
enum FollowupDetail {
    static let labelWidth = 22

    /// The state words for the list, and the role that marks them (each with its own words, so
    /// nothing rests on colour): overdue with ⚠, due with ●.
    static func state(of item: FollowupAgenda.Item, today: CalendarDate) -> (String, StyleRole) {
        switch item {
        case let .experiment(experiment):
            if let learning = experiment.learning {
                return ("\(learning.outcome.rawValue) → \(learning.decision.phrase)", .accent)
            }
            let stage = experiment.state.stage.rawValue
            guard let review = experiment.card.reviewDate else { return ("\(stage) · no review date", .muted) }
            let late = review.days(until: today)
            if late > 0 { return ("⚠ \(stage) · review \(late) \(late == 1 ? "day" : "days") late", .warning) }
            if late == 0 { return ("● \(stage) · review today", .accent) }
            return ("\(stage) · review \(review)", .muted)
        case let .actionItem(item):
            if item.isOverdue(on: today), let due = item.due {
                let late = due.days(until: today)
                return ("⚠ \(item.status.rawValue) · \(late) \(late == 1 ? "day" : "days") late", .warning)
            }
            if item.status == .open { return ("open · due \(item.due?.description ?? "—")", .muted) }
            return ("\(item.status.rawValue) " + (item.status == .stuck ? "since " : "") + (item.statusDate?.description ?? ""), .muted)
        case let .backlogIdea(idea):
            let answered = idea.answer == nil ? "" : " · answered"
            let board = idea.onBoard ? "" : " · off the board"
            switch idea.fate {
            case .new:
                let waiting = idea.arrivalWeek.map { max(0, $0.days(until: today)) } ?? 0
                return ("● new · waiting \(waiting) \(waiting == 1 ? "day" : "days")\(answered)", .accent)
            case .kept:
                return ((idea.kind == .idea ? "backlog" : idea.kind.rawValue) + answered + board, .muted)
            default:
                return ("\(idea.fate)\(answered)\(board)", .muted)
            }
        }
    }

    /// Draws the item from its `scroll`-th row on (kept within what there is to show), and
    /// returns the row it drew from.
    static func draw(
        _ grid: inout CellGrid, entry: FollowupAgenda.Entry, agenda: FollowupAgenda, history: [HistoryEntry], scroll: Int, y top: Int, height: Int
    ) -> Int {
        let width = grid.width - 4
        var lines: [(label: String, text: String, role: StyleRole)] = []
        let item = entry.item
        let (state, stateRole) = state(of: item, today: agenda.today)
        lines.append(("", "\(item.subject) · \(entry.section.rawValue.lowercased()) · \(state)", stateRole))
        switch item {
        case let .experiment(experiment):
            // What was learned comes first: once an experiment has its card, that is what people look for.
            if let learning = experiment.learning {
                lines += [("Learning card", "\(learning.date) · \(learning.outcome.rawValue)", .heading),
                          ("We believed", learning.believed, .text), ("We observed", learning.observed, .text),
                          ("We learned", learning.learned, .text), ("Therefore we will", learning.decision.phrase, .accent), ("", "", .text)]
            }
            let card = experiment.card
            lines += [("We believe", card.assumption, .text), ("To verify, we will", card.smallestTest, .text),
                      ("And measure", card.metric, .text), ("We are right if", card.successCriterion, .text),
                      ("We stop if", card.failureCriterion, .text), ("Owner", card.owner, .text),
                      ("Start · review", "\(card.startDate?.description ?? "—") · \(card.reviewDate?.description ?? "—")", .text)]
            lines += origin(experiment.workshop, round: experiment.round, agenda: agenda)
        case let .actionItem(actionItem):
            lines += [("Owner", actionItem.owner, .text), ("Due", actionItem.due?.description ?? "—", .text)]
            if let idea = actionItem.idea { lines.append(("For the idea", idea, .text)) }
            lines += origin(actionItem.workshop, round: actionItem.round, agenda: agenda)
        case let .backlogIdea(idea):
            if let week = idea.arrivalWeek {
                lines.append(("From the idea box", week.description + (idea.question.map { " · question “\($0)”" } ?? ""), .text))
            }
            if let answer = idea.answer { lines.append(("Answer (\(answer.date))", answer.text, .text)) }
            lines.append(("Seen by", idea.onBoard ? "everyone (the box's board)" : "its author only", .text))
            lines += origin(idea.workshop, round: idea.round, agenda: agenda)
        }
        if !history.isEmpty {
            lines.append(("", "", .text))
            lines.append(("History", "", .heading))
            lines += history.map { (" \($0.date)", $0.change.description + ($0.note.isEmpty ? "" : " — " + $0.note), .muted) }
        }
        // Every screen row, so PgUp and PgDn can scroll what does not fit.
        var rows: [(label: String, text: String, role: StyleRole)] = TextLayout.wrap(item.title, width: width, maxLines: 2).map { ("", $0, .title) }
        for line in lines {
            let wrapped = TextLayout.wrap(line.text, width: line.label.isEmpty ? width : width - labelWidth)
            rows += (wrapped.isEmpty ? [""] : wrapped).enumerated().map { ($0.offset == 0 ? line.label : "", $0.element, line.role) }
        }
        let scroll = min(max(0, scroll), max(0, rows.count - height))
        for (offset, row) in rows.dropFirst(scroll).prefix(height).enumerated() {
            let y = top + offset
            if !row.label.isEmpty { grid.put(row.label, x: 2, y: y, role: row.role == .heading ? .heading : .muted) }
            let x = row.label.isEmpty && row.role != .muted ? 2 : 2 + labelWidth
            grid.put(row.text, x: x, y: y, role: row.role, maxWidth: grid.width - 2 - x)
        }
        if scroll > 0 { grid.put("▲ PgUp", x: grid.width - 8, y: top, role: .muted) }
        if scroll + height < rows.count { grid.put("▼ PgDn", x: grid.width - 8, y: top + height - 1, role: .muted) }
        return scroll
    }

    private static func origin(_ run: RunIdentity?, round: Int?, agenda: FollowupAgenda) -> [(label: String, text: String, role: StyleRole)] {
        guard let run, let workshop = agenda.workshops[run] else { return [] }
        let when = workshop.date.map { " (\($0))" } ?? ""
        return [("From the workshop", "“\(workshop.title)”\(when)" + (round.map { ", round \($0)" } ?? ""), .text)]
    }
}
