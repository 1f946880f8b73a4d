import Foundation
import IdeateCore

/// What each key does on each screen. Screens never change anything themselves: a key turns
/// into console state changes and ``ConsoleAction``s that the app executes.
extension ConsoleModel {
    static let pageSize = 10
    static let extendSeconds = 60

    public mutating func handle(_ key: Key, state: SessionState, now: Instant) -> [ConsoleAction] {
        follow(state)
        if key == .interrupt { return [.quit] }
        if key == .resize { return [] }
        if let overlay { return handle(key, in: overlay, state: state) }
        if state.stage == .lobby, state.earlierExperiments != nil, handleFollowupRound(key, pages: EarlierExperimentsScreen.pages(in: state), language: state.roomLanguage) { return [] }
        let ideas = ConsoleLists.ideas(for: state, model: self)
        let selected = ideas.indices.contains(cursor) ? state.ideas[ideas[cursor]] : nil
        switch key {
        case .character("?"):
            overlay = .help
        case .character("q"), .escape:
            if searchQuery.isEmpty { overlay = .confirmQuit } else { searchQuery = "" }
        case .character("/"):
            overlay = .input(.search, text: searchQuery)
        case .up, .down, .pageUp, .pageDown, .home, .end, .left, .right:
            if cursorVisible || state.currentPhase?.isIdeaFlow != true { moveCursor(key, count: ideas.count) }
            cursorVisible = true
        case .character("n"):
            return advance(state: state, now: now)
        case .character("t"):
            guard let timer = state.timer, !state.isLocked else { return noTimer(state) }
            return [timer.isPaused ? .send(.resumeTimer, done: Localizer(state.roomLanguage)(ConsolePhrase.timerRunning)) : .send(.pauseTimer, done: Localizer(state.roomLanguage)(ConsolePhrase.timerPaused))]
        case .character("+"):
            guard state.timer != nil else { return noTimer(state) }
            return [.send(.extendTimer(seconds: Self.extendSeconds), done: Localizer(state.roomLanguage)(ConsolePhrase.oneMoreMinute))]
        case .character("L"):
            return toggleRoomLock(state: state)
        case .character("u"):
            guard case .running = state.stage, let group = undoStack.popLast() else {
                status = Status(text: Localizer(state.roomLanguage)(ConsolePhrase.nothingToUndo), isProblem: true)
                return []
            }
            return [.undo(group.reversed())]
        case .character("x"):
            guard case .running = state.stage, !state.isLocked else { return [] }
            let t = Localizer(state.roomLanguage)
            return [.send(.lockPhase, done: t(ConsolePhrase.phaseClosed, ["phase": .text(state.currentPhase.map(t.name(of:)) ?? "")]))]
        default:
            return handlePhaseKey(key, state: state, selected: selected)
        }
        return []
    }

    /// The follow-up round's pages: n (or → Enter Space) next, p (or ←) back, Esc or q to the
    /// lobby; in the lobby, p goes back to the last page. Returns whether the key was used.
    private mutating func handleFollowupRound(_ key: Key, pages: Int, language: Language) -> Bool {
        guard let page = earlierPage else {
            guard key == .character("p") else { return false }
            earlierPage = pages - 1
            return true
        }
        switch key {
        case .character("n"), .right, .enter, .character(" "):
            if page + 1 < pages {
                earlierPage = page + 1
            } else {
                earlierPage = nil
                status = Status(text: Localizer(language)(ConsolePhrase.backToLobby), isProblem: false)
            }
        case .character("p"), .left:
            earlierPage = max(0, page - 1)
        case .escape, .character("q"):
            earlierPage = nil
        default:
            return false
        }
        return true
    }

