import ArgumentParser
import Foundation
import IdeateCore
import IdeateTUI

/// Options every screen command shares.
struct ConsoleOptions: ParsableArguments {
    @Option(help: "Theme for the screen (see `ideate themes`); NO_COLOR=1 always means monochrome.")
    var theme = "default"

    @Flag(help: "Ring the terminal bell as the last minute and the last ten seconds start.")
    var bell = false

    func loadTheme() throws -> Theme {
        do {
            return try ThemeCatalog.load(named: theme)
        } catch let error as ThemeCatalog.LoadError {
            throw CommandLineError(error.description)
        }
    }
}

/// The console must run on a terminal; refuse clearly when stdin or stdout is not one.
enum TerminalCheck {
    static func requireTerminal() throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw CommandLineError("the console needs a terminal; for a headless run use `ideate simulate`")
        }
    }
}
