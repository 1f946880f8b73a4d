import IdeateCore
import IdeateProtocol

/// The participant's screen as a function of their model: the question, the time left, a text
/// box with a character count, their own ideas and how far each got; in the vote, the ideas
/// with their dots; afterwards the results, read-only.
public enum ParticipantScreen {
    public static func render(_ model: ParticipantModel, now: Instant, width: Int, height: Int) -> CellGrid {
        guard width >= ScreenFrame.minimumWidth, height >= ScreenFrame.minimumHeight else {
            return ScreenFrame.tooSmall(width: width, height: height)
        }
        var grid = CellGrid(width: width, height: height)
        let t = Localizer(model.language)
        grid.fill(x: 0, y: 0, width: width, height: 1, role: .header)
        if let entry = model.codeEntry {
            drawCodeEntry(&grid, entry: entry, model: model, t)
            return grid
        }
        guard let view = model.view else {
            grid.put(" ideate · " + t(ParticipantPhrase.joining), x: 0, y: 0, role: .header)
            grid.put(model.connection.shown(t), x: 2, y: 2, role: .muted)
            drawBottom(&grid, model: model, hints: [(t.ctrl("C"), t(ParticipantPhrase.keyLeave))], t)
            return grid
        }
        let round = t(ParticipantPhrase.round, ["round": .number(view.round), "rounds": .number(view.rounds)])
        let right = "\(round) · \(view.stage.title(t)) · \(model.connection.shown(t)) "
        grid.put(" ideate · \(view.title)", x: 0, y: 0, role: .header, maxWidth: max(1, width - DisplayWidth.of(right) - 1))
        grid.put(right, x: width - DisplayWidth.of(right), y: 0, role: .header)
        var y = 2
        for line in TextLayout.wrap(VisibleText.sanitized(view.prompt, foldingLineBreaks: true), width: width - 4, maxLines: 2) {
            grid.put(line, x: 2, y: y, role: .prompt)
            y += 1
        }
        y += 1
        if let remaining = model.remainingMilliseconds(at: now) {
            let clock = BigDigits.clockText(milliseconds: remaining)
            let role = Countdown.role(remaining: remaining, paused: view.paused, locked: view.locked)
            let label = view.locked ? t(ParticipantPhrase.timeUp) : view.paused ? t(ConsolePhrase.pausedShort)
                : remaining <= 60_000 ? t(ParticipantPhrase.lastMinute) : t(ParticipantPhrase.left)
            grid.put("⏱ \(clock) \(label)", x: 2, y: y, role: role)
            y += 2
        }
        var hints: [(String, String)] = []
        switch view.stage {
        case .phase(.ideate), .phase(.build):
            hints = drawIdeaFlow(&grid, model: model, view: view, y: y, t)
        case .phase(.vote) where view.results == nil:
            hints = drawVote(&grid, model: model, view: view, y: y, t)
        case .phase(.rate):
            hints = drawRating(&grid, model: model, view: view, y: y, t)
        case .phase(.group):
            var listY = y + 1
            for line in TextLayout.wrap(t(ParticipantPhrase.grouping), width: width - 4, maxLines: 2) {
                grid.put(line, x: 2, y: listY - 1, role: .text)
                listY += 1
            }
            drawList(&grid, items: (view.wall ?? []).map { ($0.text, "") }, model: model, y: listY, t)
            hints = [("↑↓", t(ParticipantPhrase.keyScroll))]
        case .phase(.vote), .phase(.review), .finished:
            let heading = view.stage == .finished ? t(ParticipantPhrase.ended) : t(ParticipantPhrase.results)
            grid.put(heading, x: 2, y: y, role: .title, maxWidth: width - 4)
            var listY = y + 2
            if view.stage == .finished, let numbers = view.myNumbers {
                let listed: PhraseArgument = .text(numbers.joined(separator: ", "))
                let line = view.ideaBox.map { t(ParticipantPhrase.numbersBox, ["numbers": listed, "box": .text($0)]) }
                    ?? t(ParticipantPhrase.numbersFollowup, ["numbers": listed])
                for text in TextLayout.wrap(line, width: width - 4, maxLines: 3) {
                    grid.put(text, x: 2, y: listY, role: .accent)
                    listY += 1
                }
                listY += 1
            }
            let results = (view.results ?? []).map { ("\($0.shortlisted ? "★ " : "  ")\($0.text)", t.number($0.votes)) }
            drawList(&grid, items: results, model: model, y: listY, t)
            hints = [("↑↓", t(ParticipantPhrase.keyScroll))]
        case .lobby:
            var lineY = y
            let lines: [(ParticipantPhrase, StyleRole)] = [(.lobbyIn, .title), (.lobbyAnonymous, .text), (.lobbyNoJudging, .text)]
            for (phrase, role) in lines {
                for line in TextLayout.wrap(t(phrase), width: width - 4, maxLines: 2) {
                    grid.put(line, x: 2, y: lineY, role: role)
                    lineY += 1
                }
            }
            if let round = view.followupRound {
                grid.put(t(ParticipantPhrase.earlierIdeas), x: 2, y: lineY + 1, role: .heading, maxWidth: width - 4)
                drawList(&grid, items: round.lines(t), model: model, y: lineY + 2, t)
                hints = [("↑↓", t(ParticipantPhrase.keyScroll))]
            }
        }
        let quitKey = model.ideasFlow && model.focus == .input ? t(CommonPhrase.keyEscape) : "q"
        drawBottom(&grid, model: model, hints: hints + [("?", t(ConsolePhrase.keyHelp)), (quitKey, t(ConsolePhrase.keyQuit))], t)
        if model.showingHelp {
            Overlays.box(&grid, title: t(ParticipantPhrase.helpTitle), lines: [
                t(ParticipantPhrase.helpFlow), t(ParticipantPhrase.helpOwn),
                t(ParticipantPhrase.helpDone, ["key": .text(t.ctrl("D"))]), t(ParticipantPhrase.helpVote), t(ParticipantPhrase.helpRate),
                t(ParticipantPhrase.helpLeave), "", t(ParticipantPhrase.helpClose),
            ])
        }
        if model.confirmingQuit {
            Overlays.box(&grid, title: t(ParticipantPhrase.leaveTitle), lines: [
                t(ParticipantPhrase.leaveSaved), "", t(ParticipantPhrase.leaveChoice),
            ])
        }
        return grid
    }

