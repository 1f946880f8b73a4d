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
        grid.fill(x: 0, y: 0, width: width, height: 1, role: .header)
        if let entry = model.codeEntry {
            drawCodeEntry(&grid, entry: entry, model: model)
            return grid
        }
        guard let view = model.view else {
            grid.put(" ideate · joining…", x: 0, y: 0, role: .header)
            grid.put(model.connection.shown, x: 2, y: 2, role: .muted)
            drawBottom(&grid, model: model, hints: [("Ctrl-C", "leave")])
            return grid
        }
        let right = "Round \(view.round)/\(view.rounds) · \(view.stage.title) · \(model.connection.shown) "
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
            let label = view.locked ? "time is up" : view.paused ? "PAUSED" : remaining <= 60_000 ? "last minute" : "left"
            grid.put("⏱ \(clock) \(label)", x: 2, y: y, role: role)
            y += 2
        }
        var hints: [(String, String)] = []
        switch view.stage {
        case .phase(.ideate), .phase(.build):
            hints = drawIdeaFlow(&grid, model: model, view: view, y: y)
        case .phase(.vote) where view.results == nil:
            hints = drawVote(&grid, model: model, view: view, y: y)
        case .phase(.group):
            grid.put("The facilitator is grouping the ideas. The vote comes next.", x: 2, y: y, role: .text)
            drawList(&grid, items: (view.wall ?? []).map { ($0.text, "") }, model: model, y: y + 2)
            hints = [("↑↓", "scroll")]
        case .phase(.vote), .phase(.review), .finished:
            let heading = view.stage == .finished ? "The workshop has ended — thank you!" : "Results (★ shortlist)"
            grid.put(heading, x: 2, y: y, role: .title)
            var listY = y + 2
            if view.stage == .finished, let numbers = view.myNumbers {
                let line = "Your ideas are in the company's portfolio as \(numbers.joined(separator: ", ")): note them; "
                    + (view.ideaBox.map { "the idea box (\($0)) shows what becomes of them." } ?? "the follow-up shows what becomes of them.")
                for text in TextLayout.wrap(line, width: width - 4, maxLines: 2) {
                    grid.put(text, x: 2, y: listY, role: .accent)
                    listY += 1
                }
                listY += 1
            }
            let results = (view.results ?? []).map { ("\($0.shortlisted ? "★ " : "  ")\($0.text)", "\($0.votes)") }
            drawList(&grid, items: results, model: model, y: listY)
            hints = [("↑↓", "scroll")]
        case .lobby:
            let lines = [
                "You are in. The facilitator will start the first round soon.",
                "Your ideas are anonymous: nobody, not even the facilitator, sees who wrote what.",
                "Nobody judges ideas while they flow; comments and votes come later.",
            ]
            for (index, line) in lines.enumerated() { grid.put(line, x: 2, y: y + index, role: index == 0 ? .title : .text, maxWidth: width - 4) }
            if let round = view.followupRound {
                grid.put("First, what became of earlier ideas:", x: 2, y: y + 4, role: .heading, maxWidth: width - 4)
                drawList(&grid, items: round.lines.map { ($0.text, $0.note) }, model: model, y: y + 5)
                hints = [("↑↓", "scroll")]
            }
        }
        drawBottom(&grid, model: model, hints: hints + [("?", "help"), (model.ideasFlow && model.focus == .input ? "Esc" : "q", "quit")])
        if model.showingHelp {
            Overlays.box(&grid, title: "Keys", lines: [
                "While ideas flow: type, Enter sends. Tab or ↓ goes to your ideas:",
                "  e edit · w withdraw · Tab back to typing",
                "In the vote: ↑↓ choose · Space or + places a dot · Backspace or - takes it back",
                "Ctrl-C leaves at once; your ideas are already saved.", "", "Press ? or Esc to close.",
            ])
        }
        if model.confirmingQuit {
            Overlays.box(&grid, title: "Leave the workshop?", lines: [
                "Your saved ideas stay. You can join again with the same command.", "", "y  leave      n  stay",
            ])
        }
        return grid
    }

    private static func drawIdeaFlow(_ grid: inout CellGrid, model: ParticipantModel, view: ParticipantView, y: Int) -> [(String, String)] {
        var y = y
        if view.stage == .phase(.build) {
            if let base = view.buildOn {
                grid.put("Build on this idea — “yes, and …”:", x: 2, y: y, role: .heading)
                grid.put(base.text, x: 4, y: y + 1, role: .accent, maxWidth: grid.width - 6)
            } else {
                grid.put("Waiting for an idea to build on…", x: 2, y: y, role: .muted)
            }
            y += 3
        }
        let label = model.editing == nil ? "Your idea:" : "Edit:"
        grid.put(label, x: 2, y: y, role: .heading)
        let boxX = 14, boxWidth = grid.width - boxX - 14
        grid.fill(x: boxX, y: y, width: boxWidth, height: 1, role: model.focus == .input ? .input : .muted)
        var shown = VisibleText.sanitized(model.input, foldingLineBreaks: true)
        while DisplayWidth.of(shown) > boxWidth - 2, !shown.isEmpty { shown.removeFirst() }
        let used = grid.put(shown, x: boxX, y: y, role: .input)
        if model.focus == .input { grid.put("▏", x: boxX + used, y: y, role: .input) }
        grid.put("\(model.input.count)/\(IdeaText.maximumLength)", x: boxX + boxWidth + 2, y: y, role: .muted)
        y += 2
        grid.put("Your ideas (only you see this list)", x: 2, y: y, role: .heading)
        let items = model.myIdeas.map { idea -> (String, String) in
            let status: String
            switch idea.status {
            case .sending: status = "sending…"
            case .saved: status = "saved ✓"
            case .late: status = "late — kept"
            case .withdrawn: status = "withdrawn"
            case .refused: status = "not saved"
            }
            return (idea.text, status)
        }
        var listModel = model
        if model.focus == .input { listModel.cursor = -1 }
        drawList(&grid, items: items, model: listModel, y: y + 1)
        return model.focus == .input ? [("Enter", "send"), ("Tab", "my ideas")] : [("e", "edit"), ("w", "withdraw"), ("Tab", "type")]
    }

    private static func drawVote(_ grid: inout CellGrid, model: ParticipantModel, view: ParticipantView, y: Int) -> [(String, String)] {
        let left = view.dotsLeft ?? 0
        grid.put("\(left) of \(view.votesPerPerson) dots left · at most \(view.maxVotesPerIdea) per idea · counts stay hidden until the vote closes",
                 x: 2, y: y, role: left > 0 ? .title : .muted, maxWidth: grid.width - 4)
        let items = (view.wall ?? []).map { idea -> (String, String) in
            let dots = view.myDots?[idea.id] ?? 0
            return (idea.text, dots == 0 ? "" : String(repeating: "● ", count: dots) + "mine")
        }
        drawList(&grid, items: items, model: model, y: y + 2)
        return [("↑↓", "choose"), ("Space", "place dot"), ("Backspace", "take back")]
    }

    /// A list of (text, right-hand note) rows, scrolled to keep the cursor visible.
    private static func drawList(_ grid: inout CellGrid, items: [(String, String)], model: ParticipantModel, y: Int) {
        let list = ScrollingList(x: 2, y: y, width: grid.width - 4, height: grid.height - 2 - y)
        let noteWidth = 16
        list.draw(&grid, count: items.count, cursor: model.cursor, scroll: 0, itemHeight: { _ in 1 }) { grid, index, x, y, selected in
            if selected { grid.fill(x: x, y: y, width: list.width, height: 1, role: .selection) }
            grid.put(items[index].0, x: x, y: y, role: selected ? .selection : .text, maxWidth: list.width - noteWidth - 2)
            grid.put(items[index].1, x: x + list.width - noteWidth, y: y, role: selected ? .selection : .accent, maxWidth: noteWidth)
        }
    }

    /// The join code asked for inside the screen: the box, what went wrong last time, and
    /// that the code is on the shared screen.
    private static func drawCodeEntry(_ grid: inout CellGrid, entry: ParticipantModel.CodeEntry, model: ParticipantModel) {
        grid.put(" ideate · join a workshop", x: 0, y: 0, role: .header)
        grid.put("Type the join code shown on the shared screen.", x: 2, y: 2, role: .title, maxWidth: grid.width - 4)
        let boxWidth = JoinCode.maximumLength + 2
        grid.put("Join code ", x: 2, y: 4, role: .text)
        grid.fill(x: 12, y: 4, width: boxWidth, height: 1, role: .input)
        grid.put(entry.text + (entry.isChecking ? "" : "▏"), x: 13, y: 4, role: .input, maxWidth: boxWidth - 1)
        if entry.isChecking {
            grid.put("checking…", x: 12 + boxWidth + 2, y: 4, role: .muted)
        }
        if let problem = entry.problem {
            var y = 6
            for line in TextLayout.wrap(problem, width: grid.width - 4, maxLines: 3) {
                grid.put(line, x: 2, y: y, role: .warning)
                y += 1
            }
        }
        grid.put("Your ideas carry no name: nobody, not even the facilitator, sees who wrote what.",
                 x: 2, y: 10, role: .muted, maxWidth: grid.width - 4)
        drawBottom(&grid, model: model, hints: [("Enter", "join"), ("?", "help"), ("Esc", "leave")])
        if model.showingHelp {
            Overlays.box(&grid, title: "Keys", lines: [
                "Type the code from the shared screen (letters and digits; case does not matter).",
                "Enter joins · Backspace corrects · Esc leaves · Ctrl-C leaves at once.", "", "Press ? or Esc to close.",
            ])
        }
        if model.confirmingQuit {
            Overlays.box(&grid, title: "Leave the workshop?", lines: ["You have not joined yet.", "", "y  leave      n  stay"])
        }
    }

    private static func drawBottom(_ grid: inout CellGrid, model: ParticipantModel, hints: [(String, String)]) {
        if let notice = model.notice { grid.put(" " + notice, x: 0, y: grid.height - 2, role: .warning) }
        ScreenFrame.drawFooter(&grid, hints: hints.map { ScreenFrame.KeyHint(key: $0.0, action: $0.1) })
    }
}

extension ParticipantView.Stage {
    /// The stage as the screen's header names it.
    fileprivate var title: String {
        switch self {
        case .lobby: "Lobby"
        case let .phase(phase): phase.title
        case .finished: "Finished"
        }
    }
}

extension ConnectionState {
    /// The connection as the screen shows it.
    fileprivate var shown: String {
        switch self {
        case .connecting: "connecting…"
        case .connected: "connected"
        case let .reconnecting(reason): "reconnecting (\(reason))…"
        case .notJoined: "not joined"
        case .closed: "not connected"
        }
    }
}
