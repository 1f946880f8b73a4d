/// A key press as the console understands it, whatever terminal sent it. The backend maps
/// ncurses codes to these in one place.
public enum Key: Equatable, Sendable {
    case character(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, backspace, delete, tab, backTab
    /// The terminal changed size.
    case resize
    /// Ctrl-C: leave at once (everything is already saved).
    case interrupt
    /// Ctrl-S: save a form.
    case save
    /// Ctrl-D: a participant says "I'm done" (or takes it back) while ideas flow.
    case done
}
