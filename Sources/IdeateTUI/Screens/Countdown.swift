import IdeateCore

/// The countdown block: big digits whose style warns in the last minute and the last ten
/// seconds, with words beside them (PAUSED, TIME IS UP) so nothing depends on colour.
enum Countdown {
    /// The role for `remaining` milliseconds of a timer.
    static func role(remaining: Int64, paused: Bool, locked: Bool) -> StyleRole {
        if paused && !locked { return .paused }
        if remaining <= 10_000 { return .timerCritical }
        if remaining <= 60_000 { return .timerWarning }
        return .timer
    }

    /// Draws the countdown at (x, y) and returns its width.
    @discardableResult
    static func draw(_ grid: inout CellGrid, state: SessionState, now: Instant, x: Int, y: Int) -> Int {
        guard let timer = state.timer else {
            return grid.put(Localizer(state.roomLanguage)(ConsolePhrase.noTimeLimit), x: x, y: y + 2, role: .accent)
        }
        let remaining = state.isLocked ? 0 : timer.remainingMilliseconds(at: now)
        let text = BigDigits.clockText(milliseconds: remaining)
        let role = role(remaining: remaining, paused: timer.isPaused, locked: state.isLocked)
        // Blank cells take the digits' style too: a tick then changes characters only, and the
        // terminal is sent no attribute switches (one idle tick stays under 64 bytes). With a
        // background (paused, last ten seconds) the block shows as a solid panel.
        for (row, line) in BigDigits.rows(for: text).enumerated() {
            grid.put(line, x: x, y: y + row, role: role)
        }
        return BigDigits.width(of: text)
    }

    /// The round's question and the countdown below it, as the timed screens open. Returns the
    /// row where the countdown starts and the column where text beside it goes.
    static func drawPromptAndClock(_ grid: inout CellGrid, state: SessionState, now: Instant) -> (y: Int, infoX: Int) {
        let prompt = state.plan.rounds[state.displayRound].prompt
        let y = 2 + LobbyScreen.drawWrapped(&grid, prompt, y: 2, width: grid.width - 4, role: .prompt, maxLines: 2) + 1
        return (y, 2 + draw(&grid, state: state, now: now, x: 2, y: y) + 4)
    }

    /// One line saying what the timer is doing, or nil while it simply runs.
    static func stateLine(_ state: SessionState, now: Instant) -> (String, StyleRole)? {
        guard let timer = state.timer else { return nil }
        let t = Localizer(state.roomLanguage)
        if state.isLocked { return (t(ConsolePhrase.timeIsUp), .timerCritical) }
        if timer.isPaused { return (t(ConsolePhrase.paused), .paused) }
        let remaining = timer.remainingMilliseconds(at: now)
        if remaining <= 10_000 { return (t(ConsolePhrase.lastSeconds), .timerCritical) }
        if remaining <= 60_000 { return (t(ConsolePhrase.lastMinute), .timerWarning) }
        return nil
    }
}
