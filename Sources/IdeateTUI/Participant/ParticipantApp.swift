import Foundation
import IdeateCore
import IdeateProtocol
import IdeateRuntime

/// A participant's screen as a ``FrontEnd``, the same for every way in (``ParticipantLink``):
/// it applies what the link hears, turns keys into requests, and its frame is a function of
/// its model (``ParticipantScreen/render(_:now:width:height:)``).
public final class ParticipantApp: FrontEnd {
    public typealias Event = ClientEvent

    private let terminal: any Terminal
    private let clock: any SessionClock
    private let link: any ParticipantLink
    private var model = ParticipantModel()
    private var number = 0

    /// - Parameters:
    ///   - askForCode: start at the code prompt (no code was given, or it was wrong).
    ///   - givenCodeProblem: what to say if the code given before the screen started (the ssh
    ///     user name) is wrong; nil for the usual sentence.
    public init(terminal: any Terminal, clock: any SessionClock, link: any ParticipantLink, askForCode: String?? = nil,
                givenCodeProblem: String? = nil) {
        self.terminal = terminal
        self.clock = clock
        self.link = link
        if let problem = askForCode { model.codeEntry = ParticipantModel.CodeEntry(problem: problem) }
        model.givenCodeProblem = givenCodeProblem
        model.canConnectAgain = link.canConnectAgain
    }

    /// Runs until the participant leaves, the terminal closes, or the calling task is cancelled.
    public func run(ticks: some AsyncSequence<Void, Never> & Sendable) async {
        await FrontEndLoop.run(self, on: terminal, clock: clock, events: link.events, ticks: ticks)
    }

    /// A view replaces the one still waiting (the newest wins, keeping a wall the newer one
    /// left out), so a slow screen holds a bounded list.
    public static func enqueue(_ event: ClientEvent, into queued: inout [ClientEvent]) {
        if case var .view(newer) = event, let index = queued.lastIndex(where: { if case .view = $0 { true } else { false } }),
           case let .view(older) = queued[index] {
            if newer.wallUnchanged == true {
                newer.wall = older.wall
                newer.wallUnchanged = older.wallUnchanged
            }
            queued.remove(at: index)
            queued.append(.view(newer))
            return
        }
        queued.append(event)
    }

    public func update(keys: [Key], events: [ClientEvent], now: Instant) async -> Bool {
        for event in events { model.apply(event, at: now) }
        for key in keys {
            for action in model.handle(key, newRequestID: nextID) {
                switch action {
                case .quit: return false
                case let .send(request, id): await link.send(request, id: id)
                case let .join(code): await link.join(code: code)
                }
            }
        }
        return true
    }

    public func frame(size: TerminalSize, now: Instant) -> CellGrid {
        ParticipantScreen.render(model, now: now, width: size.width, height: size.height)
    }

    private func nextID() -> String {
        number += 1
        return "p\(number)-\(UUID().uuidString.prefix(6))"
    }
}
