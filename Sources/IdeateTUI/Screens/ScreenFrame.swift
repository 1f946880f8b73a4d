import IdeateCore

/// The parts every screen shares: the header with where the workshop stands, the status line,
/// and the footer with the keys that matter on this screen.
struct ScreenFrame {
    static let minimumWidth = 80
    static let minimumHeight = 24

    /// A key and what it does, for the footer and the help overlay.
    struct KeyHint {
        var key: String
        var action: String
    }

    static func drawHeader(_ grid: inout CellGrid, state: SessionState, context: ConsoleContext) {
        grid.fill(x: 0, y: 0, width: grid.width, height: 1, role: .header)
        var right = (state.isRoomLocked ? "Room locked · " : "") + "\(state.participants.count) joined "
        switch state.stage {
        case .lobby: right = "Lobby · " + right
        case .finished: right = "Finished · " + right
        case let .running(round, phase):
            var name = phase.title
            if phase == .vote, state.isLocked { name = "Results" }
            right = "Round \(round + 1)/\(state.plan.rounds.count) · \(name) · " + right
        }
        if let label = context.modeLabel { right = label.uppercased() + " · " + right }
        let rightWidth = DisplayWidth.of(right)
        grid.put(" ideate · \(state.plan.title)", x: 0, y: 0, role: .header, maxWidth: max(1, grid.width - rightWidth - 1))
        grid.put(right, x: grid.width - rightWidth, y: 0, role: .header)
    }

    static func drawStatus(_ grid: inout CellGrid, model: ConsoleModel, state: SessionState, context: ConsoleContext) {
        let y = grid.height - 2
        if let problem = context.storageProblem {
            grid.put(" ⚠ " + problem, x: 0, y: y, role: .warning, maxWidth: grid.width)
        } else if let status = model.status {
            grid.put(" " + status.text, x: 0, y: y, role: status.isProblem ? .warning : .success)
        } else if state.anonymityIsWeak, state.stage == .lobby || state.currentPhase?.isIdeaFlow == true {
            grid.put(" ⚠ Only \(state.participants.count) joined: anonymity is weak below \(state.plan.anonymity.minParticipants) participants.",
                     x: 0, y: y, role: .warning)
        } else if !model.searchQuery.isEmpty {
            grid.put(" Search: “\(model.searchQuery)” — Esc clears", x: 0, y: y, role: .accent)
        }
    }

    /// Draws the hints that fit, always keeping the last two (help and quit).
    static func drawFooter(_ grid: inout CellGrid, hints: [KeyHint]) {
        let y = grid.height - 1
        grid.fill(x: 0, y: y, width: grid.width, height: 1, role: .footer)
        func width(_ hint: KeyHint) -> Int { DisplayWidth.of(hint.key) + 1 + DisplayWidth.of(hint.action) + 2 }
        let essential = Array(hints.suffix(2))
        var room = grid.width - 1 - essential.reduce(0) { $0 + width($1) }
        var shown: [KeyHint] = []
        for hint in hints.dropLast(2) where width(hint) <= room {
            shown.append(hint)
            room -= width(hint)
        }
        var x = 1
        for hint in shown + essential {
            x += grid.put(hint.key, x: x, y: y, role: .footerKey)
            x += grid.put(" " + hint.action + "  ", x: x, y: y, role: .footer)
        }
    }

    /// The keys of the screen for `state`, most useful first (the footer shows what fits).
    static func hints(for state: SessionState, model: ConsoleModel) -> [KeyHint] {
        var hints: [KeyHint] = []
        switch state.stage {
        case .lobby where model.earlierPage != nil:
            return [KeyHint(key: "n", action: "next"), KeyHint(key: "p", action: "previous"), KeyHint(key: "?", action: "help"),
                    KeyHint(key: "Esc", action: "to the lobby")]
        case .lobby:
            hints = [KeyHint(key: "n", action: "start")]
            if state.earlierExperiments != nil { hints.append(KeyHint(key: "p", action: "earlier experiments")) }
        case .finished:
            hints = [KeyHint(key: "↑↓", action: "move"), KeyHint(key: "Enter", action: "review")]
        case let .running(_, phase):
            hints.append(KeyHint(key: "n", action: "next phase"))
            if state.timer != nil, !state.isLocked {
                hints.append(KeyHint(key: "t", action: state.timer?.isPaused == true ? "resume" : "pause"))
                hints.append(KeyHint(key: "+", action: "1 min"))
            }
            switch phase {
            case .ideate, .build:
                hints += [KeyHint(key: "a", action: "add idea"), KeyHint(key: "h", action: "hide")]
            case .group:
                hints += [KeyHint(key: "Space", action: "mark"), KeyHint(key: "m", action: "merge"), KeyHint(key: "c", action: "cluster"),
                          KeyHint(key: "k", action: "park"), KeyHint(key: "u", action: "undo")]
            case .vote where state.isLocked, .review:
                hints.append(KeyHint(key: "Enter", action: "review"))
            case .vote:
                hints.append(KeyHint(key: "x", action: "close vote"))
            }
        }
        if state.stage != .finished { hints.append(KeyHint(key: "L", action: state.isRoomLocked ? "open room" : "lock room")) }
        return hints + [KeyHint(key: "/", action: "search"), KeyHint(key: "?", action: "help"), KeyHint(key: "q", action: "quit")]
    }

    /// Centred "enlarge the terminal" text, for terminals below 80×24.
    static func tooSmall(width: Int, height: Int) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        let lines = TextLayout.wrap("Please enlarge the terminal to at least \(minimumWidth)×\(minimumHeight) (now \(width)×\(height)).", width: max(1, width - 2))
        for (index, line) in lines.enumerated() {
            let y = height / 2 - lines.count / 2 + index
            grid.put(line, x: max(0, (width - DisplayWidth.of(line)) / 2), y: y, role: .warning)
        }
        return grid
    }
}
