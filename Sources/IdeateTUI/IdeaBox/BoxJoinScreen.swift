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
        let t = Localizer(model.language)
        grid.fill(x: 0, y: 0, width: width, height: 1, role: .header)
        let right = t(model.isReachable ? BoxPhrase.headerBox : BoxPhrase.headerUnreachable) + " "
        grid.put(" ideate · \(model.board?.title ?? t(BoxPhrase.title))", x: 0, y: 0, role: .header, maxWidth: max(1, width - DisplayWidth.of(right) - 1))
        grid.put(right, x: width - DisplayWidth.of(right), y: 0, role: .header)

        let label = t(ParticipantPhrase.yourIdea)
        grid.put(label, x: 2, y: 2, role: .heading)
        let boxX = max(14, DisplayWidth.of(label) + 4), boxWidth = width - boxX - 12
        grid.fill(x: boxX, y: 2, width: boxWidth, height: 1, role: model.focus == .input ? .input : .muted)
        var shown = VisibleText.sanitized(model.input, foldingLineBreaks: true)
        while DisplayWidth.of(shown) > boxWidth - 2, !shown.isEmpty { shown.removeFirst() }
        let used = grid.put(shown, x: boxX, y: 2, role: .input)
        if model.focus == .input { grid.put("▏", x: boxX + used, y: 2, role: .input) }
        grid.put("\(t.number(model.input.count))/\(t.number(IdeaText.maximumLength))", x: boxX + boxWidth + 2, y: 2, role: .muted)
        let questions = (model.board?.questions.map(\.text) ?? []) + [t(BoxPhrase.anythingElse)]
        let chosen = questions[min(model.question, questions.count - 1)]
        let about = t(BoxPhrase.about, ["question": .text(chosen)]) + (questions.count > 1 ? "  " + t(BoxPhrase.anotherQuestion) : "")
        grid.put(about, x: 2, y: 3, role: .muted, maxWidth: width - 4)
        if let status = model.status {
            // Two rows (4 and 5) before the list: a longer language's sentence wraps, never cut.
            for (row, line) in TextLayout.wrap(t(status.sentence), width: width - 4, maxLines: 2).enumerated() {
                grid.put(line, x: 2, y: 4 + row, role: status.isProblem ? .warning : .success)
            }
        }

        let lines = listLines(model, width: width - 4)
        let top = 6, bottom = height - 2
        let scroll = min(model.scroll, max(0, lines.count - (bottom - top)))
        for (offset, line) in lines.dropFirst(scroll).prefix(bottom - top).enumerated() {
            if line.isChosen { grid.fill(x: 2, y: top + offset, width: width - 4, height: 1, role: .selection) }
            grid.put(line.text, x: 2 + line.indent, y: top + offset, role: line.isChosen ? .selection : line.role, maxWidth: width - 4 - line.indent)
        }
        let hints: [ScreenFrame.KeyHint] = model.focus == .input
            ? [.init(key: t(CommonPhrase.keyEnter), action: t(ParticipantPhrase.keySend)), .init(key: "↑↓", action: t(BoxPhrase.keyQuestion)),
               .init(key: "Tab", action: t(BoxPhrase.keyYourIdeas)), .init(key: t.ctrl("C"), action: t(ConsolePhrase.keyQuit))]
            : [.init(key: "↑↓", action: t(ParticipantPhrase.keyChoose)), .init(key: "r", action: t(BoxPhrase.keyLookAgain)),
               .init(key: "w", action: t(ParticipantPhrase.keyWithdraw)), .init(key: "Tab", action: t(BoxPhrase.keyWrite)),
               .init(key: "?", action: t(ConsolePhrase.keyHelp)), .init(key: "q", action: t(ConsolePhrase.keyQuit))]
        ScreenFrame.drawFooter(&grid, hints: hints)
        if model.showingHelp {
            Overlays.box(&grid, title: t(BoxPhrase.helpTitle), lines: [
                t(BoxPhrase.helpType), t(BoxPhrase.helpQuestion), t(BoxPhrase.helpTab), t(BoxPhrase.helpPrivacy), "", t(ParticipantPhrase.helpClose),
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
        let t = Localizer(model.language)
        var lines = [Line(text: t(model.keepsReceipts ? BoxPhrase.yourIdeasComputer : BoxPhrase.yourIdeasVisit), role: .heading)]
        if model.book.entries.isEmpty { lines.append(Line(text: t(BoxPhrase.noneYet), role: .muted, indent: 2)) }
        for (index, entry) in model.book.entries.enumerated() {
            let chosen = model.focus == .list && index == model.chosen
            let number = entry.isUnsent ? t(BoxPhrase.notSentYet) : entry.number ?? "·"
            lines.append(Line(text: "\(number)  \(entry.text)", role: .text, isChosen: chosen))
            lines += details(of: entry.fate, unsent: entry.isUnsent, fromWorkshop: entry.secret == nil, width: width, t)
        }
        lines.append(Line(text: "", role: .text))
        lines.append(Line(text: t(BoxPhrase.youSaid), role: .heading))
        let recent = model.board?.recent ?? []
        if recent.isEmpty { lines.append(Line(text: t(BoxPhrase.noDecisionYet), role: .muted, indent: 2)) }
        for item in recent {
            lines.append(Line(text: "\(item.id)  \(item.text)  (\(t.date(item.date)))", role: .text))
            if let fate = item.fate {
                lines += details(of: fate, unsent: false, fromWorkshop: false, width: width, t)
            } else if let experiment = item.experiment {
                let stage = t(BoxPhrase.experimentStage, ["stage": .text(t.name(of: experiment.stage))])
                lines += TextLayout.wrap(stage, width: max(10, width - 4)).map { Line(text: $0, role: .accent, indent: 4) }
                lines += learning(experiment, width: width, t)
            }
        }
        // The box's promise, as its page and poster make it.
        lines.append(Line(text: "", role: .text))
        for phrase in BoxPoster.anonymityPhrases.prefix(2) + [model.keepsReceipts ? BoxPhrase.onlyThisComputer : BoxPhrase.overSSH] {
            for text in TextLayout.wrap(t(phrase), width: max(10, width)) { lines.append(Line(text: text, role: .muted)) }
        }
        return lines
    }

    private static func details(of notice: FateNotice?, unsent: Bool, fromWorkshop: Bool, width: Int, _ t: Localizer) -> [Line] {
        /// A sentence under an idea, wrapped to the list's width (indented by 4).
        func wrapped(_ sentence: String, role: StyleRole) -> [Line] {
            TextLayout.wrap(sentence, width: max(10, width - 4)).map { Line(text: $0, role: role, indent: 4) }
        }
        if unsent { return wrapped(t(BoxPhrase.keptComputer), role: .warning) }
        guard let notice else { return wrapped(t(fromWorkshop ? BoxPhrase.fateFromAWorkshop : BoxPhrase.fateNew), role: .muted) }
        var lines = wrapped(t.sentence(of: notice), role: .accent)
        if let answer = notice.answer {
            let said = t(BoxPhrase.answer, ["date": .text(notice.answered.map(t.date) ?? ""), "answer": .text(answer)])
            for text in TextLayout.wrap(said, width: max(10, width - 6)) {
                lines.append(Line(text: text, role: .prompt, indent: 6))
            }
        }
        if let experiment = notice.experiment { lines += learning(experiment, width: width, t) }
        return lines
    }

    private static func learning(_ experiment: ExperimentNotice, width: Int, _ t: Localizer) -> [Line] {
        guard experiment.stage == .learned else { return [] }
        let rows: [(MinutesPhrase, String?)] = [(.learningOutcome, experiment.outcome.map(t.name(of:))), (.learningBelieved, experiment.believed),
                                                (.learningObserved, experiment.observed), (.learningLearned, experiment.learned),
                                                (.learningDecision, experiment.decision.map(t.name(of:)))]
        return rows.compactMap { label, value in value.map { Line(text: "\(t(label)): \($0)", role: .text, indent: 6) } }
    }
}
