import IdeateCore
import IdeateRuntime

/// `ideate join` on the idea box as a ``FrontEnd``: keys change the model, the requests they
/// make go to one worker that asks the box (``IdeaBoxService``: the HTTP client in the app, the
/// store itself in tests) one at a time, and its answers come back as the loop's events, so
/// typing never waits for the network. The receipt book is saved (`save`) after every change.
public final class BoxJoinApp: FrontEnd {
    public typealias Event = BoxJoinAnswer

    private let box: any IdeaBoxService
    private let terminal: any Terminal
    private let today: CalendarDate
    private let save: @Sendable (ReceiptBook) -> Void
    private let newSecret: () -> String
    private var model: BoxJoinModel
    private let (requests, requested) = AsyncStream.makeStream(of: BoxJoinRequest.self, bufferingPolicy: .bufferingNewest(64))
    private let (answers, answered) = AsyncStream.makeStream(of: BoxJoinAnswer.self, bufferingPolicy: .bufferingNewest(64))

    /// - Parameters:
    ///   - book: the receipts this computer keeps for this box.
    ///   - save: keeps the book (in the user's config folder); called after every change.
    ///   - newSecret: a fresh 256-bit secret for each idea.
    ///   - keepsReceipts: false over ssh, where the server draws the screen and keeps nothing:
    ///     the screen then asks the person to note their ideas' numbers.
    ///   - language: the language the person reads.
    public init(box: any IdeaBoxService, book: ReceiptBook, today: CalendarDate, terminal: any Terminal,
                save: @escaping @Sendable (ReceiptBook) -> Void, newSecret: @escaping () -> String, keepsReceipts: Bool = true,
                language: Language = .english) {
        self.box = box
        self.terminal = terminal
        self.today = today
        self.save = save
        self.newSecret = newSecret
        model = BoxJoinModel(book: book)
        model.keepsReceipts = keepsReceipts
        model.language = language
    }

    /// Runs until q, Ctrl-C, a closed terminal or the task's cancellation.
    public func run() async {
        for request in model.lookingAgain { requested.yield(request) }
        let box = box, answered = answered, requests = requests
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await Self.work(requests, box: box, answering: answered) }
            let noTicks = AsyncStream<Void> { $0.finish() }
            await FrontEndLoop.run(self, on: terminal, clock: SystemClock(), events: answers, ticks: noTicks)
            group.cancelAll()
        }
    }

    public func update(keys: [Key], events: [BoxJoinAnswer], now: Instant) async -> Bool {
        let before = model.book
        for answer in events { model.take(answer) }
        var goesOn = true
        for key in keys where goesOn {
            let (made, stays) = model.handle(key, today: today, newSecret: newSecret)
            for request in made { requested.yield(request) }
            goesOn = stays
        }
        if model.book != before { save(model.book) }
        return goesOn
    }

    public func frame(size: TerminalSize, now: Instant) -> CellGrid {
        BoxJoinScreen.render(model, width: size.width, height: size.height)
    }

    /// Asks the box, one request after another, and posts each answer.
    private static func work(_ requests: AsyncStream<BoxJoinRequest>, box: any IdeaBoxService,
                             answering: AsyncStream<BoxJoinAnswer>.Continuation) async {
        for await request in requests {
            for answer in await ask(box, request) { answering.yield(answer) }
        }
    }

    static func ask(_ box: any IdeaBoxService, _ request: BoxJoinRequest) async -> [BoxJoinAnswer] {
        do {
            switch request {
            case let .refresh(book):
                let board = try await box.board()
                return [.board(board)] + (try await fates(of: book, from: box, count: board.buckets).map { [.fates($0)] } ?? [])
            case let .submit(entry):
                do {
                    let submission = try BoxSubmission(text: entry.text, question: entry.question, proof: entry.proof)
                    return [.submitted(entry.proof, try await box.submit(submission))]
                } catch let refusal as Refusal {
                    return [.refused(entry.proof, refusal.sentence)]
                } catch let BoxRefusal.refused(reason) {
                    return [.refused(entry.proof, Sentence(literal: reason))]
                }
            case let .withdraw(proof, secret):
                _ = try await box.withdraw(secret: secret)
                return [.withdrawn(proof)]
            }
        } catch let refusal as BoxRefusal {
            return [.said(refusal.sentence)]
        } catch let explained as any ExplainedError {
            return [.unreachable(explained.sentence)]
        } catch {
            return [.unreachable(Sentence(literal: "\(error)"))]
        }
    }

    /// The fates of `book`'s buckets (nil when it follows no idea); when the box has grown
    /// since the board was read, asked again once with its new count.
    private static func fates(of book: ReceiptBook, from box: any IdeaBoxService, count: Int) async throws -> BucketFates? {
        let buckets = book.buckets(of: count)
        guard !buckets.isEmpty else { return nil }
        do {
            return try await box.fates(in: buckets, of: count)
        } catch let BoxRefusal.bucketsChanged(current) {
            return try await box.fates(in: book.buckets(of: current), of: current)
        }
    }
}
