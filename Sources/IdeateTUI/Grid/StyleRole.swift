/// What a cell means, not how it looks: the theme decides the look. Every role that carries
/// meaning also has a text marker on screen (PAUSED, ★, ⚠ …), so no meaning rests on colour.
public enum StyleRole: String, CaseIterable, Sendable, Hashable {
    case text, muted, title, heading, prompt, accent
    case timer, timerWarning, timerCritical, paused
    case success, warning, danger
    case selection, marked, bar, shortlist
    case header, footer, footerKey
    case overlay, overlayTitle, input, placeholder
}
