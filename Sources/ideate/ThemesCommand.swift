import ArgumentParser
import Foundation
import IdeateTUI

/// `ideate themes`: the themes there are, each with a preview line.
struct Themes: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the themes with a preview.",
        discussion: "Use one with --theme NAME on demo and run. NO_COLOR=1 turns colour off everywhere."
    )

    @Option(help: "Check one theme file and report its problems as FILE:LINE:COLUMN: message.")
    var check: String?

    func run() throws {
        if let check {
            do {
                let theme = try ThemeCatalog.load(path: check)
                print("\(check): ok — \(theme.name)")
            } catch let error as ThemeCatalog.LoadError {
                StandardError.write(error.description)
                throw ExitCode(1)
            }
            return
        }
        let colour = isatty(STDOUT_FILENO) == 1 && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        var failed = false
        for (name, path) in ThemeCatalog.available() {
            do {
                let theme = try ThemeCatalog.load(path: path)
                print("\(name.padding(toLength: 16, withPad: " ", startingAt: 0)) \(theme.description)")
                print("                 " + ThemePreview.line(theme, colour: colour))
            } catch let error as ThemeCatalog.LoadError {
                StandardError.write(error.description)
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }
}

/// One line showing a theme's main roles with ANSI styles (plain text when colour is off).
enum ThemePreview {
    static let samples: [(StyleRole, String)] = [
        (.title, "Title"), (.text, "idea"), (.muted, "muted"), (.timer, "04:59"), (.timerWarning, "LAST MINUTE"),
        (.timerCritical, "LAST SECONDS"), (.paused, "PAUSED"), (.shortlist, "★ shortlist"), (.selection, "selected"),
        (.warning, "⚠ warning"),
    ]

    static func line(_ theme: Theme, colour: Bool) -> String {
        samples.map { role, text in colour ? sgr(theme.look(role), usesColor: theme.usesColor) + text + "\u{1B}[0m" : text }
            .joined(separator: " ")
    }

    static func sgr(_ look: Theme.Look, usesColor: Bool) -> String {
        var codes: [String] = []
        if look.bold { codes.append("1") }
        if look.dim { codes.append("2") }
        if look.underline { codes.append("4") }
        if look.reverse { codes.append("7") }
        if usesColor, case let .index(index) = look.foreground { codes.append("38;5;\(index)") }
        if usesColor, case let .index(index) = look.background { codes.append("48;5;\(index)") }
        return "\u{1B}[" + (codes.isEmpty ? "0" : codes.joined(separator: ";")) + "m"
    }
}
