import IdeateCore

/// How each ``StyleRole`` looks: foreground, background and attributes. Loaded from
/// `themes/*.yaml`; `monochrome` uses attributes only, for NO_COLOR and colourless terminals.
public struct Theme: Equatable, Sendable {
    /// A terminal colour: one of the eight named ones, a 256-colour index, or the terminal's own.
    public enum Color: Equatable, Sendable {
        case terminalDefault
        case index(Int)

        static let names = ["black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7]
    }

    /// The look of one role.
    public struct Look: Equatable, Sendable {
        public var foreground: Color = .terminalDefault
        public var background: Color = .terminalDefault
        public var bold = false
        public var underline = false
        public var reverse = false
        public var dim = false

        public init(foreground: Color = .terminalDefault, background: Color = .terminalDefault,
                    bold: Bool = false, underline: Bool = false, reverse: Bool = false, dim: Bool = false) {
            self.foreground = foreground
            self.background = background
            self.bold = bold
            self.underline = underline
            self.reverse = reverse
            self.dim = dim
        }
    }

    public var name: String
    public var description: String
    public var usesColor: Bool
    public var looks: [StyleRole: Look]

    public func look(_ role: StyleRole) -> Look {
        if role == .qrCode { return usesColor ? Self.qrCodeLook : Look(reverse: true) }
        return looks[role] ?? looks[.text] ?? Look()
    }

    /// Black on bright white. Without colours, reverse video gives dark on light on the usual
    /// light-on-dark terminal.
    static let qrCodeLook = Look(foreground: .index(0), background: .index(15))

    /// Attributes only: what NO_COLOR and terminals without colours get.
    public static let monochrome = Theme(
        name: "monochrome", description: "No colour: bold, underline and reverse carry the emphasis.",
        usesColor: false,
        looks: [
            .text: Look(), .muted: Look(dim: true), .title: Look(bold: true), .heading: Look(bold: true, underline: true),
            .prompt: Look(bold: true), .accent: Look(bold: true), .timer: Look(bold: true), .timerWarning: Look(bold: true, underline: true),
            .timerCritical: Look(bold: true, reverse: true), .paused: Look(reverse: true), .success: Look(bold: true),
            .warning: Look(bold: true), .danger: Look(bold: true, reverse: true), .selection: Look(reverse: true),
            .marked: Look(bold: true, underline: true), .bar: Look(), .shortlist: Look(bold: true), .header: Look(reverse: true),
            .footer: Look(reverse: true), .footerKey: Look(bold: true, reverse: true), .overlay: Look(),
            .overlayTitle: Look(bold: true, underline: true), .input: Look(underline: true), .placeholder: Look(dim: true),
        ])
}
