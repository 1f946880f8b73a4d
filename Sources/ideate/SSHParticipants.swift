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
    /// The wall over ssh: its user name, and what it draws.
    struct Wall {
        var code: String
        var engine: any WorkshopEngine
        var context: ConsoleContext
        var link: WallLink
    }

    static func starter(hub: ParticipantHub, theme: Theme, clock: any SessionClock, wall: Wall? = nil) -> SSHServer.SessionStarter {
        { session in
            if let wall, session.userName.lowercased() == wall.code { return wallScreen(wall, on: session, theme: theme, clock: clock) }
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

    /// The room's view on the projector's terminal; at most ``WallLink/maximumWalls`` at once,
    /// a wall beyond that is told so and closed.
    private static func wallScreen(_ wall: Wall, on session: SSHTerminalSession, theme: Theme, clock: any SessionClock) -> SSHSessionInput {
        screen(on: session, theme: theme) { terminal in
            guard wall.link.attach() else {
                session.write(Array("ideate: \(WallLink.maximumWalls) walls are attached already; close one first.\r\n".utf8))
                return
            }
            defer { wall.link.detach() }
            await WallApp(engine: wall.engine, clock: clock, terminal: terminal, context: wall.context, link: wall.link)
                .run(ticks: Ticks.onWholeSeconds(of: clock))
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