    /// Closes joining once everyone is in (known participants still reconnect), or opens it.
    private mutating func toggleRoomLock(state: SessionState) -> [ConsoleAction] {
        guard state.stage != .finished else {
            status = Status(text: Localizer(state.roomLanguage)(ConsolePhrase.endedNoJoin), isProblem: true)
            return []
        }
        let t = Localizer(state.roomLanguage)
        if state.isRoomLocked { return [.send(.unlockRoom, done: t(ConsolePhrase.roomOpen))] }
        let joined = t(ConsolePhrase.joined, ["count": .number(state.participants.count)])
        return [.send(.lockRoom, done: t(ConsolePhrase.roomLocked, ["joined": .text(joined)]))]
    }

    private mutating func noTimer(_ state: SessionState) -> [ConsoleAction] {
        status = Status(text: Localizer(state.roomLanguage)(ConsolePhrase.noTimer), isProblem: true)
        return []
    }

    private mutating func moveCursor(_ key: Key, count: Int) {
        guard count > 0 else { cursor = 0; return }
        switch key {
        case .up, .left: cursor -= 1
        case .down, .right: cursor += 1
        case .pageUp: cursor -= Self.pageSize
        case .pageDown: cursor += Self.pageSize
        case .home: cursor = 0
        case .end: cursor = count - 1
        default: break
        }
        cursor = min(max(0, cursor), count - 1)
    }

    private mutating func advance(state: SessionState, now: Instant) -> [ConsoleAction] {
        let t = Localizer(state.roomLanguage)
        switch state.stage {
        case .finished:
            status = Status(text: t(ConsolePhrase.endedPressQ), isProblem: false)
            return []
        case .lobby:
            return [.send(.advance, done: t(ConsolePhrase.started))]
        case let .running(round, phase):
            let isLast = round == state.plan.rounds.count - 1 && state.plan.rounds[round].phases.last?.kind == phase
            if isLast {
                overlay = .confirmAdvance(t(ConsolePhrase.confirmFinish))
            } else if let timer = state.timer, !state.isLocked, timer.remainingMilliseconds(at: now) > 0 {
                let left = BigDigits.clockText(milliseconds: timer.remainingMilliseconds(at: now))
                overlay = .confirmAdvance(t(ConsolePhrase.confirmEndPhase, ["phase": .text(t.name(of: phase)), "left": .text(left)]))
            } else {
                return [.send(.advance, done: t(ConsolePhrase.nextPhaseDone))]
            }
            return []
        }
    }

    /// The moderation queue's head: y lets it through, b holds it back (u undoes), = lets it
    /// through as the same as the wall idea it is most like. One key per idea, no confirmation:
    /// a room can send thirty ideas a minute.
    private mutating func moderate(_ key: Key, state: SessionState) -> [ConsoleAction] {
        guard state.plan.moderation else { return [] }
        let t = Localizer(state.roomLanguage)
        guard let head = state.heldIdeas(round: state.displayRound).first else {
            status = Status(text: t(ConsolePhrase.queueEmpty), isProblem: false)
            return []
        }
        let idea: PhraseArgument = .text(head.text)
        switch key {
        case .character("y"):
            return [.send(.approve(head.id), done: t(ConsolePhrase.letThrough, ["idea": idea]))]
        case .character("b"):
            return [.send(.holdBack(head.id), inverse: .requeue(head.id), done: t(ConsolePhrase.heldBackDone, ["idea": idea]))]
        default:
            guard let twin = suggestions.queueHeadTwin, let target = state.ideas[twin] else {
                status = Status(text: t(ConsolePhrase.noSimilar), isProblem: true)
                return []
            }
            return [.send(.approveMerging(head.id, into: twin), done: t(ConsolePhrase.letThroughAsSame, ["idea": .text(target.text)]))]
        }
    }

