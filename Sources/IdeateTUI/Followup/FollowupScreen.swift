import IdeateCore

/// The follow-up screen as a function of the portfolio: the agenda and the screen's state in,
/// a frame of cells out. The list draws only the rows that show, so its cost grows with the
/// terminal, not with the portfolio.
public enum FollowupScreen {
    /// The frame at `width`×`height` for a model whose cursor is on the agenda
    /// (``FollowupModel/settle(on:)``), with where its list and opened item were drawn from.
    /// - Parameter history: the chosen item's history, shown when it is opened.
    public static func render(
        agenda: FollowupAgenda, model: FollowupModel, history: [HistoryEntry] = [], portfolioPath: String, width: Int, height: Int
    ) -> FollowupFrame {
        var frame = FollowupFrame(grid: CellGrid(width: width, height: height), scroll: model.scroll, detailScroll: model.detailScroll)
        guard width >= ScreenFrame.minimumWidth, height >= ScreenFrame.minimumHeight else {
            frame.grid = ScreenFrame.tooSmall(width: width, height: height)
            return frame
        }
        let selected = agenda.entry(at: model.cursor)
        var grid = CellGrid(width: width, height: height)
        drawHeader(&grid, agenda: agenda, path: portfolioPath)
        if let box = agenda.box {
            let line = (box.isReviewDue ? "Idea box review due: " : "Idea box: ") + box.description
            grid.put(line, x: 2, y: 1, role: box.isReviewDue ? .warning : .accent, maxWidth: width - 4)
        }
        grid.put(summary(agenda), x: 2, y: 2, role: .muted, maxWidth: width - 4)
        let body = (y: 4, height: height - 6)
        if let selected, model.isOpen {
            frame.detailScroll = FollowupDetail.draw(&grid, entry: selected, agenda: agenda, history: history, scroll: model.detailScroll,
                                                     y: body.y, height: body.height)
        } else if agenda.entries.isEmpty {
            grid.put("Nothing to follow up yet: a finished workshop adds its experiments, action items and ideas; the idea box its ideas.",
                     x: 2, y: body.y, role: .muted, maxWidth: width - 4)
        } else {
            frame.scroll = drawList(&grid, agenda: agenda, model: model, y: body.y, height: body.height)
        }
        if let status = model.status {
            grid.put(" " + status.text, x: 0, y: height - 2, role: status.isProblem ? .warning : .success, maxWidth: width)
        }
        ScreenFrame.drawFooter(&grid, hints: hints(for: selected?.item, isOpen: model.isOpen))
        switch model.overlay {
        case .help: FollowupOverlays.help(&grid)
        case let .form(form): FollowupOverlays.form(&grid, form: form, today: agenda.today)
        case nil: break
        }
        frame.grid = grid
        return frame
    }

    private static func drawHeader(_ grid: inout CellGrid, agenda: FollowupAgenda, path: String) {
        grid.fill(x: 0, y: 0, width: grid.width, height: 1, role: .header)
        let right = "Follow-up · today \(agenda.today) · \(agenda.dueCount) due "
        let rightWidth = DisplayWidth.of(right)
        grid.put(" ideate · \(path)", x: 0, y: 0, role: .header, maxWidth: max(1, grid.width - rightWidth - 1))
        grid.put(right, x: grid.width - rightWidth, y: 0, role: .header)
    }

    static func summary(_ agenda: FollowupAgenda) -> String {
        let stages = Experiment.Stage.allCases.map { "\(agenda.stages[$0] ?? 0) \($0.rawValue)" }.joined(separator: " · ")
        return "\(stages) · \(agenda.openActionItems) open action items · \(agenda.backlogCount) backlog ideas"
    }

    private static func drawList(_ grid: inout CellGrid, agenda: FollowupAgenda, model: FollowupModel, y: Int, height: Int) -> Int {
        // Only the rows drawn are read from the window; where sections start comes from the counts.
        let entries = agenda.entries
        let list = ScrollingList(x: 2, y: y, width: grid.width - 4, height: height)
        return list.draw(&grid, count: entries.count, cursor: model.cursor, scroll: model.scroll,
                  itemHeight: { agenda.startsSection($0) ? ($0 == 0 ? 1 : 2) + 1 : 1 }) { grid, index, x, rowY, selected in
            var row = rowY
            if agenda.startsSection(index) {
                if index > 0 { row += 1 }
                let section = entries[index].section
                grid.put("\(section.rawValue) (\(agenda.sectionCounts[section] ?? 0))", x: x, y: row, role: .heading)
                row += 1
            }
            drawRow(&grid, entry: entries[index], agenda: agenda, x: x, y: row, width: list.width, selected: selected)
        }
    }

    private static func drawRow(_ grid: inout CellGrid, entry: FollowupAgenda.Entry, agenda: FollowupAgenda, x: Int, y: Int, width: Int,
                                selected: Bool) {
        var (state, stateRole) = FollowupDetail.state(of: entry.item, today: agenda.today)
        // An idea that came back says so: the same idea written again is worth a reviewer's look.
        if case let .backlogIdea(idea) = entry.item, let times = agenda.timesWritten(idea.id) {
            state = "\(Ordinal.english(times)) time · " + state
            if stateRole == .muted { stateRole = .accent }
        }
        let stateWidth = min(DisplayWidth.of(state), width / 2)
        if selected { grid.fill(x: x, y: y, width: width, height: 1, role: .selection) }
        let base: StyleRole = selected ? .selection : .text
        let id = entry.item.subject.description
        grid.put((selected ? "▸ " : "  ") + id, x: x, y: y, role: base)
        let titleX = x + 9
        grid.put(entry.item.title, x: titleX, y: y, role: base, maxWidth: max(1, width - 9 - stateWidth - 2))
        grid.put(state, x: x + width - stateWidth, y: y, role: selected ? .selection : stateRole, maxWidth: stateWidth)
    }

    /// The keys for the chosen item, most useful first; help and quit (or back) always last.
    static func hints(for item: FollowupAgenda.Item?, isOpen: Bool) -> [ScreenFrame.KeyHint] {
        var hints = [ScreenFrame.KeyHint(key: "↑↓", action: "choose")]
        if !isOpen { hints.append(.init(key: "Enter", action: "open")) }
        switch item {
        case let .experiment(experiment) where experiment.state == .planned: hints.append(.init(key: "s", action: "start"))
        case let .experiment(experiment) where experiment.state == .running: hints.append(.init(key: "l", action: "learning card"))
        case let .actionItem(actionItem) where !actionItem.status.isClosed:
            hints += [.init(key: "d", action: "done"), .init(key: "k", action: "stuck"), .init(key: "x", action: "dropped")]
            if actionItem.status == .stuck { hints.append(.init(key: "o", action: "open")) }
        case let .backlogIdea(idea) where idea.promotedTo == nil:
            hints += [.init(key: "k", action: "keep"), .init(key: "m", action: "merge"), .init(key: "p", action: "promote"),
                      .init(key: "t", action: "to workshop"), .init(key: "x", action: "decline"), .init(key: "a", action: "answer"),
                      .init(key: "b", action: idea.onBoard ? "off board" : "on board")]
        default: break
        }
        hints.append(.init(key: "u", action: "undo"))
        return hints + [.init(key: "?", action: "help"), .init(key: "q", action: isOpen ? "back" : "quit")]
    }
}

/// One frame of the follow-up screen, with where its list and the opened item were drawn
/// from: the screen keeps those in its model, so they stay put until the cursor leaves them.
public struct FollowupFrame: Sendable {
    public var grid: CellGrid
    public var scroll: Int
    public var detailScroll: Int
}