    private static func drawIdeaFlow(_ grid: inout CellGrid, model: ParticipantModel, view: ParticipantView, y: Int,
                                     _ t: Localizer) -> [(String, String)] {
        var y = y
        if view.stage == .phase(.build) {
            if let base = view.buildOn {
                grid.put(t(ParticipantPhrase.buildOn), x: 2, y: y, role: .heading, maxWidth: grid.width - 4)
                grid.put(base.text, x: 4, y: y + 1, role: .accent, maxWidth: grid.width - 6)
            } else {
                grid.put(t(ParticipantPhrase.waitingToBuild), x: 2, y: y, role: .muted, maxWidth: grid.width - 4)
            }
            y += 3
        }
        let label = model.editing == nil ? t(ParticipantPhrase.yourIdea) : t(ParticipantPhrase.edit)
        let boxX = max(14, DisplayWidth.of(label) + 4), boxWidth = grid.width - boxX - 14
        grid.put(label, x: 2, y: y, role: .heading)
        grid.fill(x: boxX, y: y, width: boxWidth, height: 1, role: model.focus == .input ? .input : .muted)
        var shown = VisibleText.sanitized(model.input, foldingLineBreaks: true)
        while DisplayWidth.of(shown) > boxWidth - 2, !shown.isEmpty { shown.removeFirst() }
        let used = grid.put(shown, x: boxX, y: y, role: .input)
        if model.focus == .input { grid.put("▏", x: boxX + used, y: y, role: .input) }
        grid.put("\(t.number(model.input.count))/\(t.number(IdeaText.maximumLength))", x: boxX + boxWidth + 2, y: y, role: .muted)
        y += 2
        if view.done == true {
            let said = TextLayout.wrap("✓ " + t(ParticipantPhrase.doneSaid, ["key": .text(t.ctrl("D"))]), width: grid.width - 4, maxLines: 2)
            for line in said {
                grid.put(line, x: 2, y: y, role: .accent)
                y += 1
            }
            y += 1
        }
        grid.put(t(ParticipantPhrase.yourIdeas), x: 2, y: y, role: .heading, maxWidth: grid.width - 4)
        let items = model.myIdeas.map { idea -> (String, String) in
            let status: ParticipantPhrase
            switch idea.status {
            case .sending: status = .sending
            case .saved: status = .saved
            case .held: status = .savedHeld
            case .late: status = .late
            case .withdrawn: status = .withdrawn
            case .refused: status = .notSaved
            }
            return (idea.text, t(status))
        }
        var listModel = model
        if model.focus == .input { listModel.cursor = -1 }
        drawList(&grid, items: items, model: listModel, y: y + 1, t)
        let doneHint = view.done.map { done in
            (model.focus == .input ? t.ctrl("D") : "d", t(done ? ParticipantPhrase.keyNotDone : ParticipantPhrase.keyDone))
        }
        return (model.focus == .input
            ? [(t(CommonPhrase.keyEnter), t(ParticipantPhrase.keySend)), ("Tab", t(ParticipantPhrase.keyMyIdeas))]
            : [("e", t(ParticipantPhrase.keyEdit)), ("w", t(ParticipantPhrase.keyWithdraw)), ("Tab", t(ParticipantPhrase.keyType))])
            + (doneHint.map { [$0] } ?? [])
    }