    private mutating func handlePhaseKey(_ key: Key, state: SessionState, selected: Idea?) -> [ConsoleAction] {
        let t = Localizer(state.roomLanguage)
        switch (state.stage, key) {
        case (.running, .character("y")), (.running, .character("b")), (.running, .character("=")):
            return moderate(key, state: state)
        case (.running(_, .group), .character("M")):
            guard let pair = suggestions.duplicate else { return [] }
            return [.send(.merge(pair.duplicate, into: pair.kept), inverse: .unmerge(pair.duplicate), done: t(ConsolePhrase.sameMerged))]
        case (.running(_, .group), .character("D")):
            guard let pair = suggestions.duplicate else { return [] }
            dismissedDuplicates.insert([pair.kept, pair.duplicate])
            status = Status(text: t(ConsolePhrase.notSameNoted), isProblem: false)
        case (.running(_, let phase), .character("a")) where phase.isIdeaFlow:
            overlay = .input(.spokenIdea, text: "")
        case (.running(_, let phase), .character("h")):
            guard let idea = selected else { return [] }
            if phase.isIdeaFlow, !cursorVisible {
                cursorVisible = true
                status = Status(text: t(ConsolePhrase.chooseToHide), isProblem: false)
                return []
            }
            return idea.isHidden
                ? [.send(.unhide(idea.id), inverse: .hide(idea.id), done: t(ConsolePhrase.shownAgain))]
                : [.send(.hide(idea.id), inverse: .unhide(idea.id), done: t(ConsolePhrase.hiddenDone))]
        case (.running(_, .group), _):
            return handleGroupKey(key, state: state, selected: selected)
        case (.running(_, .vote), .enter) where state.isLocked, (.running(_, .review), .enter), (.finished, .enter):
            guard let idea = selected else { return [] }
            overlay = .review(ReviewForm(idea: idea, review: state.reviews[idea.id]))
        default:
            break
        }
        return []
    }

    private mutating func handleGroupKey(_ key: Key, state: SessionState, selected: Idea?) -> [ConsoleAction] {
        guard let idea = selected else { return [] }
        let t = Localizer(state.roomLanguage)
        switch key {
        case .character(" "):
            if marked.contains(idea.id) { marked.remove(idea.id) } else { marked.insert(idea.id) }
            cursor += 1
            cursor = min(cursor, ConsoleLists.ideas(for: state, model: self).count - 1)
        case .character("m"):
            let sources = marked.subtracting([idea.id]).sorted()
            guard !sources.isEmpty else {
                status = Status(text: t(ConsolePhrase.markFirst, ["space": .text(t(CommonPhrase.keySpace))]), isProblem: true)
                return []
            }
            marked = []
            return [.perform(sources.map { .init(.merge($0, into: idea.id), inverse: .unmerge($0)) },
                             done: t(ConsolePhrase.mergedDone, ["count": .number(sources.count)]))]
        case .character("c"):
            let targets = marked.isEmpty ? [idea.id] : marked.sorted()
            overlay = .input(.clusterName(targets), text: idea.cluster ?? "")
        case .character("r"):
            guard let cluster = idea.cluster else {
                status = Status(text: t(ConsolePhrase.noCluster), isProblem: true)
                return []
            }
            overlay = .input(.renameCluster(cluster), text: cluster)
        case .character("k"):
            return idea.isParked
                ? [.send(.unpark(idea.id), inverse: .park(idea.id), done: t(ConsolePhrase.backOnWall))]
                : [.send(.park(idea.id), inverse: .unpark(idea.id), done: t(ConsolePhrase.parkedDone))]
        case .character("s"):
            let merged = state.ideasMerged(into: idea.id)
            guard !merged.isEmpty else { return [] }
            return [.perform(merged.map { .init(.unmerge($0.id), inverse: .merge($0.id, into: idea.id)) }, done: t(ConsolePhrase.splitDone))]
        default:
            break
        }
        return []
    }

    // MARK: - Overlays

