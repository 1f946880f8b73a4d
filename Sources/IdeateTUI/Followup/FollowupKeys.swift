import IdeateCore

/// What each key does on the follow-up screen. Nothing here saves: a key changes the screen's
/// state or becomes a ``FollowupAction`` that the app performs through the engine.
extension FollowupModel {
    static let pageSize = 10

    public mutating func handle(_ key: Key, agenda: FollowupAgenda) -> [FollowupAction] {
        if key == .interrupt { return [.quit] }
        if key == .resize { return [] }
        switch overlay {
        case .help:
            if [.escape, .character("q"), .character("?"), .enter].contains(key) { overlay = nil }
            return []
        case let .form(form):
            return handle(key, in: form, today: agenda.today)
        case nil:
            break
        }
        // A message stays until the next key on the list.
        status = nil
        cursor = min(cursor, max(0, agenda.entries.count - 1))
        let selected = agenda.entry(at: cursor)?.item
        switch key {
        case .character("?"):
            overlay = .help
        case .character("q"), .escape:
            if isOpen { isOpen = false } else { return [.quit] }
        case .pageDown where isOpen:
            detailScroll += Self.pageSize
        case .pageUp where isOpen:
            detailScroll = max(0, detailScroll - Self.pageSize)
        case .up, .down, .pageUp, .pageDown, .home, .end:
            moveCursor(key, count: agenda.entries.count)
            detailScroll = 0
        case .enter, .right:
            if selected != nil { isOpen = true }
            detailScroll = 0
        case .left:
            isOpen = false
        case .character("u"):
            guard let undo = undoStack.popLast() else {
                status = ConsoleModel.Status(text: "Nothing to undo.", isProblem: true)
                return []
            }
            return [.perform(.undo(undo), note: "undone on the follow-up screen", done: "Undone: \(undo).")]
        default:
            return selected.map { handleItemKey(key, item: $0) } ?? []
        }
        return []
    }

    private mutating func moveCursor(_ key: Key, count: Int) {
        guard count > 0 else { cursor = 0; return }
        switch key {
        case .up: cursor -= 1
        case .down: cursor += 1
        case .pageUp: cursor -= Self.pageSize
        case .pageDown: cursor += Self.pageSize
        case .home: cursor = 0
        case .end: cursor = count - 1
        default: break
        }
        cursor = min(max(0, cursor), count - 1)
    }

    private mutating func handleItemKey(_ key: Key, item: FollowupAgenda.Item) -> [FollowupAction] {
        switch (item, key) {
        case let (.experiment(experiment), .character("s")):
            guard experiment.state == .planned else { return refuse("\(experiment.id) is \(experiment.state.stage.rawValue); only a planned experiment starts.") }
            return [.perform(.start(experiment.id), note: "", done: "\(experiment.id) is running.")]
        case let (.experiment(experiment), .character("l")):
            guard experiment.state == .running else {
                return refuse(experiment.state == .planned
                    ? "\(experiment.id) has not started: press s to start it, then l for its learning card."
                    : "\(experiment.id) already has its learning card.")
            }
            overlay = .form(.learning(experiment))
        case let (.actionItem(item), .character(character)):
            let statuses: [Character: TrackedActionItem.Status] = ["d": .done, "k": .stuck, "x": .dropped, "o": .open]
            guard let status = statuses[character] else { return [] }
            return [.perform(.move(item.id, to: status), note: "", done: "\(item.id) \(status.rawValue).")]
        case let (.backlogIdea(idea), .character("p")):
            guard idea.promotedTo == nil else { return refuse("\(idea.id) is already experiment \(idea.promotedTo!).") }
            overlay = .form(.promotion(idea))
        case let (.backlogIdea(idea), .character(character)) where Self.reviewKeys[character] != nil:
            overlay = .form(.review(idea, Self.reviewKeys[character]!))
        case let (.backlogIdea(idea), .character("m")):
            overlay = .form(.merge(idea))
        case let (.backlogIdea(idea), .character("a")):
            overlay = .form(.answer(idea))
        case let (.backlogIdea(idea), .character("b")):
            let shown = !idea.onBoard
            return [.perform(.showOnBoard(idea.id, shown), note: "",
                             done: shown ? "\(idea.id) is on the box's board again." : "\(idea.id) is kept off the board: its author alone sees it and its answer.")]
        default:
            break
        }
        return []
    }

    /// The review decisions a key makes on a new or backlog idea (each opens its answer form).
    static let reviewKeys: [Character: ReviewDecision] = ["k": .keep, "t": .takeToWorkshop, "x": .decline]

    private mutating func refuse(_ text: String) -> [FollowupAction] {
        status = ConsoleModel.Status(text: text, isProblem: true)
        return []
    }

    // MARK: - Forms

    private mutating func handle(_ key: Key, in form: FollowupForm, today: CalendarDate) -> [FollowupAction] {
        var form = form
        switch key {
        case .escape:
            overlay = nil
            status = ConsoleModel.Status(text: "Nothing saved.", isProblem: false)
            return []
        case .up, .backTab: form.move(by: -1)
        case .down, .tab: form.move(by: 1)
        case .left: form.cycle(by: -1)
        case .right: form.cycle(by: 1)
        case .enter:
            if form.current == form.fields.count - 1 { return save(form, today: today) }
            form.move(by: 1)
        case .save:
            return save(form, today: today)
        case .backspace, .delete:
            form.deleteBackward()
        case let .character(character):
            form.type(character)
        default:
            break
        }
        overlay = .form(form)
        return []
    }

    private mutating func save(_ form: FollowupForm, today: CalendarDate) -> [FollowupAction] {
        switch form.edit(today: today) {
        case let .failure(problem):
            overlay = .form(form)
            return refuse(problem.message)
        case let .success((edit, note)):
            overlay = nil
            let done = switch edit {
            case let .learn(id, card): "\(id) learned on \(card.date): \(card.outcome.rawValue); therefore we will \(card.decision.phrase)."
            case let .promote(id, _): "\(id) promoted to a planned experiment."
            case let .decide(id, decision, answer): "\(id) \(decision)" + (answer == nil ? "." : "; its author will read the answer.")
            case let .answer(id, _): "\(id) answered; its author will read it."
            default: "Saved."
            }
            return [.perform(edit, note: note, done: done, reopening: .form(form))]
        }
    }
}
