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

    static func draw(_ grid: inout CellGrid, experiments: [EarlierExperiment], actionItems: [OpenActionItem], page: Int) {
        let width = grid.width - 4
        let pages = max(1, experiments.count) + (actionItems.isEmpty ? 0 : 1)
        if !actionItems.isEmpty, page >= max(1, experiments.count) {
            drawActionItems(&grid, actionItems, counter: "\(pages) of \(pages)")
            return
        }
        let counter = "\(min(page, pages - 1) + 1) of \(pages)"
        grid.put("What became of earlier experiments", x: 2, y: 2, role: .title, maxWidth: width - DisplayWidth.of(counter) - 2)
        grid.put(counter, x: grid.width - 2 - DisplayWidth.of(counter), y: 2, role: .muted)
        guard experiments.indices.contains(page) else {
            grid.put("The portfolio holds no experiment that has run yet: today's ideas will be the first.", x: 2, y: 4,
                     role: .muted, maxWidth: width)
            return
        }
        let experiment = experiments[page]
        var y = 4
        let origin = experiment.workshop.map { "from “\($0)”" + (experiment.workshopDate.map { " (\($0))" } ?? "") } ?? "added by hand"
        grid.put("\(experiment.id) · \(origin)", x: 2, y: y, role: .muted, maxWidth: width)
        y += 1
        for line in TextLayout.wrap(experiment.title, width: width, maxLines: 2) {
            grid.put(line, x: 2, y: y, role: .heading)
            y += 1
        }
        y += 1
        guard let learning = experiment.learning else {
            let review = experiment.reviewDate.map { "; the group looks at the result on \($0)" } ?? ""
            grid.put("● Still running\(review).", x: 2, y: y, role: .accent, maxWidth: width)
            return
        }
        let (marker, role): (String, StyleRole) = switch learning.outcome {
        case .validated: ("✓ VALIDATED", .success)
        case .invalidated: ("✗ INVALIDATED", .accent)
        case .unclear: ("? UNCLEAR", .muted)
        }
        grid.put(marker, x: 2, y: y, role: role, maxWidth: width)
        grid.put("learned \(learning.date)", x: grid.width - 2 - DisplayWidth.of("learned \(learning.date)"), y: y, role: .muted)
        y += 2
        let labelWidth = 20
        let bottom = grid.height - 3
        for (label, text, textRole) in [("We believed", learning.believed, StyleRole.text), ("We observed", learning.observed, .text),
                                        ("We learned", learning.learned, .prompt), ("Therefore we will", learning.decision.phrase.uppercased(), .title)] {
            let lines = TextLayout.wrap(text, width: width - labelWidth)
            guard y + max(1, min(lines.count, 3)) <= bottom else { break }
            grid.put(label, x: 2, y: y, role: .muted)
            for line in lines.prefix(3) {
                grid.put(line, x: 2 + labelWidth, y: y, role: textRole)
                y += 1
            }
            if lines.isEmpty { y += 1 }
            y += 1
        }
    }

    /// The page of open action items: what, who, by when; overdue and stuck ones marked.
    private static func drawActionItems(_ grid: inout CellGrid, _ items: [OpenActionItem], counter: String) {
        let width = grid.width - 4
        grid.put("Action items still open", x: 2, y: 2, role: .title, maxWidth: width - DisplayWidth.of(counter) - 2)
        grid.put(counter, x: grid.width - 2 - DisplayWidth.of(counter), y: 2, role: .muted)
        var y = 4
        for item in items {
            guard y + 2 <= grid.height - 3 else { break }
            let state = item.isStuck ? "stuck" : item.isOverdue ? "overdue" : ""
            let due = item.due.map { "due \($0)" } ?? "no date"
            let right = state.isEmpty ? due : "\(due) · \(state)"
            grid.put("\(item.id)  \(item.what)", x: 2, y: y, role: .heading, maxWidth: width - DisplayWidth.of(right) - 2)
            grid.put(right, x: grid.width - 2 - DisplayWidth.of(right), y: y, role: state.isEmpty ? .muted : .accent)
            grid.put(item.owner + (item.workshop.map { " · from “\($0)”" } ?? ""), x: 4, y: y + 1, role: .muted, maxWidth: width - 2)
            y += 3
        }
    }
}
