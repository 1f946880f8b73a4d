import IdeateCore
import IdeateNet
import IdeateRuntime
import IdeateTUI
import ServiceLifecycle

/// Composes the ssh front end: each ssh session gets the same participant screen as
/// `ideate join` (``ParticipantApp``), drawn on an ``ANSITerminal`` over the channel and linked
/// to the hub in this process (``LocalParticipant``).
enum SSHParticipants {
    static func starter(hub: ParticipantHub, theme: Theme, clock: any SessionClock) -> SSHServer.SessionStarter {
        { session in
            let input = ANSITerminal.Input(size: TerminalSize(width: session.width, height: session.height))
            let participant = LocalParticipant(hub: hub)
            let userNameCode = JoinCode.isValid(session.userName) ? JoinCode.normalized(session.userName) : nil
            let link = SSHLink(participant: participant, triesUserNameFirst: userNameCode != nil)
            let theme = session.noColor ? Theme.monochrome : theme
            Task {
                let terminal = ANSITerminal(theme: theme, term: session.term, input: input, write: session.write)
                let app = ParticipantApp(terminal: terminal, clock: clock, link: link,
                                         askForCode: userNameCode == nil ? .some(nil) : nil)
                if let userNameCode { await link.join(code: userNameCode) }
                await app.run(ticks: Ticks.onWholeSeconds(of: clock))
                await participant.leave()
                session.exit()
            }
            return SSHSessionInput(
                received: { input.feed($0) },
                resized: { input.resize(TerminalSize(width: $0, height: $1)) },
                closed: { input.hangUp() })
        }
    }
}

/// An ssh participant's way to the hub. The first code tried is the ssh user name; if that is
/// not the code (people type their own login name), the screen just asks for it.
struct SSHLink: ParticipantLink {
    let participant: LocalParticipant
    let updates: AsyncStream<ParticipantUpdate>

    init(participant: LocalParticipant, triesUserNameFirst: Bool) {
        self.participant = participant
        let events = participant.events
        updates = AsyncStream(bufferingPolicy: .bufferingNewest(LocalParticipant.eventLimit)) { continuation in
            let task = Task {
                var firstTry = triesUserNameFirst
                for await event in events {
                    var update = ParticipantUpdate(event)
                    if case .problem(let problem) = event {
                        if problem.code == .wrongCode, firstTry {
                            update = .needsCode("Type the join code shown on the shared screen (the name before @ was not it).")
                        } else if problem.code == .tooManyTries {
                            update = .stopped("Too many wrong codes. Check the code on the shared screen, then connect again.")
                        }
                    }
                    if case .connected = event { firstTry = false }
                    if case .problem = event { firstTry = false }
                    continuation.yield(update)
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    func send(_ draft: ClientMessageDraft) async { await participant.send(ParticipantRequest(draft), id: draft.requestID) }

    func join(code: String) async { await participant.join(code: code) }
}
