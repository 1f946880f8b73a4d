import IdeateCore

/// `ideate join` on the idea box: what the screen holds (the board, this computer's receipt
/// book, what is being typed and about which question) and what keys and the box's answers do
/// to it. Requests go out as ``BoxJoinRequest``s; their answers come back as
/// ``BoxJoinAnswer``s. An idea is kept in the book before it is sent and marked sent only once
/// the box has said its number, so quitting or losing the network loses nothing.
public struct BoxJoinModel: Equatable, Sendable {
    /// Where the keys go.
    public enum Focus: Equatable, Sendable {
        case input
        case list
    }

    public var board: BoxBoard?
    public var book: ReceiptBook
    public var input = ""
    /// The chosen question: an index into the board's questions, or their count for "anything".
    public var question = 0
    public var focus = Focus.input
    /// The first line of the list shown.
    public var scroll = 0
    /// The own idea chosen in the list (for withdrawing it).
    public var chosen = 0
    /// The status line: what happened last, for the person.
    public struct Status: Equatable, Sendable {
        public var sentence: Sentence
        public var isProblem: Bool

        public init(_ sentence: Sentence, isProblem: Bool) {
            self.sentence = sentence
            self.isProblem = isProblem
        }
    }

    /// The language the screen speaks: the person's locale, else the box's.
    public var language: Language = .english
    public var status: Status?
    public var showingHelp = false
    public var isReachable = true
    /// False over ssh: this session's ideas are forgotten when it ends, so their numbers are to be noted.
    public var keepsReceipts = true

    public init(book: ReceiptBook) { self.book = book }

    /// The question an idea typed now answers (nil: anything).
    var questionID: String? {
        guard let questions = board?.questions, questions.indices.contains(question) else { return nil }
        return questions[question].id
    }

    /// What the screen asks for when it opens and on r: the board and the fates, and the ideas
    /// not yet sent.
    public var lookingAgain: [BoxJoinRequest] {
        [.refresh(book)] + book.entries.filter(\.isUnsent).map { .submit($0) }
    }

    /// Applies `key`; returns the requests it makes and whether the screen goes on.
    public mutating func handle(_ key: Key, today: CalendarDate, newSecret: () -> String) -> (requests: [BoxJoinRequest], goesOn: Bool) {
        if showingHelp {
            if [.escape, .character("?"), .character("q"), .enter].contains(key) { showingHelp = false }
            return ([], true)
        }
        switch (focus, key) {
        case (_, .resize):
            return ([], true)
        case (_, .interrupt):
            return ([], false)
        case (.input, .enter):
            return (send(today: today, secret: newSecret()), true)
        case (.input, .backspace):
            if !input.isEmpty { input.removeLast() }
        case (.input, .up):
            question = max(0, question - 1)
        case (.input, .down):
            question = min(board?.questions.count ?? 0, question + 1)
        case (.input, .tab), (.input, .escape):
            focus = .list
        case let (.input, .character(character)):
            if input.count < IdeaText.maximumLength { input.append(character) }
        case (.list, .tab), (.list, .character("i")):
            focus = .input
        case (.list, .up):
            chosen = max(0, chosen - 1)
        case (.list, .down):
            chosen = min(max(0, book.entries.count - 1), chosen + 1)
        case (.list, .character("r")):
            status = Status(Sentence(BoxPhrase.asking), isProblem: false)
            return (lookingAgain, true)
        case (.list, .character("w")):
            return (withdrawChosen(), true)
        case (.list, .character("?")):
            showingHelp = true
        case (.list, .character("q")), (.list, .escape):
            return ([], false)
        default:
            break
        }
        return ([], true)
    }

    /// Keeps the typed idea in the book, unsent, and sends it.
    private mutating func send(today: CalendarDate, secret: String) -> [BoxJoinRequest] {
        guard !input.allSatisfy(\.isWhitespace) else {
            status = Status(Sentence(BoxPhrase.writeFirst), isProblem: true)
            return []
        }
        let submission: BoxSubmission
        do {
            submission = try BoxSubmission(text: input, question: questionID, proof: OwnershipProof(secret: secret))
        } catch {
            status = Status(error.sentence, isProblem: true)
            return []
        }
        var entry = ReceiptBook.Entry(secret: secret, proof: submission.proof, text: submission.text, question: submission.question, sent: today)
        entry.isUnsent = true
        book.add(entry)
        input = ""
        status = Status(Sentence(BoxPhrase.sending), isProblem: false)
        return [.submit(entry)]
    }

    private mutating func withdrawChosen() -> [BoxJoinRequest] {
        guard book.entries.indices.contains(chosen) else { return [] }
        let entry = book.entries[chosen]
        guard let secret = entry.secret, !entry.isUnsent, entry.fate == nil || entry.fate?.fate == .new else {
            status = Status(Sentence(BoxPhrase.onlyNewWithdrawn), isProblem: true)
            return []
        }
        status = Status(Sentence(BoxPhrase.withdrawing), isProblem: false)
        return [.withdraw(proof: entry.proof, secret: secret)]
    }

    /// Takes the box's answer to a request.
    public mutating func take(_ answer: BoxJoinAnswer) {
        switch answer {
        case let .board(board):
            self.board = board
            question = min(question, board.questions.count)
            isReachable = true
        case let .fates(fates):
            book.update(with: fates)
            if status?.sentence == Sentence(BoxPhrase.asking) { status = nil }
        case let .submitted(proof, number):
            guard let index = book.entries.firstIndex(where: { $0.proof == proof }) else { return }
            book.entries[index].isUnsent = false
            book.entries[index].number = number.description
            // Short enough for one line of an 80-column terminal.
            status = Status(Sentence(keepsReceipts ? BoxPhrase.savedLookAgain : BoxPhrase.savedNoteIt, ["id": .text(number.description)]),
                            isProblem: false)
            isReachable = true
        case let .refused(proof, reason):
            // The box said no: the idea comes back into the box to be changed, nothing is lost.
            if let index = book.entries.firstIndex(where: { $0.proof == proof }) {
                if input.isEmpty { input = book.entries[index].text }
                book.entries.remove(at: index)
            }
            status = Status(reason, isProblem: true)
        case let .withdrawn(proof):
            book.entries.removeAll { $0.proof == proof }
            chosen = min(chosen, max(0, book.entries.count - 1))
            status = Status(Sentence(BoxPhrase.withdrawn), isProblem: false)
        case let .said(reason):
            status = Status(reason, isProblem: true)
        case let .unreachable(reason):
            isReachable = false
            status = Status(reason, isProblem: true)
        }
    }
}

/// What the join screen asks of the box.
public enum BoxJoinRequest: Equatable, Sendable {
    /// The board, then the fates of the buckets of `book` (this computer's, as it is now).
    case refresh(ReceiptBook)
    case submit(ReceiptBook.Entry)
    case withdraw(proof: OwnershipProof, secret: String)
}

/// What the box answered.
public enum BoxJoinAnswer: Equatable, Sendable {
    case board(BoxBoard)
    case fates(BucketFates)
    case submitted(OwnershipProof, BacklogIdeaID)
    /// The box refused the idea with `proof`, saying why.
    case refused(OwnershipProof, Sentence)
    case withdrawn(OwnershipProof)
    /// The box answered, but not as asked (an idea already reviewed stays, say).
    case said(Sentence)
    case unreachable(Sentence)
}