    /// Rating: each shortlisted idea with this person's impact and effort (or what is typed so
    /// far); once closed, the room's medians, the disputed ones flagged.
    private static func drawRating(_ grid: inout CellGrid, model: ParticipantModel, view: ParticipantView, y: Int,
                                   _ t: Localizer) -> [(String, String)] {
        var listY = y
        guard let ideas = view.toRate else {
            for line in TextLayout.wrap(t(ParticipantPhrase.ratingsHeading), width: grid.width - 4, maxLines: 2) {
                grid.put(line, x: 2, y: listY, role: .title)
                listY += 1
            }
            let items = (view.ratings ?? []).map { result -> (String, String) in
                let figures = t(ParticipantPhrase.rateNote, ["impact": .text(RatingChart.median(result.impact, t)),
                                                            "effort": .text(RatingChart.median(result.effort, t))])
                return (result.text, result.disputed ? figures + " ⚑" : figures)
            }
            drawList(&grid, items: items, model: model, y: listY + 1, t)
            return [("↑↓", t(ParticipantPhrase.keyScroll))]
        }
        for line in TextLayout.wrap(t(ParticipantPhrase.rateHeading), width: grid.width - 4, maxLines: 2) {
            grid.put(line, x: 2, y: listY, role: .text)
            listY += 1
        }
        let items = ideas.enumerated().map { index, idea -> (String, String) in
            if index == model.cursor, let impact = model.ratingImpact {
                return (idea.text, t(ParticipantPhrase.rateNote, ["impact": .number(impact), "effort": "?"]))
            }
            guard let mine = view.myRatings?[idea.id] else { return (idea.text, t(ParticipantPhrase.notRated)) }
            return (idea.text, t(ParticipantPhrase.rateNote, ["impact": .number(mine.impact), "effort": .number(mine.effort)]))
        }
        drawList(&grid, items: items, model: model, y: listY + 1, t)
        return [("↑↓", t(ParticipantPhrase.keyChoose)), ("1–5", t(ParticipantPhrase.keyRateDigits))]
    }

