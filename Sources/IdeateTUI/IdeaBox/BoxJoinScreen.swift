import IdeateCore

/// The idea box in a terminal (`ideate join http://…`), as a function of its model: the box's
/// title, a line to type an idea into and the question it answers, then this computer's ideas
/// with what became of each and the reviewer's answer, then "You said, we did" for everyone.
/// Ideas and answers are people's text: the grid shows them, never interprets them.
public enum BoxJoinScreen {
    public static func render(_ model: BoxJoinModel, width: Int, height: Int) -> CellGrid {
        guard width >= ScreenFrame.minimumWidth, height >= ScreenFrame.minimumHeight else {
            return ScreenFrame.tooSmall(width: width, height: height)
        }
        var grid = CellGrid(width: width, height: height)
        grid.fill(x: 0, y: 0, width: width, height: 1, role: .header)
        let right = (model.isReachable ? "idea box" : "idea box · not reachable") + " "
        grid.put(" ideate · \(model.board?.title ?? "idea box")", x: 0, y: 0, role: .header, maxWidth: max(1, width - DisplayWidth.of(right) - 1))
        grid.put(right, x: width - DisplayWidth.of(right), y: 0, role: .header)

        grid.put("Your idea:", x: 2, y: 2, role: .heading)
        let boxX = 14, boxWidth = width - boxX - 12
        grid.fill(x: boxX, y: 2, width: boxWidth, height: 1, role: model.focus == .input ? .input : .muted)
        var shown = VisibleText.sanitized(model.input, foldingLineBreaks: true)
        while DisplayWidth.of(shown) > boxWidth - 2, !shown.isEmpty { shown.removeFirst() }
        let used = grid.put(shown, x: boxX, y: 2, role: .input)
        if model.focus == .input { grid.put("▏", x: boxX + used, y: 2, role: .input) }
        grid.put("\(model.input.count)/\(IdeaText.maximumLength)", x: boxX + boxWidth + 2, y: 2, role: .muted)
        let questions = (model.board?.questions.map(\.text) ?? []) + ["Anything else"]
        let chosen = questions[min(model.question, questions.count - 1)]
        grid.put("About: \(chosen)" + (questions.count > 1 ? "  (↑↓ another question)" : ""), x: 2, y: 3, role: .muted, maxWidth: width - 4)
        if let status = model.status {
            grid.put(status.text, x: 2, y: 4, role: status.isProblem ? .warning : .success, maxWidth: width - 4)
        }

        let lines = listLines(model, width: width - 4)
        let top = 6, bottom = height - 2
        let scroll = min(model.scroll, max(0, lines.count - (bottom - top)))
        for (offset, line) in lines.dropFirst(scroll).prefix(bottom - top).enumerated() {
            if line.isChosen { grid.fill(x: 2, y: top + offset, width: width - 4, height: 1, role: .selection) }
            grid.put(line.text, x: 2 + line.indent, y: top + offset, role: line.isChosen ? .selection : line.role, maxWidth: width - 4 - line.indent)
        }
        let hints: [ScreenFrame.KeyHint] = model.focus == .input
            ? [.init(key: "Enter", action: "send"), .init(key: "↑↓", action: "question"), .init(key: "Tab", action: "your ideas"),
               .init(key: "Ctrl-C", action: "quit")]
            : [.init(key: "↑↓", action: "choose"), .init(key: "r", action: "look again"), .init(key: "w", action: "withdraw"),
               .init(key: "Tab", action: "write"), .init(key: "?", action: "help"), .init(key: "q", action: "quit")]
        ScreenFrame.drawFooter(&grid, hints: hints)
        if model.showingHelp {
            Overlays.box(&grid, title: "The idea box", lines: [
                "Type an idea and press Enter: it is kept here until the box says “saved”.",
                "↑↓ while typing: the question your idea answers.",
                "Tab: your ideas and the board. r asks the box again; w withdraws a new idea.",
                "Nobody learns which ideas are yours: this computer asks for many ideas' news",
                "and keeps only its own (in your config folder).", "", "Press ? or Esc to close.",
            ])
        }
        return grid
    }

    struct Line {
        var text: String
        var role: StyleRole
        var indent = 0
        var isChosen = false
    }

