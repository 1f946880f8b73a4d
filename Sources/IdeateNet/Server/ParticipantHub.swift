import Foundation
import IdeateCore

/// The server's participant logic, apart from sockets: join codes, tokens, idempotent replies,
/// rate limits, build assignments and views. Commands go through the engine, which answers
/// only after the events are committed; only then is a participant told "saved".
public actor ParticipantHub {
    /// One client connection, as the hub sees it: somewhere to send messages.
    public protocol Connection: AnyObject, Sendable {
        var address: String { get }
        func send(_ message: ServerMessage)
        var canTakeMore: Bool { get }
        func close()
    }

    private let engine: any WorkshopEngine
    private let clock: any SessionClock
    public let code: String
    private var tokenOf: [ObjectIdentifier: ParticipantToken] = [:]
    private var connections: [ObjectIdentifier: any Connection] = [:]
    private var replies: [ParticipantToken: [String: ServerMessage]] = [:]
    private var lastView: [ObjectIdentifier: (view: ParticipantView, sentAt: Instant)] = [:]
    private var wrongCodes: [String: [Instant]] = [:]
    private var recentSubmissions: [ParticipantToken: [Instant]] = [:]
    private var buildAssignments: [ParticipantToken: IdeaID] = [:]
    private var malformed: [ObjectIdentifier: Int] = [:]
    private var shared: SharedViewParts?
    private var lastSentWall: [ObjectIdentifier: [SharedIdea]] = [:]
    private var lastPassRevision = -1
    private var lastPassAt = Instant(millisecondsSince1970: 0)
    /// Messages refused because they were not participant messages, or malformed.
    public private(set) var refusedMessages = 0

    /// Wrong codes allowed per address per minute before it is shut out for the minute.
    static let wrongCodeLimit = 5
    /// Ideas one participant may send per ten seconds.
    static let submissionLimit = 20

    public init(engine: any WorkshopEngine, clock: any SessionClock, code: String) {
        self.engine = engine
        self.clock = clock
        self.code = JoinCode.normalized(code)
    }

    // MARK: - Messages

    /// Handles one line from `connection`; replies go back through it.
    public func receive(_ line: Data, from connection: any Connection) async {
        let key = ObjectIdentifier(connection)
        let message: ClientMessage
        do {
            message = try ClientMessage.decode(line)
        } catch {
            refusedMessages += 1
            malformed[key, default: 0] += 1
            let tooMany = malformed[key, default: 0] > 20
            connection.send(.error("bad message: \(error.description)", fatal: tooMany))
            if tooMany { connection.close() }
            return
        }
        if message.type == .hello {
            await hello(message, from: connection)
            return
        }
        guard let token = tokenOf[key] else {
            connection.send(.error("say hello with the join code first", fatal: false))
            return
        }
        guard let id = message.id else { return }
        if let earlier = replies[token]?[id] {
            connection.send(earlier)
            return
        }
        let reply = await execute(message, id: id, token: token)
        replies[token, default: [:]][id] = reply
        if replies[token, default: [:]].count > 2000 { replies[token]?.removeAll() }
        connection.send(reply)
        if message.type.changesOwnDots {
            await pushView(to: key)
        }
    }

    private func hello(_ message: ClientMessage, from connection: any Connection) async {
        let now = clock.now()
        guard message.version == WireProtocol.version else {
            connection.send(.error("protocol version \(message.version ?? 0) is not spoken here; this server speaks \(WireProtocol.version)", fatal: true))
            connection.close()
            return
        }
        let recent = (wrongCodes[connection.address] ?? []).filter { now.milliseconds(since: $0) < 60_000 }
        wrongCodes[connection.address] = recent
        guard recent.count < Self.wrongCodeLimit else {
            connection.send(.error("too many wrong codes from this address; wait a minute", fatal: true))
            connection.close()
            return
        }
        guard JoinCode.normalized(message.code ?? "") == code else {
            wrongCodes[connection.address, default: []].append(now)
            try? await Task.sleep(nanoseconds: 700_000_000)
            connection.send(.error("wrong join code; check the code on the shared screen", fatal: false))
            return
        }
        let state = await engine.currentState()
        var token = ParticipantToken(Self.newToken())
        if let offered = message.token, offered.count == 32, state.participants.contains(ParticipantToken(offered).pseudonym) {
            token = ParticipantToken(offered)
        }
        do {
            try await engine.execute(.participant(token, .join), at: now)
        } catch let refusal as Refusal where refusal.reason == .finished {
            // A finished workshop still shows its results.
        } catch {
            connection.send(.error("could not join: \(error)", fatal: true))
            connection.close()
            return
        }
        let key = ObjectIdentifier(connection)
        tokenOf[key] = token
        connections[key] = connection
        connection.send(.welcome(token: token.rawValue))
        lastView[key] = nil
        lastSentWall[key] = nil
        await pushView(to: key)
    }

    private func execute(_ message: ClientMessage, id: String, token: ParticipantToken) async -> ServerMessage {
        let now = clock.now()
        let command: ParticipantCommand
        switch message.type {
        case .hello: return .reply(id: id, ok: false, message: "already joined")
        case .submit:
            let recent = (recentSubmissions[token] ?? []).filter { now.milliseconds(since: $0) < 10_000 }
            guard recent.count < Self.submissionLimit else {
                recentSubmissions[token] = recent
                return .reply(id: id, ok: false, message: "Slow down a little: at most \(Self.submissionLimit) ideas per 10 seconds.")
            }
            recentSubmissions[token] = recent + [now]
            command = .submitIdea(text: message.text ?? "", extending: message.extends.map(IdeaID.init))
        case .edit: command = .editIdea(IdeaID(message.idea ?? ""), text: message.text ?? "")
        case .withdraw: command = .withdrawIdea(IdeaID(message.idea ?? ""))
        case .vote: command = .castVote(IdeaID(message.idea ?? ""))
        case .unvote: command = .retractVote(IdeaID(message.idea ?? ""))
        case .move: command = .moveVote(from: IdeaID(message.from ?? ""), to: IdeaID(message.to ?? ""))
        }
        do {
            let events = try await engine.execute(.participant(token, command, request: id), at: now)
            if case .submitIdea = command {
                for case let .ideaSubmitted(idea) in events {
                    return .reply(id: id, ok: true, idea: idea.id.rawValue, late: idea.isLate,
                                  message: idea.isLate ? "The round had closed; your idea is kept as a late idea." : "saved")
                }
                if let kept = await engine.currentState().idea(submittedWith: id, by: token) {
                    return .reply(id: id, ok: true, idea: kept.id.rawValue, late: kept.isLate, message: "saved")
                }
            }
            return .reply(id: id, ok: true, idea: message.idea, message: "saved")
        } catch let refusal as Refusal {
            return .reply(id: id, ok: false, message: refusal.message)
        } catch let failure as StorageFailure {
            return .reply(id: id, ok: false, message: failure.participantMessage)
        } catch {
            return .reply(id: id, ok: false, message: "Not saved: the server could not save this. Your text is kept here; send it again in a moment.")
        }
    }

    // MARK: - Views

    /// Sends each connected participant their view when it changed, and every 10 seconds so
    /// clients can correct the countdown they run locally. Called often (the server calls it
    /// every 100 ms); when the session has not changed since the last pass it only looks for
    /// views due for their refresh, once a second, so commands never wait behind view pushes.
    public func pushViews() async {
        let state = await engine.currentState()
        let now = clock.now()
        if state.revision == lastPassRevision, now.milliseconds(since: lastPassAt) < 1_000 { return }
        lastPassRevision = state.revision
        lastPassAt = now
        refreshShared(from: state)
        for key in connections.keys {
            sendViewIfChanged(to: key, state: state, now: now)
        }
    }

    /// Sends one participant their view now if it changed (their own dots after a vote, or
    /// everything on joining), without touching anybody else's.
    private func pushView(to key: ObjectIdentifier) async {
        let state = await engine.currentState()
        refreshShared(from: state)
        sendViewIfChanged(to: key, state: state, now: clock.now())
    }

    private func refreshShared(from state: SessionState) {
        if shared?.key != SharedViewParts.key(for: state) { shared = SharedViewParts(state: state) }
    }

    private func sendViewIfChanged(to key: ObjectIdentifier, state: SessionState, now: Instant) {
        guard let shared, let connection = connections[key], let token = tokenOf[key] else { return }
        var view = ParticipantView.of(state, for: token, buildOn: buildAssignment(for: token, in: state), shared: shared, now: now)
        if let last = lastView[key] {
            var withoutTime = view
            withoutTime.remainingMilliseconds = last.view.remainingMilliseconds
            if withoutTime == last.view, now.milliseconds(since: last.sentAt) < 10_000 { return }
        }
        guard connection.canTakeMore else { return }
        lastView[key] = (view, now)
        if let wall = view.wall, lastSentWall[key] == wall {
            view.wall = nil
            view.wallUnchanged = true
        } else {
            lastSentWall[key] = view.wall
        }
        connection.send(.view(view))
    }

    /// Somebody else's idea for `token` to build on, the same one until the phase ends.
    private func buildAssignment(for token: ParticipantToken, in state: SessionState) -> Idea? {
        guard state.currentPhase == .build, !state.isLocked else {
            buildAssignments[token] = nil
            return nil
        }
        if let id = buildAssignments[token], let idea = state.ideas[id], idea.isOnWall { return idea }
        let candidates = state.wallIdeas(round: state.displayRound).filter { $0.extends == nil && $0.owner != token.ownerTag(for: $0.id) }
        guard !candidates.isEmpty else { return nil }
        let counts = Dictionary(grouping: buildAssignments.values, by: { $0 }).mapValues(\.count)
        let fewest = candidates.map { counts[$0.id] ?? 0 }.min() ?? 0
        let least = candidates.filter { (counts[$0.id] ?? 0) == fewest }
        let choice = least[Int.random(in: 0..<least.count)]
        buildAssignments[token] = choice.id
        return choice
    }

    /// Forgets a closed connection (the participant keeps their token and budget).
    public func disconnected(_ connection: any Connection) {
        let key = ObjectIdentifier(connection)
        tokenOf[key] = nil
        connections[key] = nil
        lastView[key] = nil
        lastSentWall[key] = nil
        malformed[key] = nil
    }

    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in String(generator.next(), radix: 16).leftPadded(to: 16) }.joined()
    }
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        String(repeating: "0", count: max(0, length - count)) + self
    }
}

extension ClientMessage.Kind {
    /// Whether the sender's own view changes with this command (their dots), so it is sent
    /// to them at once rather than with the next pass.
    fileprivate var changesOwnDots: Bool {
        switch self {
        case .vote, .unvote, .move: true
        case .hello, .submit, .edit, .withdraw: false
        }
    }
}
