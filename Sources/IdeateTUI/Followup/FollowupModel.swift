import IdeateCore

/// The follow-up screen's own state beside the portfolio: which item is chosen, whether it is
/// opened, which panel is drawn over it, what can be undone. Keys change it
/// (``handle(_:agenda:)``); the screen reads it.
public struct FollowupModel: Equatable, Sendable {
    /// A panel drawn over the screen.
    public enum Overlay: Equatable, Sendable {
        case help
        case form(FollowupForm)
    }

    public var cursor = 0
    public var scroll = 0
    /// The chosen item is shown whole (its card, learning and history) instead of the list.
    public var isOpen = false
    /// How many rows of the opened item are scrolled past (PgDn, PgUp).
    public var detailScroll = 0
    public var overlay: Overlay?
    /// What takes back each change made on this screen, newest last.
    public var undoStack: [PortfolioUndo] = []
    public var status: ConsoleModel.Status?

    public init() {}

    /// Keeps the cursor on an entry of `agenda` (after a change removed the last one, say).
    public mutating func settle(on agenda: FollowupAgenda) {
        cursor = min(cursor, max(0, agenda.entries.count - 1))
    }
}

/// What the follow-up screen asks its app to do after a key.
public enum FollowupAction: Equatable, Sendable {
    /// Save `edit` with `note`; show `done` once it is kept. When it is refused, `reopening`
    /// (the form with everything typed into it) comes back, so a refusal loses nothing.
    case perform(PortfolioEdit, note: String, done: String, reopening: FollowupModel.Overlay? = nil)
    case quit
}
