import Foundation
import IdeateCore
import IdeateRuntime
import Synchronization

/// How a participant's screen reaches the workshop: over TCP from `ideate join`, or inside the
/// server for an ssh session. The app neither knows nor cares which.
public protocol ParticipantLink: Sendable {
    /// What the server says, in order; finishes when the link is closed for good.
    var updates: AsyncStream<ParticipantUpdate> { get }
    /// Sends a request; the answer arrives as ``ParticipantUpdate/answered(requestID:ok:idea:late:message:)``.
    func send(_ draft: ClientMessageDraft) async
    /// Joins (again) with `code`; the answer is ``ParticipantUpdate/connected`` or
    /// ``ParticipantUpdate/needsCode(_:)``.
    func join(code: String) async
}

/// The participant's loop, shared by every way in: it waits for keys, the link's updates and
/// the countdown's ticks on one ``LoopInbox``, turns keys into requests, and draws a frame only
/// when it differs from the last.
public final class ParticipantApp {
    private let terminal: any Terminal
    private let clock: any SessionClock
    private let link: any ParticipantLink
    private let inbox = UpdateInbox()
    private var model = ParticipantModel()
    private var number = 0

    /// - Parameter askForCode: start at the code prompt (no code was given, or it was wrong).
    public init(terminal: any Terminal, clock: any SessionClock, link: any ParticipantLink, askForCode: String?? = nil) {
        self.terminal = terminal
        self.clock = clock
        self.link = link
        if let problem = askForCode { model.codeEntry = ParticipantModel.CodeEntry(problem: problem) }
    }

    /// Runs until the participant leaves, the terminal closes, or the calling task is cancelled.
    public func run(ticks: some AsyncSequence<Void, Never> & Sendable) async {
        terminal.start()
        defer { terminal.stop() }
        let loop = LoopInbox()
        let updates = Task { [link, inbox] in
            for await update in link.updates {
                inbox.post(update)
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
            for update in inbox.take() { model.apply(update, at: now) }
            for key in terminal.readKeys() {
                if key == .resize { terminal.invalidate(); lastFrame = nil }
                for action in model.handle(key, newRequestID: nextID) {
                    switch action {
                    case .quit: return
                    case let .send(draft): await link.send(draft)
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

/// Updates waiting for the participant's loop. Views are merged as they queue (the newest
/// wins, keeping a wall the newer one left out), so a slow screen holds a bounded list.
final class UpdateInbox: Sendable {
    /// More queued updates than this: the oldest non-view ones give way.
    static let limit = 1_024
    private let updates = Mutex<[ParticipantUpdate]>([])

    func post(_ update: ParticipantUpdate) {
        updates.withLock { updates in
            if case var .view(newer) = update, let index = updates.lastIndex(where: { if case .view = $0 { true } else { false } }),
               case let .view(older) = updates[index] {
                if newer.wallUnchanged == true {
                    newer.wall = older.wall
                    newer.wallUnchanged = older.wallUnchanged
                }
                updates.remove(at: index)
                updates.append(.view(newer))
                return
            }
            updates.append(update)
            if updates.count > Self.limit { updates.removeFirst(updates.count - Self.limit) }
        }
    }

    func take() -> [ParticipantUpdate] { updates.withLock { updates in defer { updates = [] }; return updates } }
}
