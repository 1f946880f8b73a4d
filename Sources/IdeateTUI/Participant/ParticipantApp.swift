import Foundation
import IdeateCore
import IdeateProtocol
import IdeateRuntime
import Synchronization

/// The participant's loop, shared by every way in: it waits for keys, the link's events and
/// the countdown's ticks on one ``LoopInbox``, turns keys into requests, and draws a frame only
/// when it differs from the last.
public final class ParticipantApp {
    private let terminal: any Terminal
    private let clock: any SessionClock
    private let link: any ParticipantLink
    private let inbox = EventInbox()
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
        terminal.start()
        defer { terminal.stop() }
        let loop = LoopInbox()
        let updates = Task { [link, inbox] in
            for await event in link.events {
                inbox.post(event)
                loop.post(.changed)
            }
        }
        let feeds = [
            loop.forward(terminal.wakeups, as: .keys, whenFinished: .hangup),
            loop.forward(ticks, as: .tick),
        ]
        defer {
            updates.cancel()
            for feed in feeds { feed.cancel() }
        }
        var lastFrame: CellGrid?
        var reasons: LoopInbox.Reasons = .changed
        while !reasons.contains(.hangup) {
            let now = clock.now
            for event in inbox.take() { model.apply(event, at: now) }
            for key in terminal.readKeys() {
                if key == .resize { terminal.invalidate(); lastFrame = nil }
                for action in model.handle(key, newRequestID: nextID) {
                    switch action {
                    case .quit: return
                    case let .send(request, id): await link.send(request, id: id)
                    case let .join(code): await link.join(code: code)
                    }
                }
            }
            let size = terminal.size
            let frame = ParticipantScreen.render(model, now: now, width: size.width, height: size.height)
            if frame != lastFrame {
                terminal.draw(frame)
                lastFrame = frame
            }
            guard let next = await loop.next() else { return }
            reasons = next
        }
    }

    private func nextID() -> String {
        number += 1
        return "p\(number)-\(UUID().uuidString.prefix(6))"
    }
}

/// Events waiting for the participant's loop. Views are merged as they queue (the newest
/// wins, keeping a wall the newer one left out), so a slow screen holds a bounded list.
final class EventInbox: Sendable {
    /// More queued events than this: the oldest non-view ones give way.
    static let limit = 1_024
    private let events = Mutex<[ClientEvent]>([])

    func post(_ event: ClientEvent) {
        events.withLock { events in
            if case var .view(newer) = event, let index = events.lastIndex(where: { if case .view = $0 { true } else { false } }),
               case let .view(older) = events[index] {
                if newer.wallUnchanged == true {
                    newer.wall = older.wall
                    newer.wallUnchanged = older.wallUnchanged
                }
                events.remove(at: index)
                events.append(.view(newer))
                return
            }
            events.append(event)
            if events.count > Self.limit { events.removeFirst(events.count - Self.limit) }
        }
    }

    func take() -> [ClientEvent] { events.withLock { events in defer { events = [] }; return events } }
}
