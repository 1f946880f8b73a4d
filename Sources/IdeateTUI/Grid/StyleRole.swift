/// What a cell means, not how it looks: the theme decides the look. Every role that carries
/// meaning also has a text marker on screen (PAUSED, ★, ⚠ …), so no meaning rests on colour.
public enum StyleRole: String, CaseIterable, Sendable, Hashable {
    case text, muted, title, heading, prompt, accent
    case timer, timerWarning, timerCritical, paused
    case success, warning, danger
    case selection, marked, bar, shortlist
    case header, footer, footerKey
    case overlay, overlayTitle, input, placeholder
    /// A QR code: dark modules on a light square whatever the theme, because phones read
    /// inverted or low-contrast codes badly. Themes cannot change it.
    case qrCode

    /// The roles a theme file gives a look.
    public static let themeable = allCases.filter { $0 != .qrCode }
}