    /// "Your ideas" (each with its fate, answer and learning card), then "You said, we did".
    static func listLines(_ model: BoxJoinModel, width: Int) -> [Line] {
        var lines = [Line(text: model.keepsReceipts ? "Your ideas (only this computer knows they are yours)"
                               : "Your ideas this visit (note their numbers)", role: .heading)]
        if model.book.entries.isEmpty { lines.append(Line(text: "None yet: what would make your work easier?", role: .muted, indent: 2)) }
        for (index, entry) in model.book.entries.enumerated() {
            let chosen = model.focus == .list && index == model.chosen
            let number = entry.isUnsent ? "not sent yet" : entry.number ?? "·"
            lines.append(Line(text: "\(number)  \(entry.text)", role: .text, isChosen: chosen))
            lines += details(of: entry.fate, unsent: entry.isUnsent, fromWorkshop: entry.secret == nil, width: width)
        }
        lines.append(Line(text: "", role: .text))
        lines.append(Line(text: "You said, we did", role: .heading))
        let recent = model.board?.recent ?? []
        if recent.isEmpty { lines.append(Line(text: "No decision yet.", role: .muted, indent: 2)) }
        for item in recent {
            lines.append(Line(text: "\(item.id)  \(item.text)  (\(item.date))", role: .text))
            if let fate = item.fate {
                lines += details(of: fate, unsent: false, fromWorkshop: false, width: width)
            } else if let experiment = item.experiment {
                lines.append(Line(text: "Experiment \(stage(experiment.stage)).", role: .accent, indent: 4))
                lines += learning(experiment, width: width)
            }
        }
        // The box's promise, as its page and poster make it.
        lines.append(Line(text: "", role: .text))
        for sentence in BoxPoster.anonymitySentences.prefix(2) + [model.keepsReceipts
            ? "Only this computer knows which ideas are yours: it asks for their answers among hundreds of others."
            : "Over ssh nothing of this visit is kept: note your ideas' numbers and find them on the board."] {
            for text in TextLayout.wrap(sentence, width: max(10, width)) { lines.append(Line(text: text, role: .muted)) }
        }
        return lines
    }

    private static func details(of notice: FateNotice?, unsent: Bool, fromWorkshop: Bool, width: Int) -> [Line] {
        if unsent { return [Line(text: "Kept on this computer; sent as soon as the box can be reached.", role: .warning, indent: 4)] }
        guard let notice else {
            return [Line(text: fromWorkshop ? "From a workshop: kept with the company's ideas; news will appear here."
                                             : "New: waiting for the next review.", role: .muted, indent: 4)]
        }
        var lines = [Line(text: sentence(notice), role: .accent, indent: 4)]
        if let answer = notice.answer {
            for text in TextLayout.wrap("Answer (\(notice.answered?.description ?? "")): \(answer)", width: max(10, width - 6)) {
                lines.append(Line(text: text, role: .prompt, indent: 6))
            }
        }
        if let experiment = notice.experiment { lines += learning(experiment, width: width) }
        return lines
    }

    private static func learning(_ experiment: ExperimentNotice, width: Int) -> [Line] {
        guard experiment.stage == .learned else { return [] }
        let rows = [("Outcome", experiment.outcome?.rawValue), ("We believed", experiment.believed), ("We observed", experiment.observed),
                    ("We learned", experiment.learned), ("Therefore we will", experiment.decision)]
        return rows.compactMap { label, value in value.map { Line(text: "\(label): \($0)", role: .text, indent: 6) } }
    }

    private static func stage(_ stage: Experiment.Stage) -> String {
        switch stage {
        case .planned: "planned"
        case .running: "running now"
        case .learned: "done: here is what it taught"
        }
    }

    /// The fate in a sentence, as the box page says it.
    static func sentence(_ notice: FateNotice) -> String {
        switch notice.fate {
        case .new: return "New: waiting for the next review."
        case .kept: return "Kept in the backlog for later."
        case .workshop: return "Taken to the next workshop."
        case .declined: return "Declined."
        case .experiment:
            return notice.experiment.map { "Became experiment \($0.id) (\(stage($0.stage)))." } ?? "Became an experiment."
        case .merged:
            var text = "Merged into \(notice.into ?? "another idea"), followed there"
            if let experiment = notice.experiment {
                text += ": experiment \(experiment.id) (\(stage(experiment.stage)))"
            } else if let then = notice.then {
                let kinds: [FateNotice.Kind: String] = [.new: "new", .kept: "kept in the backlog", .merged: "merged",
                                                        .experiment: "an experiment", .workshop: "taken to the next workshop", .declined: "declined"]
                text += ": " + (kinds[then] ?? then.rawValue)
            }
            return text + "."
        }
    }
}
