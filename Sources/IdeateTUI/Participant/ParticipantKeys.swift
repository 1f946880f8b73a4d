import Foundation
import IdeateCore
import IdeateProtocol

/// Keys on the participant's screen. While ideas flow, letters go into the text box; Tab
/// moves to the list of one's own ideas (e edit, w withdraw). In the vote, Space places a dot
/// and Backspace takes one back.
extension ParticipantModel {
    public mutating func handle(_ key: Key, newRequestID: () -> String) -> [ParticipantAction] {
        if key == .interrupt { return [.quit] }
        if showingHelp {
            if [.escape, .character("?"), .character("q"), .enter].contains(key) { showingHelp = false }
            return []
        }
        if confirmingQuit {
            if key == .character("y") || key == .character("Y") { return [.quit] }
            if [.escape, .character("n"), .character("N")].contains(key) { confirmingQuit = false }
            return []
        }
        if codeEntry != nil { return handleCode(key) }
        notice = nil
        if key == .done || (key == .character("d") && focus == .list) { return toggleDone(newRequestID: newRequestID) }
        if ideasFlow, focus == .input { return handleTyping(key, newRequestID: newRequestID) }
        switch key {
        case .character("?"): showingHelp = true
        case .character("q"), .escape:
            if ideasFlow { focus = .input } else { confirmingQuit = true }
        case .tab, .backTab:
            if ideasFlow { focus = .input }
        case .up:
            cursor = max(0, cursor - 1)
            ratingImpact = nil
        case .down:
            cursor = min(max(0, listCount - 1), cursor + 1)
            ratingImpact = nil
        case .pageUp: cursor = max(0, cursor - 10)
        case .pageDown: cursor = min(max(0, listCount - 1), cursor + 10)
        case .character("e") where ideasFlow:
            guard let idea = selectedOwnIdea, let id = idea.ideaID else { return [] }
            editing = id
            input = idea.text
            focus = .input
        case .character("w") where ideasFlow, .delete where ideasFlow:
            guard let index = selectedOwnIndex, let id = myIdeas[index].ideaID else { return [] }
            myIdeas[index].status = .withdrawn
            return [.send(.withdraw(idea: id), id: newRequestID())]
        case let .character(digit) where view?.toRate != nil && digit.wholeNumberValue.map(Rating.scale.contains) == true:
            return rate(digit.wholeNumberValue!, newRequestID: newRequestID)
        case .character(" "), .character("+"), .enter:
            guard view?.stage == .phase(.vote), let idea = selectedWallIdea else { return [] }
            return [.send(.vote(idea: idea.id), id: newRequestID())]
        case .backspace, .character("-"):
            guard view?.stage == .phase(.vote), let idea = selectedWallIdea else { return [] }
            return [.send(.unvote(idea: idea.id), id: newRequestID())]
        default:
            break
        }
        return []
    }

    /// Typing the join code: letters and digits (shown in capitals), Enter to try it, Esc to
    /// leave. While a code is being checked, keys wait.
    private mutating func handleCode(_ key: Key) -> [ParticipantAction] {
        guard var entry = codeEntry, !entry.isChecking else { return [] }
        defer { codeEntry = entry }
        switch key {
        case let .character(character) where character.isASCII && (character.isLetter || character.isNumber):
            if entry.text.count < JoinCode.maximumLength { entry.text.append(Character(character.uppercased())) }
        case .backspace, .delete:
            if !entry.text.isEmpty { entry.text.removeLast() }
        case .character("?"):
            showingHelp = true
        case .escape:
            confirmingQuit = true
        case .enter:
            guard JoinCode.isValid(entry.text) else {
                entry.problem = Sentence(ParticipantPhrase.codeShape, ["min": .number(JoinCode.minimumLength), "max": .number(JoinCode.maximumLength)])
                return []
            }
            entry.isChecking = true
            entry.problem = nil
            return [.join(code: JoinCode.normalized(entry.text))]
        default:
            break
        }
        return []
    }

    private mutating func handleTyping(_ key: Key, newRequestID: () -> String) -> [ParticipantAction] {
        switch key {
        case let .character(character):
            if input.count < IdeaText.maximumLength { input.append(character) }
        case .backspace, .delete:
            if !input.isEmpty { input.removeLast() }
        case .escape:
            if input.isEmpty && editing == nil { confirmingQuit = true }
            input = ""
            editing = nil
        case .tab, .down:
            if !myIdeas.isEmpty { focus = .list }
        case .enter:
            let text = input.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { return [] }
            input = ""
            let requestID = newRequestID()
            if let editing {
                self.editing = nil
                if let index = myIdeas.firstIndex(where: { $0.ideaID == editing }) { myIdeas[index].text = text }
                return [.send(.edit(idea: editing, text: text), id: requestID)]
            }
            let extends = view?.stage == .phase(.build) ? view?.buildOn?.id : nil
            myIdeas.removeAll { $0.text == text && $0.ideaID == nil && $0.status != .sending }
            myIdeas.append(MyIdea(requestID: requestID, text: text, status: .sending))
            return [.send(.submit(text: text, extends: extends), id: requestID)]
        default:
            break
        }
        return []
    }

    /// Ctrl-D anywhere, or d in the list of one's own ideas: "I'm done", or taking it back.
    /// Only while the phase accepts it (the view says whether this participant is done).
    private mutating func toggleDone(newRequestID: () -> String) -> [ParticipantAction] {
        guard let done = view?.done else { return [] }
        return [.send(done ? .undone : .done, id: newRequestID())]
    }

    /// In `rate`: the first digit is the chosen idea's impact, the second its effort; with both,
    /// the rating is sent and the cursor moves to the next idea.
    private mutating func rate(_ value: Int, newRequestID: () -> String) -> [ParticipantAction] {
        guard let ideas = view?.toRate, ideas.indices.contains(cursor) else { return [] }
        guard let impact = ratingImpact else {
            ratingImpact = value
            return []
        }
        ratingImpact = nil
        let idea = ideas[cursor].id
        cursor = min(ideas.count - 1, cursor + 1)
        return [.send(.rate(idea: idea, impact: impact, effort: value), id: newRequestID())]
    }

    var listCount: Int {
        switch view?.stage {
        case .phase(.rate)?: view?.toRate?.count ?? view?.ratings?.count ?? 0
        case .phase(.vote)? where view?.results == nil: view?.wall?.count ?? 0
        case .phase(.group)?: view?.wall?.count ?? 0
        case .phase(.vote)?, .phase(.review)?, .finished?: view?.results?.count ?? 0
        case .lobby?: view.flatMap { $0.followupRound.map { $0.experiments.count + $0.actionItems.count } } ?? 0
        case .phase(.ideate)?, .phase(.build)?, nil: myIdeas.count
        }
    }

    private var selectedOwnIndex: Int? { myIdeas.indices.contains(cursor) ? cursor : nil }
    private var selectedOwnIdea: MyIdea? { selectedOwnIndex.map { myIdeas[$0] } }
    private var selectedWallIdea: SharedIdea? {
        guard let wall = view?.wall, wall.indices.contains(cursor) else { return nil }
        return wall[cursor]
    }
}
