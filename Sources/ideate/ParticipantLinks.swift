import IdeateCore
import IdeateNet
import IdeateTUI

/// `ideate join`'s way to the workshop: the TCP client, its events turned into screen updates.
struct ClientLink: ParticipantLink {
    let client: ParticipantClient
    let updates: AsyncStream<ParticipantUpdate>

    init(client: ParticipantClient) {
        self.client = client
        updates = ParticipantUpdate.stream(from: client.events)
    }

    func send(_ draft: ClientMessageDraft) async { await client.send(ParticipantRequest(draft), id: draft.requestID) }

    func join(code: String) async { await client.join(code: code) }
}

extension ParticipantUpdate {
    /// The screen's view of a client event: wrong codes ask again, final refusals stop.
    init(_ event: ClientEvent) {
        switch event {
        case .connected: self = .connected
        case let .reconnecting(reason): self = .reconnecting(reason)
        case let .view(view): self = .view(view)
        case let .reply(reply):
            switch reply.outcome {
            case let .saved(idea, late): self = .answered(requestID: reply.id, ok: true, idea: idea, late: late, message: reply.message)
            case let .refused(_, message): self = .answered(requestID: reply.id, ok: false, idea: nil, late: false, message: message)
            }
        case let .problem(problem):
            switch problem.code {
            case .wrongCode: self = .needsCode("Wrong code — check the shared screen and type it again.")
            case .tooManyTries: self = .needsCode("Too many wrong codes on this connection. Check the code on the shared screen; Enter tries again.")
            default: self = problem.stopsClient ? .stopped(problem.message) : .notice(problem.message)
            }
        }
    }

    /// `events` as updates, as they come; ends with them.
    static func stream(from events: AsyncStream<ClientEvent>) -> AsyncStream<ParticipantUpdate> {
        AsyncStream(bufferingPolicy: .bufferingNewest(512)) { continuation in
            let task = Task {
                for await event in events { continuation.yield(ParticipantUpdate(event)) }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}

extension ParticipantRequest {
    /// What the screen asked to send, as a request of the protocol.
    init(_ draft: ClientMessageDraft) {
        self = switch draft.kind {
        case .submit: .submit(text: draft.text ?? "", extends: draft.extends)
        case .edit: .edit(idea: draft.idea ?? "", text: draft.text ?? "")
        case .withdraw: .withdraw(idea: draft.idea ?? "")
        case .vote: .vote(idea: draft.idea ?? "")
        case .unvote: .unvote(idea: draft.idea ?? "")
        }
    }
}
