import ArgumentParser
import IdeateCore
import IdeateStore
import IdeateTUI
import ServiceLifecycle

/// `ideate followup`: the follow-up screen over the portfolio, where a review meeting goes
/// through what is due, records learning cards, moves action items and promotes ideas.
struct Followup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "followup",
        abstract: "Go through the portfolio on screen: what is due first, then the rest.",
        discussion: """
        New ideas from the idea box come first (the line above the list says how many, how \
        long the oldest has waited and when the box was last reviewed), then experiments \
        whose review date has come and action items past their due date, experiments by \
        state, open action items, what was learned and the backlog. Choose with the arrow \
        keys and open with Enter; s starts an experiment, l records its learning card, d, k \
        and x mark an action item done, stuck or dropped; on an idea k keeps, m merges, t \
        takes it to the next workshop, x declines (each with an answer its author reads), a \
        answers, b keeps it off the board, p promotes; u undoes the last change, ? lists \
        every key. Each change is saved, with its history, before the screen shows it; ideas \
        arriving in the box appear while the screen is open.
        """
    )

    @OptionGroup var portfolio: PortfolioOptions

    @Option(help: "Theme for the screen (see `ideate themes`); NO_COLOR=1 always means monochrome.")
    var theme = "default"

    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "Date changes and count what is due from this day instead of today.", valueName: "date"), transform: DateArgument.parse)
    var asOf: CalendarDate?

    func run() async throws {
        try await reportingErrors {
            try TerminalCheck.requireTerminal()
            let theme: Theme
            do {
                theme = try ThemeCatalog.load(named: self.theme)
            } catch let error as ThemeCatalog.LoadError {
                throw CommandLineError(error.description)
            }
            let store = try ChangeOptions.existingStore(at: portfolio.path())
            let today = asOf ?? PortfolioFile.today
            // The first frame reads the counts and the top of the agenda, not the whole file.
            let agenda = FollowupAgenda(window: try store.agendaWindow(today: today, range: FollowupApp.firstWindow), today: today,
                                        box: try store.boxStatus(today: today))
            let screen = FollowupService(store: store, agenda: agenda, today: today, theme: theme)
            try await Services.run([Services.ending(screen)], signals: [.sigterm, .sighup])
        }
    }
}

/// The follow-up screen as a service, so SIGTERM and SIGHUP give the terminal back.
struct FollowupService: Service, CustomStringConvertible {
    let store: PortfolioStore
    let agenda: FollowupAgenda
    let today: CalendarDate
    let theme: Theme

    /// Its name in the service group's log. Without it the group describes the service by
    /// reflection, printing the agenda it holds.
    var description: String { "FollowupService(\(store.path))" }

    func run() async {
        await cancelWhenGracefulShutdown { [store, agenda, today, theme] in
            let app = FollowupApp(engine: store, agenda: agenda, today: today, terminal: NcursesTerminal(theme: theme),
                                  portfolioPath: store.path, changes: PortfolioWatcher.changes(of: store.path))
            await app.run()
        }
    }
}