    private static func drawVote(_ grid: inout CellGrid, model: ParticipantModel, view: ParticipantView, y: Int,
                                 _ t: Localizer) -> [(String, String)] {
        let left = view.dotsLeft ?? 0
        let budget = t(ParticipantPhrase.dotsLeft, ["left": .number(left), "count": .number(view.votesPerPerson), "max": .number(view.maxVotesPerIdea)])
        var lineY = y
        for line in TextLayout.wrap(budget, width: grid.width - 4, maxLines: 2) {
            grid.put(line, x: 2, y: lineY, role: left > 0 ? .title : .muted)
            lineY += 1
        }
        let items = (view.wall ?? []).map { idea -> (String, String) in
            let dots = view.myDots?[idea.id] ?? 0
            return (idea.text, dots == 0 ? "" : String(repeating: "● ", count: dots) + t(ParticipantPhrase.mine))
        }
        drawList(&grid, items: items, model: model, y: lineY + 1, t)
        return [("↑↓", t(ParticipantPhrase.keyChoose)), (t(CommonPhrase.keySpace), t(ParticipantPhrase.keyPlaceDot)),
                (t(ParticipantPhrase.keyBackspace), t(ParticipantPhrase.keyTakeBack))]
    }

    /// A list of (text, right-hand note) rows, scrolled to keep the cursor visible, above the
    /// notice and the keys. A text too long for its row wraps onto a second; the notes' column
    /// is as wide as its longest note (at least 16, at most a third of the list).
    private static func drawList(_ grid: inout CellGrid, items: [(String, String)], model: ParticipantModel, y: Int, _ t: Localizer) {
        let list = ScrollingList(x: 2, y: y, width: grid.width - 4, height: grid.height - bottomRows(model, width: grid.width, t) - y)
        let noteWidth = min(list.width / 3, max(16, items.map { DisplayWidth.of($0.1) }.max() ?? 0))
        let textWidth = max(1, list.width - noteWidth - 2)
        let lines = items.map { item -> [String] in
            let text = VisibleText.sanitized(item.0, foldingLineBreaks: true)
            return DisplayWidth.of(text) <= textWidth ? [text] : TextLayout.wrap(text, width: textWidth, maxLines: 2)
        }
        // A long note ("saved, waiting for the facilitator") wraps beside its idea rather than being cut.
        let notes = items.map { TextLayout.wrap($0.1, width: noteWidth, maxLines: 3) }
        let height = { (index: Int) in max(1, lines[index].count, notes[index].count) }
        list.draw(&grid, count: items.count, cursor: model.cursor, scroll: 0, itemHeight: height) { grid, index, x, y, selected in
            if selected { grid.fill(x: x, y: y, width: list.width, height: height(index), role: .selection) }
            for (row, line) in lines[index].enumerated() {
                grid.put(line, x: x, y: y + row, role: selected ? .selection : .text, maxWidth: textWidth)
            }
            for (row, note) in notes[index].enumerated() {
                grid.put(note, x: x + list.width - noteWidth, y: y + row, role: selected ? .selection : .accent, maxWidth: noteWidth)
            }
        }
    }

    /// The notice, wrapped onto at most two rows above the keys.
    private static func noticeLines(_ model: ParticipantModel, width: Int, _ t: Localizer) -> [String] {
        guard let notice = model.notice else { return [] }
        return TextLayout.wrap(t(notice), width: width - 2, maxLines: 2)
    }

    /// Rows kept at the bottom: the keys, and the notice's one or two rows.
    private static func bottomRows(_ model: ParticipantModel, width: Int, _ t: Localizer) -> Int {
        1 + max(1, noticeLines(model, width: width, t).count)
    }

