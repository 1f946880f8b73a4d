import Yams

/// Turns a plan file's text into a ``Plan``, or into every problem it has, each at its line
/// and column. This is what `ideate check` runs; nothing else reads plan YAML.
public enum PlanParser {
    static let topKeys = ["title", "goal", "anonymity", "votes_per_person", "max_votes_per_idea", "shortlist", "max_participants", "followup", "language", "moderation", "rounds"]
    static let anonymityKeys = ["reveal", "batch_seconds", "min_batch", "min_participants"]
    static let roundKeys = ["prompt", "phases", "from_box"]

    /// The plan in `source`, or all diagnostics when it has any.
    public static func parse(_ source: String) -> Result<Plan, SourceDiagnostics> {
        let document = YAMLDocument()
        guard let root = document.root(of: source) else { return .failure(SourceDiagnostics(document.diagnostics)) }
        let fields = document.mapping(root, named: "the plan", allowed: topKeys)
        let title = document.text(fields["title"], key: "title", required: true, parentMark: root)
        let goal = document.text(fields["goal"], key: "goal", required: true, parentMark: root)
        let anonymity = fields["anonymity"].map { parseAnonymity($0, document) } ?? AnonymitySettings()
        let voting = parseVoting(fields, root: root, document)
        var rounds: [RoundPlan] = []
        if let roundsNode = fields["rounds"] {
            if case let .sequence(sequence) = roundsNode, !sequence.isEmpty {
                rounds = sequence.compactMap { parseRound($0, document) }
            } else {
                document.report(roundsNode, "`rounds` should be a list with at least one round (`- prompt: …`)")
            }
        } else if case .mapping = root {
            document.report(root, "missing `rounds`: a plan needs at least one round")
        }
        if voting.shortlist > 0, rounds.contains(where: { $0.phase(.review) != nil && $0.phase(.vote) == nil }),
           let node = fields["rounds"] {
            document.report(node, "a round with `review` needs a `vote` phase to pick its shortlist")
        }
        if rounds.contains(where: { $0.phase(.rate) != nil && $0.phase(.vote) == nil }), let node = fields["rounds"] {
            document.report(node, "a round with `rate` needs a `vote` phase: the room rates the shortlist the vote picked")
        }
        if rounds.count(where: \.fromBox) > 1, let node = fields["rounds"] {
            document.report(node, "only one round may start with the idea box's ideas (`from_box: true`)")
        }
        let maxParticipants = document.integer(fields["max_participants"], key: "max_participants", in: 1...Plan.maxParticipantsLimit)
            ?? Plan.defaultMaxParticipants
        if maxParticipants < anonymity.minParticipants, let node = fields["max_participants"] {
            document.report(node, "`max_participants` (\(maxParticipants)) is below `min_participants` (\(anonymity.minParticipants))")
        }
        let followup = document.bool(fields["followup"], key: "followup") ?? false
        let language = parseLanguage(fields["language"], document)
        let moderation = document.bool(fields["moderation"], key: "moderation") ?? false
        guard document.diagnostics.isEmpty, let title, let goal else {
            return .failure(SourceDiagnostics(document.diagnostics))
        }
        return .success(Plan(title: title, goal: goal, anonymity: anonymity, voting: voting, rounds: rounds,
                             maxParticipants: maxParticipants, followup: followup, language: language, moderation: moderation))
    }

    /// `language: de`: one of the languages ideate has a translation for.
    private static func parseLanguage(_ node: Node?, _ document: YAMLDocument) -> Language? {
        guard let node, let code = document.text(node, key: "language", required: true) else { return nil }
        if let language = Language.named(code) { return language }
        let codes = Language.selectable.map(\.code)
        let hint = DidYouMean.suggestion(for: code, among: codes).map { "; did you mean `\($0)`?" } ?? ""
        document.report(node, "`language` should be one of \(codes.map { "`\($0)`" }.joined(separator: ", ")), not `\(code)`\(hint)")
        return nil
    }

    private static func parseAnonymity(_ node: Node, _ document: YAMLDocument) -> AnonymitySettings {
        let fields = document.mapping(node, named: "`anonymity`", allowed: anonymityKeys)
        var settings = AnonymitySettings()
        if let revealNode = fields["reveal"], let reveal = document.text(revealNode, key: "reveal", required: true) {
            if let value = AnonymitySettings.Reveal(rawValue: reveal) {
                settings.reveal = value
            } else {
                let options = AnonymitySettings.Reveal.allCases.map(\.rawValue)
                let hint = DidYouMean.suggestion(for: reveal, among: options).map { "; did you mean `\($0)`?" } ?? ""
                document.report(revealNode, "`reveal` should be `batch` or `immediate`, not `\(reveal)`\(hint)")
            }
        }
        settings.batchSeconds = document.integer(fields["batch_seconds"], key: "batch_seconds", in: 1...3600) ?? settings.batchSeconds
        settings.minBatch = document.integer(fields["min_batch"], key: "min_batch", in: 1...100) ?? settings.minBatch
        settings.minParticipants = document.integer(fields["min_participants"], key: "min_participants", in: 1...1000)
            ?? settings.minParticipants
        return settings
    }

    private static func parseVoting(_ fields: [String: Node], root: Node, _ document: YAMLDocument) -> VotingSettings {
        var voting = VotingSettings()
        let perPerson = document.integer(fields["votes_per_person"], key: "votes_per_person", in: 1...100)
        let perIdea = document.integer(fields["max_votes_per_idea"], key: "max_votes_per_idea", in: 1...100)
        voting.votesPerPerson = perPerson ?? voting.votesPerPerson
        voting.maxVotesPerIdea = perIdea ?? min(voting.maxVotesPerIdea, voting.votesPerPerson)
        voting.shortlist = document.integer(fields["shortlist"], key: "shortlist", in: 0...50) ?? voting.shortlist
        if voting.maxVotesPerIdea > voting.votesPerPerson {
            document.report(fields["max_votes_per_idea"] ?? root,
                            "`max_votes_per_idea` (\(voting.maxVotesPerIdea)) cannot exceed `votes_per_person` (\(voting.votesPerPerson))")
        }
        return voting
    }

    private static func parseRound(_ node: Node, _ document: YAMLDocument) -> RoundPlan? {
        let fields = document.mapping(node, named: "a round", allowed: roundKeys)
        guard case .mapping = node else { return nil }
        let prompt = document.text(fields["prompt"], key: "prompt", required: true, parentMark: node)
        guard let phasesNode = fields["phases"] else {
            document.report(node, "missing `phases` in this round (e.g. `ideate: 7m`)")
            return nil
        }
        let phaseFields = document.mapping(phasesNode, named: "`phases`", allowed: PhaseKind.allCases.map(\.rawValue))
        var phases: [PhasePlan] = []
        for kind in PhaseKind.allCases {
            guard let valueNode = phaseFields[kind.rawValue],
                  let text = document.text(valueNode, key: kind.rawValue, required: true) else { continue }
            guard let seconds = DurationText.seconds(from: text) else {
                document.report(valueNode, "`\(text)` is not a duration; write e.g. `90s`, `7m`, `1m30s`, `1h` or `open`")
                continue
            }
            phases.append(PhasePlan(kind: kind, seconds: seconds))
        }
        if case .mapping = phasesNode, phaseFields["ideate"] == nil {
            document.report(phasesNode, "every round needs an `ideate` phase")
        }
        let fromBox = document.bool(fields["from_box"], key: "from_box") ?? false
        guard let prompt else { return nil }
        return RoundPlan(prompt: prompt, phases: phases, fromBox: fromBox)
    }
}
