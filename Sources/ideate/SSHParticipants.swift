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
            let participant = LocalParticipant(hub: hub, language: session.language)
            let userNameCode = JoinCode.isValid(session.userName) ? JoinCode.normalized(session.userName) : nil
            return screen(on: session, theme: theme) { terminal in
                let app = ParticipantApp(
                    terminal: terminal, clock: clock, link: participant, askForCode: userNameCode == nil ? .some(nil) : nil,
                    givenCodeProblem: Sentence(ParticipantPhrase.sshNameNotCode), language: session.language ?? hub.roomLanguage)
                if let userNameCode { await participant.join(code: userNameCode) }
                await app.run(ticks: Ticks.onWholeSeconds(of: clock))
                await participant.leave()
            }
        }
    }

    /// One ssh session's screen: the channel's bytes become keys and resizes of an
    /// ``ANSITerminal`` drawn in `theme` (monochrome when the client asks for no colour), `run`
    /// draws on it, and the session ends when `run` returns. The box's ssh screen uses it too.
    static func screen(on session: SSHTerminalSession, theme: Theme,
                       run: @escaping @Sendable (ANSITerminal) async -> Void) -> SSHSessionInput {
        let input = ANSITerminal.Input(size: TerminalSize(width: session.width, height: session.height))
        let theme = session.noColor ? Theme.monochrome : theme
        return SSHSessionInput(
            received: { input.feed($0) },
            resized: { input.resize(TerminalSize(width: $0, height: $1)) },
            closed: { input.hangUp() },
            screen: {
                await run(ANSITerminal(theme: theme, term: session.term, input: input, write: session.write))
                session.exit()
            })
    }
}
