import IdeateCore
import IdeateNet
import IdeateRuntime
import IdeateTUI
import ServiceLifecycle

/// Composes the ssh front end: each ssh session gets the same participant screen as
/// `ideate join` (``ParticipantApp``), drawn on an ``ANSITerminal`` over the channel and linked
/// to the hub in this process (``LocalParticipant``). The first code tried is the ssh user
/// name; if that is not the code (people type their own login name), the screen asks for it.
enum SSHParticipants {
    static func starter(hub: ParticipantHub, theme: Theme, clock: any SessionClock) -> SSHServer.SessionStarter {
        { session in
            let input = ANSITerminal.Input(size: TerminalSize(width: session.width, height: session.height))
            let participant = LocalParticipant(hub: hub)
            let userNameCode = JoinCode.isValid(session.userName) ? JoinCode.normalized(session.userName) : nil
            let theme = session.noColor ? Theme.monochrome : theme
            return SSHSessionInput(
                received: { input.feed($0) },
                resized: { input.resize(TerminalSize(width: $0, height: $1)) },
                closed: { input.hangUp() },
                screen: {
                    let terminal = ANSITerminal(theme: theme, term: session.term, input: input, write: session.write)
                    let app = ParticipantApp(
                        terminal: terminal, clock: clock, link: participant, askForCode: userNameCode == nil ? .some(nil) : nil,
                        givenCodeProblem: "Type the join code shown on the shared screen (the name before @ was not it).")
                    if let userNameCode { await participant.join(code: userNameCode) }
                    await app.run(ticks: Ticks.onWholeSeconds(of: clock))
                    await participant.leave()
                    session.exit()
                })
        }
    }
}
