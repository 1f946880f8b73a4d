import IdeateCore

/// The follow-up round on the shared screen: one earlier experiment per page, large enough to
/// read from the back of the room — what it tested, where it came from, the outcome, what was
/// learned and the decision — so the room sees its ideas were taken seriously; then one page of
/// the action items still open, overdue ones marked.
enum EarlierExperimentsScreen {
    /// The round's pages: one per experiment (one saying there is none), and one for the open
    /// action items when there are any.
    static func pages(in state: SessionState) -> Int {
        max(1, state.earlierExperiments?.count ?? 0) + ((state.openActionItems ?? []).isEmpty ? 0 : 1)
    }

    static func draw(_ grid: inout CellGrid, experiments: [EarlierExperiment], actionItems: [OpenActionItem], page: Int,
                     language: Language) {
        let t = Localizer(language)
        let width = grid.width - 4
        let pages = max(1, experiments.count) + (actionItems.isEmpty ? 0 : 1)
        if !actionItems.isEmpty, page >= max(1, experiments.count) {
            drawActionItems(&grid, actionItems, counter: t(ConsolePhrase.pageOf, ["page": .number(pages), "pages": .number(pages)]), t: t)
            return
        }
        let counter = t(ConsolePhrase.pageOf, ["page": .number(min(page, pages - 1) + 1), "pages": .number(pages)])
        grid.put(t(MinutesPhrase.earlierHeading), x: 2, y: 2, role: .title, maxWidth: width - DisplayWidth.of(counter) - 2)
        grid.put(counter, x: grid.width - 2 - DisplayWidth.of(counter), y: 2, role: .muted)
        guard experiments.indices.contains(page) else {
            for (offset, line) in TextLayout.wrap(t(ConsolePhrase.earlierNone), width: width, maxLines: 3).enumerated() {
                grid.put(line, x: 2, y: 4 + offset, role: .muted)
            }
            return
        }
        let experiment = experiments[page]
        var y = 4
        let origin = experiment.workshop.map { workshop in
            let quoted = t.quoted(workshop)
            return experiment.workshopDate.map { t(ConsolePhrase.earlierFromOn, ["workshop": .text(quoted), "date": .text(t.date($0))]) }
                ?? t(ConsolePhrase.earlierFrom, ["workshop": .text(quoted)])
        } ?? t(ConsolePhrase.earlierByHand)
        grid.put("\(experiment.id) · \(origin)", x: 2, y: y, role: .muted, maxWidth: width)
        y += 1
        for line in TextLayout.wrap(experiment.title, width: width, maxLines: 2) {
            grid.put(line, x: 2, y: y, role: .heading)
            y += 1
        }
        y += 1
        guard let learning = experiment.learning else {
            let running = experiment.reviewDate.map { t(ConsolePhrase.earlierRunningReview, ["date": .text(t.date($0))]) }
                ?? t(ConsolePhrase.earlierRunning)
            for (offset, line) in TextLayout.wrap(running, width: width, maxLines: 2).enumerated() {
                grid.put(line, x: 2, y: y + offset, role: .accent)
            }
            return
        }
        let (marker, role): (String, StyleRole) = switch learning.outcome {
        case .validated: (t(ConsolePhrase.outcomeValidated), .success)
        case .invalidated: (t(ConsolePhrase.outcomeInvalidated), .accent)
        case .unclear: (t(ConsolePhrase.outcomeUnclear), .muted)
        }
        let learned = t(ConsolePhrase.learnedOn, ["date": .text(t.date(learning.date))])
        grid.put(marker, x: 2, y: y, role: role, maxWidth: width - DisplayWidth.of(learned) - 2)
        grid.put(learned, x: grid.width - 2 - DisplayWidth.of(learned), y: y, role: .muted)
        y += 2
        let rows = [(MinutesPhrase.learningBelieved, learning.believed, StyleRole.text), (.learningObserved, learning.observed, .text),
                    (.learningLearned, learning.learned, .prompt), (.learningDecision, t.name(of: learning.decision).uppercased(), .title)]
        let labelWidth = max(20, rows.map { DisplayWidth.of(t($0.0)) + 2 }.max()!)
        let bottom = grid.height - 3
        for (label, text, textRole) in rows {
            let lines = TextLayout.wrap(text, width: width - labelWidth)
            guard y + max(1, min(lines.count, 3)) <= bottom else { break }
            grid.put(t(label), x: 2, y: y, role: .muted)
            for line in lines.prefix(3) {
                grid.put(line, x: 2 + labelWidth, y: y, role: textRole)
                y += 1
            }
            if lines.isEmpty { y += 1 }
            y += 1
        }
    }

    /// The page of open action items: what, who, by when; overdue and stuck ones marked.
    private static func drawActionItems(_ grid: inout CellGrid, _ items: [OpenActionItem], counter: String, t: Localizer) {
        let width = grid.width - 4
        grid.put(t(ConsolePhrase.openItemsTitle), x: 2, y: 2, role: .title, maxWidth: width - DisplayWidth.of(counter) - 2)
        grid.put(counter, x: grid.width - 2 - DisplayWidth.of(counter), y: 2, role: .muted)
        var y = 4
        for item in items {
            guard y + 2 <= grid.height - 3 else { break }
            let state = item.isStuck ? t(ConsolePhrase.itemStuck) : item.isOverdue ? t(ConsolePhrase.itemOverdue) : ""
            let due = item.due.map { t(ConsolePhrase.itemDue, ["date": .text(t.date($0))]) } ?? t(ConsolePhrase.itemNoDate)
            let right = state.isEmpty ? due : "\(due) · \(state)"
            grid.put("\(item.id)  \(item.what)", x: 2, y: y, role: .heading, maxWidth: width - DisplayWidth.of(right) - 2)
            grid.put(right, x: grid.width - 2 - DisplayWidth.of(right), y: y, role: state.isEmpty ? .muted : .accent)
            let from = item.workshop.map { " · " + t(ConsolePhrase.itemFrom, ["workshop": .text(t.quoted($0))]) } ?? ""
            grid.put(item.owner + from, x: 4, y: y + 1, role: .muted, maxWidth: width - 2)
            y += 3
        }
    }
}
