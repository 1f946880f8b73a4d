import IdeateCore

/// Before the first round: what the workshop is about, how to join, and who is in.
enum LobbyScreen {
    static func draw(_ grid: inout CellGrid, state: SessionState, context: ConsoleContext) {
        var y = 2
        y += drawWrapped(&grid, state.plan.title, y: y, role: .title)
        y += drawWrapped(&grid, "Goal: " + state.plan.goal, y: y, role: .text) + 1
        grid.put("First question", x: 2, y: y, role: .heading)
        y += 1
        y += drawWrapped(&grid, state.plan.rounds.first?.prompt ?? "", y: y, role: .prompt) + 1
        if let command = context.joinCommand {
            grid.put("How to join from your own terminal", x: 2, y: y, role: .heading)
            y += 1
            if let ssh = context.sshCommand {
                let used = grid.put(ssh, x: 4, y: y, role: .accent)
                grid.put("nothing to install", x: 4 + used + 3, y: y, role: .muted)
                if let fingerprint = context.sshFingerprint {
                    grid.put("host key " + fingerprint, x: 6, y: y + 1, role: .muted, maxWidth: grid.width - 8)
                    y += 1
                }
                y += 1
                grid.put("or " + command, x: 4, y: y, role: .text)
            } else {
                grid.put(command, x: 4, y: y, role: .accent)
            }
            y += 1
            if let code = context.joinCode {
                let spaced = code.map(String.init).joined(separator: " ")
                let box = String(repeating: "─", count: DisplayWidth.of(spaced) + 4)
                grid.put("code", x: 4, y: y + 1, role: .text)
                grid.put("┌" + box + "┐", x: 10, y: y, role: .accent)
                grid.put("│  " + spaced + "  │", x: 10, y: y + 1, role: .title)
                grid.put("└" + box + "┘", x: 10, y: y + 2, role: .accent)
                y += 3
            }
        } else {
            grid.put(context.lobbyNote ?? "", x: 2, y: y, role: .muted, maxWidth: grid.width - 4)
            y += 1
        }
        y += 1
        let joined = state.participants.count
        let count = "\(joined) joined"
        grid.put(count, x: 2, y: y, role: .title)
        var x = 2 + DisplayWidth.of(count) + 4
        if state.isRoomLocked {
            x += grid.put("room locked (L opens it)", x: x, y: y, role: .accent) + 4
        }
        if state.anonymityIsWeak {
            grid.put("⚠ anonymity is weak below \(state.plan.anonymity.minParticipants)", x: max(14, x), y: y, role: .warning)
        }
        grid.put("Press n to start the first round.", x: 2, y: min(grid.height - 3, y + 2), role: .muted)
    }

    /// Draws `text` wrapped from column 2 and returns the lines used.
    static func drawWrapped(_ grid: inout CellGrid, _ text: String, y: Int, role: StyleRole, maxLines: Int = 3) -> Int {
        let lines = TextLayout.wrap(VisibleText.sanitized(text, foldingLineBreaks: true), width: grid.width - 4, maxLines: maxLines)
        for (index, line) in lines.enumerated() { grid.put(line, x: 2, y: y + index, role: role) }
        return lines.count
    }
}
