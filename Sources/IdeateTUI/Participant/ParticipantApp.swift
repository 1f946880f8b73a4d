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
    private let follows: FollowsIdeas?
    private var model = ParticipantModel()
    private var number = 0
    private var carried = false

    /// How a participant's own computer follows its ideas after the workshop (`ideate join`; not
    /// over ssh, where the server draws the screen): a fresh receipt sent with each idea, and
    /// the saved ideas carried to the company's idea box when the workshop ends with one.
    public struct FollowsIdeas: Sendable {
        public var newReceipt: @Sendable () -> OwnershipProof
        /// Keeps the ideas' receipts in this computer's book for that box.
        public var carry: @Sendable (IdeaBoxAddress, [(receipt: OwnershipProof, text: String)]) -> Void

        public init(newReceipt: @escaping @Sendable () -> OwnershipProof,
                    carry: @escaping @Sendable (IdeaBoxAddress, [(receipt: OwnershipProof, text: String)]) -> Void) {
            self.newReceipt = newReceipt
            self.carry = carry
        }
    }

    /// - Parameters:
    ///   - askForCode: start at the code prompt (no code was given, or it was wrong).
    ///   - givenCodeProblem: what to say if the code given before the screen started (the ssh
    ///     user name) is wrong; nil for the usual sentence.
    ///   - language: the language to speak until the server says which it speaks to this
    ///     participant (the person's own, else the room's when known, else English).
    public init(terminal: any Terminal, clock: any SessionClock, link: any ParticipantLink, askForCode: Sentence?? = nil,
                givenCodeProblem: Sentence? = nil, follows: FollowsIdeas? = nil, language: Language = .english) {
        self.terminal = terminal
        self.clock = clock
        self.link = link
        self.follows = follows
        if let problem = askForCode { model.codeEntry = ParticipantModel.CodeEntry(problem: problem) }
        model.givenCodeProblem = givenCodeProblem
        model.language = language
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
        carryToTheBoxOnce()
        for key in keys {
            for action in model.handle(key, newRequestID: nextID) {
                switch action {
                case .quit: return false
                case let .send(request, id): await link.send(withReceipt(request, id: id), id: id)
                case let .join(code): await link.join(code: code)
                }
            }
        }
        return true
    }

    /// A new idea goes with a fresh receipt when this computer follows its ideas.
    private func withReceipt(_ request: ParticipantRequest, id: String) -> ParticipantRequest {
        guard let follows, case let .submit(text, extends, nil) = request else { return request }
        let receipt = follows.newReceipt()
        if let index = model.myIdeas.firstIndex(where: { $0.requestID == id }) { model.myIdeas[index].receipt = receipt }
        return .submit(text: text, extends: extends, receipt: receipt)
    }

    /// Once the workshop has ended with an idea box named, its saved ideas go into this
    /// computer's book for that box, and the screen says how to follow them.
    private func carryToTheBoxOnce() {
        guard !carried, let follows, model.view?.stage == .finished, let address = model.view?.ideaBox.flatMap(IdeaBoxAddress.init) else { return }
        carried = true
        let ideas = model.myIdeas.filter { $0.status == .saved || $0.status == .late }.compactMap { idea in idea.receipt.map { ($0, idea.text) } }
        guard !ideas.isEmpty else { return }
        follows.carry(address, ideas)
        model.notice = Sentence(ParticipantPhrase.followIdeas, ["command": .text("ideate join \(address)")])
    }

    public func frame(size: TerminalSize, now: Instant) -> CellGrid {
        ParticipantScreen.render(model, now: now, width: size.width, height: size.height)
    }

    private func nextID() -> String {
        number += 1
        return "p\(number)-\(UUID().uuidString.prefix(6))"
    }
}
