import IdeateCore

/// Before the first round: what the workshop is about, how to join (a QR code for phones when
/// the screen has room for it), and who is in.
enum LobbyScreen {
    /// Text beside the QR code needs at least this many columns; below that the code is left
    /// out and the phone address stays as text.
    static let minimumTextWidth = 44

    static func draw(_ grid: inout CellGrid, state: SessionState, context: ConsoleContext) {
        let t = Localizer(state.roomLanguage)
        var width = grid.width - 4
        if let code = context.phoneCode {
            // As large as the screen allows beside the text: a projector is read from afar.
            let (screenWidth, screenHeight) = (grid.width, grid.height)
            let fits = { (scale: Int) in
                let size = code.cellSize(scale: scale)
                return screenWidth - size.width - 6 >= minimumTextWidth && screenHeight >= size.height + 5
            }
            if fits(1) {
                let scale = (2...4).last(where: fits) ?? 1
                let size = code.cellSize(scale: scale)
                let x = grid.width - size.width - 2
                code.draw(into: &grid, x: x, y: 2, scale: scale)
                let caption = t(ConsolePhrase.scanToJoin)
                grid.put(caption, x: max(x, x + (size.width - DisplayWidth.of(caption)) / 2), y: 2 + size.height, role: .heading,
                         maxWidth: grid.width - x)
                width = x - 6
            }
        }
        var y = 2
        y += drawWrapped(&grid, state.plan.title, y: y, width: width, role: .title)
        y += drawWrapped(&grid, t(ConsolePhrase.goal, ["goal": .text(state.plan.goal)]), y: y, width: width, role: .text) + 1
        grid.put(t(ConsolePhrase.firstQuestion), x: 2, y: y, role: .heading, maxWidth: width)
        y += 1
        y += drawWrapped(&grid, state.plan.rounds.first?.prompt ?? "", y: y, width: width, role: .prompt) + 1
        if context.joinCommand != nil || context.phoneURL != nil || context.sshCommand != nil {
            y = drawJoining(&grid, context: context, y: y, width: width, t: t)
        } else {
            grid.put(context.lobbyNote ?? "", x: 2, y: y, role: .muted, maxWidth: width)
            y += 1
        }
        y += 1
        let count = t(ConsolePhrase.joined, ["count": .number(state.participants.count)])
        grid.put(count, x: 2, y: y, role: .title)
        if state.isRoomLocked {
            let x = 2 + DisplayWidth.of(count) + 4
            grid.put(t(ConsolePhrase.roomLockedHint), x: x, y: y, role: .accent, maxWidth: max(1, width + 2 - x))
        }
        if state.anonymityIsWeak {
            y += 1
            grid.put(t(ConsolePhrase.weakBelow, ["minimum": .number(state.plan.anonymity.minParticipants)]), x: 2, y: y, role: .warning,
                     maxWidth: width)
        }
        if let wall = context.wallCommand {
            y += 2
            let attached = t(ConsolePhrase.wallsAttached, ["count": .number(context.wallsAttached)])
            for line in TextLayout.wrap(t(ConsolePhrase.wallHow, ["command": .text(wall)]) + " (" + attached + ")", width: width, maxLines: 2) {
                grid.put(line, x: 2, y: min(grid.height - 4, y), role: context.wallsAttached == 0 ? .warning : .muted, maxWidth: width)
                y += 1
            }
            y -= 1
        }
        if !context.isWall {
            grid.put(t(ConsolePhrase.pressToStart), x: 2, y: min(grid.height - 3, y + 2), role: .muted, maxWidth: grid.width - 4)
        }
    }

    /// The ways in, one line each (a phone, ssh, ideate join), and the code; returns the next
    /// free line.
    private static func drawJoining(_ grid: inout CellGrid, context: ConsoleContext, y start: Int, width: Int, t: Localizer) -> Int {
        var y = start
        grid.put(t(ConsolePhrase.howToJoin), x: 2, y: y, role: .heading, maxWidth: width)
        y += 1
        let phone = t(ConsolePhrase.withPhone), laptop = t(ConsolePhrase.withLaptop), codeLabel = t(ConsolePhrase.code)
        let terminal = t(context.sshCommand == nil && context.phoneURL == nil ? ConsolePhrase.inTerminal : ConsolePhrase.or)
        // The values line up after the longest label (at least at column 20, as in English).
        let labelColumn = 4
        let valueColumn = max(20, labelColumn + 2 + [phone, laptop, terminal, codeLabel].map(DisplayWidth.of).max()!)
        let valueWidth = max(1, width + 2 - valueColumn)
        if let url = context.phoneURL {
            grid.put(phone, x: labelColumn, y: y, role: .text)
            grid.put(url, x: valueColumn, y: y, role: .accent, maxWidth: valueWidth)
            y += 1
        }
        if let ssh = context.sshCommand {
            grid.put(laptop, x: labelColumn, y: y, role: .text)
            let used = grid.put(ssh, x: valueColumn, y: y, role: .accent, maxWidth: valueWidth)
            let nothing = t(ConsolePhrase.nothingToInstall)
            if valueColumn + used + 3 + DisplayWidth.of(nothing) <= width + 2 {
                grid.put(nothing, x: valueColumn + used + 3, y: y, role: .muted)
            }
            y += 1
            if let fingerprint = context.sshFingerprint {
                // The fingerprint must be read whole; its label gives way first (SHA256: says what it is).
                let labelled = t(ConsolePhrase.hostKey, ["fingerprint": .text(fingerprint)])
                grid.put(DisplayWidth.of(labelled) <= valueWidth ? labelled : fingerprint, x: valueColumn, y: y, role: .muted, maxWidth: valueWidth)
                y += 1
            }
        }
        if let command = context.joinCommand {
            grid.put(terminal, x: labelColumn, y: y, role: .text)
            grid.put(command, x: valueColumn, y: y, role: context.sshCommand == nil ? .accent : .text, maxWidth: valueWidth)
            y += 1
        }
        if let code = context.joinCode {
            let spaced = code.map(String.init).joined(separator: " ")
            let box = String(repeating: "─", count: DisplayWidth.of(spaced) + 4)
            grid.put(codeLabel, x: labelColumn, y: y + 1, role: .text)
            grid.put("┌" + box + "┐", x: valueColumn, y: y, role: .accent)
            grid.put("│  " + spaced + "  │", x: valueColumn, y: y + 1, role: .title)
            grid.put("└" + box + "┘", x: valueColumn, y: y + 2, role: .accent)
            y += 3
        }
        return y
    }

    /// Draws `text` wrapped from column 2 within `width` columns and returns the lines used.
    static func drawWrapped(_ grid: inout CellGrid, _ text: String, y: Int, width: Int, role: StyleRole, maxLines: Int = 3) -> Int {
        let lines = TextLayout.wrap(VisibleText.sanitized(text, foldingLineBreaks: true), width: width, maxLines: maxLines)
        for (index, line) in lines.enumerated() { grid.put(line, x: 2, y: y + index, role: role) }
        return lines.count
    }
}
