import Foundation
import IdeateCore
import IdeateProtocol
import IdeateRuntime

/// The server's participant logic, apart from sockets: join codes and their limits, tokens,
/// idempotent answers, rate limits, build assignments and views. Every front end (TCP, and
/// later ssh and the web) hands it typed messages through a ``Connection``.
///
/// Commands go through the engine, which answers only after the events are committed; a
/// request id sent again, on any connection, waits for the first copy and gets its answer.
public actor ParticipantHub {
    /// One client connection, as the hub sees it. Sending never blocks: the connection queues
    /// what it cannot write yet within its own bounds (and keeps only the newest view).
    public protocol Connection: AnyObject, Sendable {
        func send(_ message: ServerMessage)
        /// Closes after what was sent so far.
        func close()
        /// The connection has joined: the hello deadline no longer applies.
        func joined()
    }

    /// The numbers behind the hub's limits.
    public struct Limits: Sendable {
        /// Wrong codes one connection may try before it is closed.
        public var wrongCodesPerConnection = 5
        /// How long a wrong code waits for its answer.
        public var wrongCodeDelay: Duration = .milliseconds(700)
        /// Wrong codes on the whole server: a burst, then this many per second. Past it every
        /// code check without a valid token waits ``guessingStormDelay`` first.
        public var wrongCodeBurst = 30
        public var wrongCodesPerSecond = 1.0
        /// How long a code check waits while the server is being guessed at: guessing slows
        /// to the unjoined-connection cap per this delay, newcomers still get in.
        public var guessingStormDelay: Duration = .seconds(2)
        /// New participants on the whole server: a burst (a hall arriving at once), then per
        /// second; `max_participants` and the room lock stop a flood for good.
        public var joinBurst = 1_000
        public var joinsPerSecond = 100.0
        /// Ideas one participant may send per ten seconds.
        public var submissionsPerTenSeconds = 20
        /// Refused requests remembered per participant.
        public var refusalsRemembered = 64
        /// Malformed lines a connection may send before it is closed.
        public var malformedPerConnection = 20
        /// Views go out at most this often, however fast the session changes.
        public var viewInterval: Duration = .milliseconds(100)
        /// An unchanged view is sent again after this long, so clients correct their countdown.
        public var viewRefreshInterval: Duration = .seconds(10)

        public init() {}
    }

    private let engine: any WorkshopEngine
    /// The session's clock, which every delay and deadline of the participant servers sleeps on.
    public nonisolated let clock: any SessionClock
    public let code: String
    /// The room's language: what the hub speaks to a connection that asks for none it has,
    /// and before a connection says hello.
    public nonisolated let roomLanguage: Language
    private let limits: Limits
    private var tokenOf: [ObjectIdentifier: ParticipantToken] = [:]
    private var connections: [ObjectIdentifier: any Connection] = [:]
    /// The language each connection's participant reads, from their hello.
    private var languageOf: [ObjectIdentifier: Language] = [:]
    /// The run's plan, read once (it never changes): whether a new idea is held for moderation
    /// is a rule of the plan, so a submission's answer needs no second read of the session.
    private var runPlan: Plan?
    private var openConnections: [ParticipantToken: Int] = [:]
    private var refusals: [ParticipantToken: RecentRefusals] = [:]
    /// Requests being carried out, each with the duplicates that wait for its answer (at most
    /// one per open connection of its participant: a connection sends one request at a time).
    private var inFlight: [RequestKey: [CheckedContinuation<Reply, Never>]] = [:]
    private var wrongCodes: [ObjectIdentifier: Int] = [:]
    private var guesses: AttemptBudget
    private var newcomers: AttemptBudget
    private var recentSubmissions: [ParticipantToken: [Instant]] = [:]
    private var buildAssignments: [ParticipantToken: IdeaID] = [:]
    private var malformed: [ObjectIdentifier: Int] = [:]
    private var shared: SharedViewParts?
    private var lastView: [ObjectIdentifier: (view: ParticipantView, sentAt: Instant)] = [:]
    private var lastSentWall: [ObjectIdentifier: [SharedIdea]] = [:]
    private var lastPassRevision = -1
    /// Messages refused because they were malformed.
    public private(set) var refusedMessages = 0

    private struct RequestKey: Hashable {
        let token: ParticipantToken
        let id: String
    }

    public init(engine: any WorkshopEngine, clock: any SessionClock, code: String, roomLanguage: Language = .english,
                limits: Limits = Limits()) {
        self.engine = engine
        self.clock = clock
        self.code = JoinCode.normalized(code)
        self.roomLanguage = roomLanguage
        self.limits = limits
        guesses = AttemptBudget(burst: limits.wrongCodeBurst, perSecond: limits.wrongCodesPerSecond)
        newcomers = AttemptBudget(burst: limits.joinBurst, perSecond: limits.joinsPerSecond)
    }

    // MARK: - Messages

    /// Handles one line from `connection`; answers go back through it.
    public func receive(_ line: Data, from connection: any Connection) async {
        let message: ClientMessage
        do {
            message = try ClientMessage.decode(line)
        } catch {
            refuseMalformed(error.description, from: connection)
            return
        }
        await receive(message, from: connection)
    }

    /// Handles one typed message from `connection` (front ends that decode for themselves).
    public func receive(_ message: ClientMessage, from connection: any Connection) async {
        let key = ObjectIdentifier(connection)
        switch message {
        case let .hello(version, code, token, language):
            guard tokenOf[key] == nil else {
                send(.error(WireError(.alreadyJoined, Sentence(ConnectionPhrase.alreadyJoined))), to: connection)
                return
            }
            languageOf[key] = language.flatMap(Language.matching) ?? roomLanguage
            await hello(version: version, code: code, offeredToken: token, from: connection)
        case let .request(id, request):
            guard let token = tokenOf[key] else {
                send(.error(WireError(.helloFirst, Sentence(ConnectionPhrase.helloFirst))), to: connection)
                return
            }
            let reply = await answer(request, id: id, token: token)
            send(.reply(reply), to: connection)
            if request.changesOwnView, reply.isSaved { await pushView(to: key) }
        }
    }

    private func refuseMalformed(_ reason: String, from connection: any Connection) {
        let key = ObjectIdentifier(connection)
        refusedMessages += 1
        malformed[key, default: 0] += 1
        let tooMany = malformed[key, default: 0] > limits.malformedPerConnection
        let sentence = Sentence(ConnectionPhrase.badMessage, ["reason": .text(reason)])
        send(.error(WireError(.badMessage, sentence, fatal: tooMany)), to: connection)
        if tooMany { connection.close() }
    }

    /// Sends `message` with its sentences in the language `connection`'s participant reads.
    private func send(_ message: ServerMessage, to connection: any Connection) {
        let language = languageOf[ObjectIdentifier(connection)] ?? roomLanguage
        connection.send(message.localized(by: Localizer(language)))
    }

    // MARK: - Joining

    private func hello(version: Int, code offered: String, offeredToken: String?, from connection: any Connection) async {
        let key = ObjectIdentifier(connection)
        guard version == WireProtocol.version else {
            let sentence = Sentence(ConnectionPhrase.version, ["version": .number(version), "current": .number(WireProtocol.version)])
            send(.error(WireError(.version, sentence, fatal: true)), to: connection)
            connection.close()
            return
        }
        let state = await engine.currentState()
        let returning = offeredToken.flatMap { offered in
            offered.count == 32 && state.participants.contains(ParticipantToken(offered).pseudonym) ? ParticipantToken(offered) : nil
        }
        let codeIsRight = JoinCode.normalized(offered) == code
        // A participant who holds a valid token and the code always gets back in: the limits
        // below are for guessers and floods, and every participant of an ssh or web front end
        // arrives from the same address.
        if let returning, codeIsRight {
            await admit(returning, on: connection)
            return
        }
        guard !state.isRoomLocked else {
            // Refused whatever the code, so a locked room tells a guesser nothing.
            send(.error(WireError(.locked, Sentence(RefusalPhrase.roomLocked))), to: connection)
            return
        }
        if !guesses.hasRoom(at: clock.now) {
            // A guessing storm: every check waits, right or wrong, so the answer's timing
            // tells nothing and guessing crawls; a newcomer gets in a little later.
            try? await clock.sleep(for: limits.guessingStormDelay)
        }
        let now = clock.now
        guard codeIsRight else {
            _ = guesses.take(at: now)
            wrongCodes[key, default: 0] += 1
            let tries = wrongCodes[key, default: 0]
            try? await clock.sleep(for: limits.wrongCodeDelay)
            if tries >= limits.wrongCodesPerConnection {
                send(.error(WireError(.tooManyTries, Sentence(ConnectionPhrase.tooManyTries), fatal: true)), to: connection)
                connection.close()
            } else {
                send(.error(WireError(.wrongCode, Sentence(ConnectionPhrase.wrongCode))), to: connection)
            }
            return
        }
        guard newcomers.take(at: now) else {
            let wait = newcomers.secondsUntilNext(at: now)
            let sentence = Sentence(ConnectionPhrase.joiningRush, ["count": .number(wait)])
            send(.error(WireError(.rateLimited, sentence, retryAfterSeconds: wait)), to: connection)
            return
        }
        await admit(ParticipantToken(Self.newToken()), on: connection)
    }

    private func admit(_ token: ParticipantToken, on connection: any Connection) async {
        do {
            try await engine.execute(.participant(token, .join), at: clock.now)
        } catch let refusal as Refusal where refusal.reason == .finished {
            // A finished workshop still shows its results.
        } catch let refusal as Refusal {
            send(.error(WireError(WireErrorCode(refusal.reason), refusal.sentence)), to: connection)
            return
        } catch let failure as StorageFailure {
            send(.error(WireError(.notSaved, failure.participantSentence, retryAfterSeconds: 5)), to: connection)
            return
        } catch {
            send(.error(WireError(.notSaved, Sentence(ConnectionPhrase.cannotJoinNow), retryAfterSeconds: 5)), to: connection)
            return
        }
        let key = ObjectIdentifier(connection)
        tokenOf[key] = token
        connections[key] = connection
        openConnections[token, default: 0] += 1
        wrongCodes[key] = nil
        connection.joined()
        connection.send(.welcome(token: token.rawValue, language: (languageOf[key] ?? roomLanguage).code))
        lastView[key] = nil
        lastSentWall[key] = nil
        await pushView(to: key)
    }

    // MARK: - Requests

    /// The answer to `token`'s request `id`: a duplicate of a request still running waits for
    /// it and shares its answer; a refused one gets the same refusal again.
    private func answer(_ request: ParticipantRequest, id: String, token: ParticipantToken) async -> Reply {
        if let refused = refusals[token]?.reply(for: id) { return refused }
        let key = RequestKey(token: token, id: id)
        if inFlight[key] != nil {
            return await withCheckedContinuation { inFlight[key, default: []].append($0) }
        }
        // Carried out here, not in a task of its own: duplicates wait in `inFlight` instead.
        inFlight[key] = []
        let reply = await execute(request, id: id, token: token)
        for duplicate in inFlight.removeValue(forKey: key) ?? [] { duplicate.resume(returning: reply) }
        if case let .refused(code, _) = reply.outcome, code.isFinal, openConnections[token] != nil {
            refusals[token, default: RecentRefusals(limit: limits.refusalsRemembered)].remember(reply)
        }
        return reply
    }

    private func plan() async -> Plan {
        if let runPlan { return runPlan }
        let plan = await engine.currentState().plan
        runPlan = plan
        return plan
    }

    private func execute(_ request: ParticipantRequest, id: String, token: ParticipantToken) async -> Reply {
        let now = clock.now
        let command: ParticipantCommand
        switch request {
        case let .submit(text, extends, receipt):
            // Every submission counts towards the pace but a resend of one already kept, which
            // is answered whatever the pace (the state is read only when the limit is reached).
            let recent = (recentSubmissions[token] ?? []).filter { now.milliseconds(since: $0) < 10_000 }
            if recent.count >= limits.submissionsPerTenSeconds, !(await engine.currentState().hasCompleted(request: id, by: token)) {
                recentSubmissions[token] = recent
                return Reply(id: id, outcome: .refused(.rateLimited, Sentence(ConnectionPhrase.slowDown, ["count": .number(limits.submissionsPerTenSeconds)])))
            }
            recentSubmissions[token] = recent + [now]
            command = .submitIdea(text: text, extending: extends.map(IdeaID.init), receipt: receipt)
        case let .edit(idea, text): command = .editIdea(IdeaID(idea), text: text)
        case let .withdraw(idea): command = .withdrawIdea(IdeaID(idea))
        case let .vote(idea): command = .castVote(IdeaID(idea))
        case let .unvote(idea): command = .retractVote(IdeaID(idea))
        case let .move(from, to): command = .moveVote(from: IdeaID(from), to: IdeaID(to))
        case let .rate(idea, impact, effort): command = .rate(IdeaID(idea), impact: impact, effort: effort)
        case .done: command = .sayDone
        case .undone: command = .takeBackDone
        }
        do {
            let events = try await engine.execute(.participant(token, command, request: id), at: now)
            if case .submit = request {
                for case let .ideaSubmitted(idea) in events {
                    return Reply(id: id, outcome: .saved(idea: idea.id.rawValue, late: idea.isLate, held: await plan().holds(idea)))
                }
                // A resend of an idea already kept: found by its request id, and not counted.
                if let counted = recentSubmissions[token]?.lastIndex(of: now) { recentSubmissions[token]?.remove(at: counted) }
                guard let kept = await engine.currentState().idea(submittedWith: id, by: token) else {
                    return Reply(id: id, outcome: .refused(.notSaved, Sentence(ConnectionPhrase.lostTrack)))
                }
                let state = await engine.currentState()
                return Reply(id: id, outcome: .saved(idea: kept.id.rawValue, late: kept.isLate,
                                                     held: state.held.contains(kept.id) || state.heldBack.contains(kept.id)))
            }
            return Reply(id: id, outcome: .saved(idea: request.ideaID, late: false))
        } catch let refusal as Refusal {
            return Reply(id: id, outcome: .refused(WireErrorCode(refusal.reason), refusal.sentence))
        } catch let failure as StorageFailure {
            return Reply(id: id, outcome: .refused(.notSaved, failure.participantSentence))
        } catch {
            return Reply(id: id, outcome: .refused(.notSaved, Sentence(ConnectionPhrase.couldNotSave)))
        }
    }

    // MARK: - Views

    /// Publishes every participant's view, whatever front end they came through (TCP, ssh, a
    /// phone), until the calling task is cancelled: after each change of the session — at most
    /// every ``Limits/viewInterval`` however fast commits come, as a change arriving meanwhile
    /// waits for the next pass — and when a view is due for its periodic refresh. It waits on
    /// the session clock, so an idle session with nobody due costs nothing.
    public nonisolated func publishViews() async {
        let changes = engine.changes()
        let wakeup = Wakeup()
        await withDiscardingTaskGroup { group in
            group.addTask {
                for await _ in changes { wakeup.ring() }
            }
            while !Task.isCancelled {
                let refreshDue = await pushViews()
                await wakeup.wait(until: refreshDue, on: clock)
                try? await clock.sleep(for: limits.viewInterval)
            }
            group.cancelAll()
        }
    }

    /// Sends each connected participant their view when it changed, and every
    /// ``Limits/viewRefreshInterval`` so clients can correct the countdown they run locally.
    /// Returns when the next refresh is due (nil: nobody is connected).
    @discardableResult
    public func pushViews() async -> Instant? {
        let state = await engine.currentState()
        let now = clock.now
        let changed = state.revision != lastPassRevision
        lastPassRevision = state.revision
        refreshShared(from: state)
        let refresh = limits.viewRefreshInterval.wholeMilliseconds
        for key in connections.keys {
            // Without a change only the views due for their refresh can differ.
            if !changed, let last = lastView[key], now.milliseconds(since: last.sentAt) < refresh { continue }
            sendViewIfChanged(to: key, state: state, now: now)
        }
        return lastView.values.map(\.sentAt).min()?.advanced(byMilliseconds: refresh)
    }

    /// Sends one participant their view now if it changed (their own dots after a vote, or
    /// everything on joining), without touching anybody else's.
    private func pushView(to key: ObjectIdentifier) async {
        let state = await engine.currentState()
        refreshShared(from: state)
        sendViewIfChanged(to: key, state: state, now: clock.now)
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
            if withoutTime == last.view, now.milliseconds(since: last.sentAt) < limits.viewRefreshInterval.wholeMilliseconds { return }
        }
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

    // MARK: - Connections

    /// Forgets a closed connection. The participant keeps their token and budget; what was
    /// kept for their connections alone (refused answers) goes with the last one.
    public func disconnected(_ connection: any Connection) {
        let key = ObjectIdentifier(connection)
        if let token = tokenOf.removeValue(forKey: key) {
            let remaining = (openConnections[token] ?? 1) - 1
            openConnections[token] = remaining > 0 ? remaining : nil
            if remaining <= 0 { refusals[token] = nil }
        }
        connections[key] = nil
        languageOf[key] = nil
        lastView[key] = nil
        lastSentWall[key] = nil
        malformed[key] = nil
        wrongCodes[key] = nil
    }

    /// What the hub holds per connection and per participant, for tests of its bounds.
    public struct Footprint: Equatable, Sendable {
        public var connections: Int
        public var participantsWithRefusals: Int
        public var rememberedRefusals: Int
        public var requestsInFlight: Int
    }

    public var footprint: Footprint {
        Footprint(connections: connections.count, participantsWithRefusals: refusals.count,
                  rememberedRefusals: refusals.values.reduce(0) { $0 + $1.count }, requestsInFlight: inFlight.count)
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

extension ParticipantRequest {
    /// Whether the sender's own view changes with this request (their dots, their "done"), so it is sent
    /// to them at once rather than with the next pass.
    fileprivate var changesOwnView: Bool {
        switch self {
        case .vote, .unvote, .move, .rate, .done, .undone: true
        case .submit, .edit, .withdraw: false
        }
    }

    /// The idea the request names, for its answer.
    fileprivate var ideaID: String? {
        switch self {
        case .submit, .done, .undone: nil
        case let .edit(idea, _), let .withdraw(idea), let .vote(idea), let .unvote(idea), let .rate(idea, _, _): idea
        case let .move(_, to): to
        }
    }
}

extension WireErrorCode {
    /// A refusal that a resend would get again (the rules said no); not a busy disk or a
    /// rate limit, which a later resend may pass.
    fileprivate var isFinal: Bool {
        switch self {
        case .notSaved, .rateLimited: false
        default: true
        }
    }
}
