import ArgumentParser
import Foundation
import IdeateCore
import IdeateNet
import IdeateTUI
import Synchronization

/// `ideate join`: a participant's screen, on their own terminal.
struct Join: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Take part in a workshop from your own terminal, anonymously.",
        discussion: """
        Type the address and the code shown on the shared screen. Your ideas carry no name;
        the list of your own ideas lives only in this program. If the network drops, ideate
        reconnects by itself and sends again whatever was not yet saved.

          ideate join 192.168.1.20:7420 --code K7P2QX
        """
    )

    @Argument(help: "The facilitator's address, HOST:PORT.")
    var address: String

    @Option(help: "The join code on the shared screen (asked for when left out).")
    var code: String?

    @OptionGroup var console: ConsoleOptions

    func run() async throws {
        try await reportingErrors {
            try TerminalCheck.requireTerminal()
            let theme = try console.loadTheme()
            guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]),
                  (1...65_535).contains(port), colon != address.startIndex else {
                throw CommandLineError("\(address): write the address as HOST:PORT, e.g. 192.168.1.20:7420")
            }
            let host = String(address[..<colon])
            var joinCode = code
            if joinCode == nil {
                FileHandle.standardOutput.write(Data("Join code: ".utf8))
                joinCode = readLine()
            }
            guard let joinCode, JoinCode.isValid(joinCode) else { throw CommandLineError("a join code has 4 to 12 letters or digits") }
            let client = ParticipantClient(host: host, port: port, code: joinCode)
            await client.start()
            await ParticipantSession(client: client, theme: theme).run()
            await client.stop()
        }
    }
}

/// The participant's loop: keys to messages, client events to the model, a frame when needed.
final class ParticipantSession: @unchecked Sendable {
    private let client: ParticipantClient
    private let terminal: NcursesTerminal
    private let inbox = EventInbox()
    private var model = ParticipantModel()
    private var number = 0

    init(client: ParticipantClient, theme: Theme) {
        self.client = client
        terminal = NcursesTerminal(theme: theme)
    }

    func run() async {
        let listener = Task { [client, inbox] in
            for await event in client.events { inbox.post(event) }
        }
        terminal.start()
        defer { terminal.stop() }
        var lastFrame: CellGrid?
        while true {
            for event in inbox.take() { apply(event) }
            var quit = false
            while let key = terminal.readKey() {
                if key == .resize { terminal.invalidate(); lastFrame = nil }
                for action in model.handle(key, newRequestID: nextID) {
                    switch action {
                    case .quit: quit = true
                    case let .send(draft): await send(draft)
                    }
                }
            }
            if quit { break }
            let size = terminal.size
            let frame = ParticipantScreen.render(model, now: SystemClock().now(), width: size.width, height: size.height)
            if frame != lastFrame {
                terminal.draw(frame)
                lastFrame = frame
            }
            try? await Task.sleep(nanoseconds: 25_000_000)
        }
        listener.cancel()
    }

    private func nextID() -> String {
        number += 1
        return "p\(number)-\(UUID().uuidString.prefix(6))"
    }

    private func apply(_ event: ClientEvent) {
        switch event {
        case .connected: model.connection = "connected"
        case let .reconnecting(reason): model.connection = "reconnecting (\(reason))…"
        case let .view(view): model.received(view, at: SystemClock().now())
        case let .reply(reply):
            switch reply.outcome {
            case let .saved(idea, late): model.answered(reply.id, ok: true, idea: idea, late: late, message: reply.message)
            case let .refused(_, message): model.answered(reply.id, ok: false, idea: nil, late: false, message: message)
            }
        case let .problem(problem):
            model.notice = problem.message
            if problem.stopsClient { model.connection = "not connected" }
        }
    }

    private func send(_ draft: ClientMessageDraft) async {
        let request: ParticipantRequest = switch draft.kind {
        case .submit: .submit(text: draft.text ?? "", extends: draft.extends)
        case .edit: .edit(idea: draft.idea ?? "", text: draft.text ?? "")
        case .withdraw: .withdraw(idea: draft.idea ?? "")
        case .vote: .vote(idea: draft.idea ?? "")
        case .unvote: .unvote(idea: draft.idea ?? "")
        }
        await client.send(request, id: draft.requestID)
    }
}

/// Client events waiting for the screen loop.
final class EventInbox: Sendable {
    private let events = Mutex<[ClientEvent]>([])

    func post(_ event: ClientEvent) { events.withLock { $0.append(event) } }

    func take() -> [ClientEvent] { events.withLock { events in defer { events = [] }; return events } }
}
