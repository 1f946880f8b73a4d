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
        let t = Localizer(state.roomLanguage)
        var parts: [String] = []
        if let label = context.modeLabel { parts.append(label.uppercased()) }
        switch state.stage {
        case .lobby: parts.append(t(ConsolePhrase.headerLobby))
        case .finished: parts.append(t(ConsolePhrase.headerFinished))
        case let .running(round, phase):
            parts.append(t(ConsolePhrase.headerRound, ["round": .number(round + 1), "rounds": .number(state.plan.rounds.count)]))
            parts.append(phase == .vote && state.isLocked ? t(ConsolePhrase.headerResults) : t.name(of: phase))
        }
        if state.isRoomLocked { parts.append(t(ConsolePhrase.headerRoomLocked)) }
        parts.append(t(ConsolePhrase.joined, ["count": .number(state.participants.count)]))
        if context.wallCommand != nil { parts.append(t(ConsolePhrase.wallsAttached, ["count": .number(context.wallsAttached)])) }
        let right = parts.joined(separator: " · ") + " "
        let rightWidth = DisplayWidth.of(right)
        grid.put(" ideate · \(state.plan.title)", x: 0, y: 0, role: .header, maxWidth: max(1, grid.width - rightWidth - 1))
        grid.put(right, x: max(0, grid.width - rightWidth), y: 0, role: .header, maxWidth: grid.width)
    }

    static func drawStatus(_ grid: inout CellGrid, model: ConsoleModel, state: SessionState, context: ConsoleContext) {
        let y = grid.height - 2
        let t = Localizer(state.roomLanguage)
        if let problem = context.storageProblem {
            grid.put(" ⚠ " + problem, x: 0, y: y, role: .warning, maxWidth: grid.width)
        } else if let status = model.status {
            grid.put(" " + status.text, x: 0, y: y, role: status.isProblem ? .warning : .success, maxWidth: grid.width)
        } else if state.anonymityIsWeak, state.stage == .lobby || state.currentPhase?.isIdeaFlow == true {
            let warning = t(ConsolePhrase.weakAnonymity, ["count": .number(state.participants.count),
                                                          "minimum": .number(state.plan.anonymity.minParticipants)])
            grid.put(" " + warning, x: 0, y: y, role: .warning, maxWidth: grid.width)
        } else if !model.searchQuery.isEmpty {
            grid.put(" " + t(ConsolePhrase.searching, ["query": .text(model.searchQuery)]), x: 0, y: y, role: .accent, maxWidth: grid.width)
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
        let t = Localizer(state.roomLanguage)
        func hint(_ key: String, _ action: ConsolePhrase) -> KeyHint { KeyHint(key: key, action: t(action)) }
        let enter = t(CommonPhrase.keyEnter)
        var hints: [KeyHint] = []
        switch state.stage {
        case .lobby where model.earlierPage != nil:
            return [hint("n", .keyNext), hint("p", .keyPrevious), hint("?", .keyHelp), hint(t(CommonPhrase.keyEscape), .keyToLobby)]
        case .lobby:
            hints = [hint("n", .keyStart)]
            if state.earlierExperiments != nil { hints.append(hint("p", .keyEarlier)) }
        case .finished:
            hints = [hint("↑↓", .keyMove), hint(enter, .keyReview)]
        case let .running(_, phase):
            hints.append(hint("n", .keyNextPhase))
            if state.timer != nil, !state.isLocked {
                hints.append(hint("t", state.timer?.isPaused == true ? .keyResume : .keyPause))
                hints.append(hint("+", .keyMinute))
            }
            switch phase {
            case .ideate, .build:
                hints += [hint("a", .keyAddIdea), hint("h", .keyHide)]
            case .group:
                hints += [hint(t(CommonPhrase.keySpace), .keyMark), hint("m", .keyMerge), hint("c", .keyCluster),
                          hint("k", .keyPark), hint("u", .keyUndo)]
            case .vote where state.isLocked, .review:
                hints.append(hint(enter, .keyReview))
            case .vote:
                hints.append(hint("x", .keyCloseVote))
            case .rate where !state.isLocked:
                hints.append(hint("x", .keyCloseRating))
            case .rate:
                break
            }
            if state.plan.moderation, phase == .ideate || phase == .build || phase == .group {
                hints += [hint("y", .keyLetThrough), hint("b", .keyHoldBack), hint("=", .keySameAsShown)] + (phase == .group ? [] : [hint("u", .keyUndo)])
            }
            if phase == .group, model.suggestions.duplicate != nil { hints += [hint("M", .keyMergeThem), hint("D", .keyNotSame)] }
        }
        if state.stage != .finished { hints.append(hint("L", state.isRoomLocked ? .keyOpenRoom : .keyLockRoom)) }
        return hints + [hint("/", .keySearch), hint("?", .keyHelp), hint("q", .keyQuit)]
    }

    /// Centred "enlarge the terminal" text, for terminals below 80×24.
    static func tooSmall(width: Int, height: Int, in language: Language = .english) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        let request = Localizer(language)(ConsolePhrase.tooSmall, [
            "width": .number(minimumWidth), "height": .number(minimumHeight), "currentWidth": .number(width), "currentHeight": .number(height),
        ])
        let lines = TextLayout.wrap(request, width: max(1, width - 2))
        for (index, line) in lines.enumerated() {
            let y = height / 2 - lines.count / 2 + index
            grid.put(line, x: max(0, (width - DisplayWidth.of(line)) / 2), y: y, role: .warning)
        }
        return grid
    }
}