    private mutating func handle(_ key: Key, in overlay: Overlay, state: SessionState) -> [ConsoleAction] {
        switch overlay {
        case .help:
            if [.escape, .character("q"), .character("?"), .enter].contains(key) { self.overlay = nil }
        case .confirmQuit:
            if key == .character("y") || key == .character("Y") { return [.quit] }
            if [.escape, .character("n"), .character("N"), .character("q")].contains(key) { self.overlay = nil }
        case .confirmAdvance:
            if [.character("y"), .character("Y"), .enter].contains(key) {
                self.overlay = nil
                return [.send(.advance, done: Localizer(state.roomLanguage)(ConsolePhrase.nextPhaseDone))]
            }
            if [.escape, .character("n"), .character("N")].contains(key) { self.overlay = nil }
        case let .input(purpose, text):
            return handleInput(key, purpose: purpose, text: text, state: state)
        case let .review(form):
            return handleForm(key, form: form, language: state.roomLanguage)
        }
        return []
    }

    private mutating func handleInput(_ key: Key, purpose: InputPurpose, text: String, state: SessionState) -> [ConsoleAction] {
        var text = text
        switch key {
        case .escape:
            overlay = nil
            if purpose == .search { searchQuery = "" }
            return []
        case .backspace, .delete:
            if !text.isEmpty { text.removeLast() }
        case let .character(character):
            if text.count < IdeaText.maximumLength { text.append(character) }
        case .enter:
            overlay = nil
            return submit(purpose, text: text, state: state)
        default:
            break
        }
        overlay = .input(purpose, text: text)
        if purpose == .search {
            searchQuery = text
            cursor = 0
        }
        return []
    }

    private mutating func submit(_ purpose: InputPurpose, text: String, state: SessionState) -> [ConsoleAction] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let t = Localizer(state.roomLanguage)
        switch purpose {
        case .search:
            searchQuery = trimmed
            return []
        case .spokenIdea:
            guard !trimmed.isEmpty else { return [] }
            return [.send(.addIdea(text: trimmed), done: t(ConsolePhrase.ideaAdded))]
        case let .clusterName(ids):
            let name = trimmed.isEmpty ? nil : trimmed
            marked = []
            let done = name.map { t(ConsolePhrase.clusterNamed, ["name": .text(t.quoted($0))]) } ?? t(ConsolePhrase.clusterRemoved)
            return [.perform(ids.map { .init(.cluster($0, name: name), inverse: .cluster($0, name: state.ideas[$0]?.cluster)) }, done: done)]
        case let .renameCluster(from):
            guard !trimmed.isEmpty, trimmed != from else { return [] }
            return [.send(.renameCluster(from: from, to: trimmed), inverse: .renameCluster(from: trimmed, to: from), done: t(ConsolePhrase.clusterRenamed))]
        }
    }

    private mutating func handleForm(_ key: Key, form: ReviewForm, language: Language) -> [ConsoleAction] {
        var form = form
        let fields = ReviewForm.Field.allCases
        switch key {
        case .escape:
            overlay = nil
            status = Status(text: Localizer(language)(ConsolePhrase.reviewNotSaved), isProblem: false)
            return []
        case .up, .backTab:
            form.field = fields[max(0, form.field.rawValue - 1)]
        case .down, .tab:
            form.field = fields[min(fields.count - 1, form.field.rawValue + 1)]
        case .enter:
            if form.field == fields.last { return save(form, language: language) }
            form.field = fields[form.field.rawValue + 1]
        case .save:
            return save(form, language: language)
        case .backspace, .delete:
            if !form.value(form.field).isEmpty { form.values[form.field]?.removeLast() }
        case let .character(character):
            if form.value(form.field).count < IdeaText.maximumNoteLength { form.values[form.field, default: ""].append(character) }
        default:
            break
        }
        overlay = .review(form)
        return []
    }

    private mutating func save(_ form: ReviewForm, language: Language) -> [ConsoleAction] {
        let t = Localizer(language)
        overlay = nil
        var steps = [ConsoleAction.Step(.recordReview(form.idea, form.review))]
        if let item = form.actionItem { steps.append(.init(item)) }
        return [.perform(steps, done: t(form.actionItem == nil ? ConsolePhrase.reviewSaved : ConsolePhrase.reviewAndItemSaved),
                         reopening: .review(form))]
    }
}