    /// The join code asked for inside the screen: the box, what went wrong last time, and
    /// that the code is on the shared screen.
    private static func drawCodeEntry(_ grid: inout CellGrid, entry: ParticipantModel.CodeEntry, model: ParticipantModel, _ t: Localizer) {
        grid.put(" ideate · " + t(ParticipantPhrase.joinWorkshop), x: 0, y: 0, role: .header)
        grid.put(t(ParticipantPhrase.typeCode), x: 2, y: 2, role: .title, maxWidth: grid.width - 4)
        let boxWidth = JoinCode.maximumLength + 2
        let label = t(ParticipantPhrase.codeLabel)
        let boxX = max(12, DisplayWidth.of(label) + 3)
        grid.put(label, x: 2, y: 4, role: .text)
        grid.fill(x: boxX, y: 4, width: boxWidth, height: 1, role: .input)
        grid.put(entry.text + (entry.isChecking ? "" : "▏"), x: boxX + 1, y: 4, role: .input, maxWidth: boxWidth - 1)
        if entry.isChecking {
            grid.put(t(ParticipantPhrase.checking), x: boxX + boxWidth + 2, y: 4, role: .muted)
        }
        if let problem = entry.problem {
            var y = 6
            for line in TextLayout.wrap(t(problem), width: grid.width - 4, maxLines: 3) {
                grid.put(line, x: 2, y: y, role: .warning)
                y += 1
            }
        }
        var y = 10
        for line in TextLayout.wrap(t(ParticipantPhrase.noName), width: grid.width - 4, maxLines: 2) {
            grid.put(line, x: 2, y: y, role: .muted)
            y += 1
        }
        drawBottom(&grid, model: model, hints: [(t(CommonPhrase.keyEnter), t(ParticipantPhrase.keyJoin)), ("?", t(ConsolePhrase.keyHelp)),
                                                (t(CommonPhrase.keyEscape), t(ParticipantPhrase.keyLeave))], t)
        if model.showingHelp {
            Overlays.box(&grid, title: t(ParticipantPhrase.helpTitle), lines: [
                t(ParticipantPhrase.helpCode), t(ParticipantPhrase.helpCodeKeys), "", t(ParticipantPhrase.helpClose),
            ])
        }
        if model.confirmingQuit {
            Overlays.box(&grid, title: t(ParticipantPhrase.leaveTitle), lines: [t(ParticipantPhrase.notJoinedYet), "", t(ParticipantPhrase.leaveChoice)])
        }
    }

    private static func drawBottom(_ grid: inout CellGrid, model: ParticipantModel, hints: [(String, String)], _ t: Localizer) {
        let notice = noticeLines(model, width: grid.width, t)
        for (row, line) in notice.enumerated() {
            grid.put(" " + line, x: 0, y: grid.height - 1 - notice.count + row, role: .warning)
        }
        ScreenFrame.drawFooter(&grid, hints: hints.map { ScreenFrame.KeyHint(key: $0.0, action: $0.1) })
    }
}

extension ParticipantView.Stage {
    /// The stage as the screen's header names it.
    fileprivate func title(_ t: Localizer) -> String {
        switch self {
        case .lobby: t(ParticipantPhrase.stageLobby)
        case let .phase(phase): t.name(of: phase)
        case .finished: t(ParticipantPhrase.stageFinished)
        }
    }
}

extension ConnectionState {
    /// The connection as the screen shows it.
    fileprivate func shown(_ t: Localizer) -> String {
        switch self {
        case .connecting: t(ParticipantPhrase.connecting)
        case .connected: t(ParticipantPhrase.connected)
        case let .reconnecting(reason): t(ParticipantPhrase.reconnecting, ["reason": .text(t(reason))])
        case .notJoined: t(ParticipantPhrase.notJoined)
        case .closed: t(ParticipantPhrase.notConnected)
        }
    }
}

extension FollowupRound {
    /// One line per experiment and action item, with a short note, as a terminal lists them:
    /// the outcome and what was learned, or that it still runs; who does an action item by when.
    func lines(_ t: Localizer) -> [(String, String)] {
        experiments.map { experiment in
            let title = "\(experiment.id) \(experiment.title)"
            guard let learning = experiment.learning else { return (title, t(ParticipantPhrase.stillRunning)) }
            return (t(ParticipantPhrase.weLearned, ["title": .text(title), "learned": .text(learning.learned)]), t.name(of: learning.outcome))
        } + actionItems.map { item in
            let note = item.isStuck ? t(ParticipantPhrase.stuck) : item.isOverdue ? t(ConsolePhrase.itemOverdue)
                : item.due.map { t(ConsolePhrase.itemDue, ["date": .text(t.date($0))]) } ?? t(ParticipantPhrase.open)
            return ("\(item.id) " + t(ParticipantPhrase.actionItem, ["what": .text(item.what), "owner": .text(item.owner)]), note)
        }
    }
}
