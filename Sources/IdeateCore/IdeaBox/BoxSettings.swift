import Yams

/// A standing question of the idea box: a campaign such as "What slows down order-to-delivery?"
/// that the box asks until a date, beside the open question that is always there.
public struct BoxQuestion: Codable, Equatable, Sendable {
    /// Short and stable (`delivery`): what an idea records as the question it answers.
    public let id: String
    public let text: String
    /// The last day the question is asked (nil: until removed from the file).
    public let until: CalendarDate?

    public init(id: String, text: String, until: CalendarDate? = nil) {
        self.id = id
        self.text = text
        self.until = until
    }

    /// Whether the box still asks it on `date`.
    public func isOpen(on date: CalendarDate) -> Bool { until.map { date <= $0 } ?? true }
}

/// What a box file (`box.yaml`, checked by `ideate check`) says: the title people see and the
/// standing questions. Without a file the box has its default title and the open question only.
public struct BoxSettings: Equatable, Sendable {
    public static let defaultTitle = "Idea box"
    /// More questions than fit a poster is no focus.
    public static let maximumQuestions = 12
    static let topKeys = ["title", "questions"]
    static let questionKeys = ["id", "text", "until"]

    public var title: String
    public var questions: [BoxQuestion]

    public init(title: String = defaultTitle, questions: [BoxQuestion] = []) {
        self.title = title
        self.questions = questions
    }

    /// The settings with the default title written in `language` (a title the file gives stays as written).
    public func titled(in language: Language) -> BoxSettings {
        guard title == Self.defaultTitle else { return self }
        return BoxSettings(title: Localizer(language)(BoxPhrase.title), questions: questions)
    }

    /// The questions still asked on `date`.
    public func openQuestions(on date: CalendarDate) -> [BoxQuestion] { questions.filter { $0.isOpen(on: date) } }

    /// The settings in `source`, or every problem it has, each at its line and column.
    public static func parse(_ source: String) -> Result<BoxSettings, SourceDiagnostics> {
        let document = YAMLDocument()
        guard let root = document.root(of: source) else { return .failure(SourceDiagnostics(document.diagnostics)) }
        let fields = document.mapping(root, named: "the box file", allowed: topKeys)
        let title = document.text(fields["title"], key: "title", required: false).map { checked($0, fields["title"], limit: 80, document) }
        var questions: [BoxQuestion] = []
        if let node = fields["questions"] {
            if case let .sequence(sequence) = node {
                var seen: Set<String> = []
                for questionNode in sequence {
                    guard let question = parseQuestion(questionNode, document) else { continue }
                    if !seen.insert(question.id).inserted { document.report(questionNode, "the question id `\(question.id)` is used twice") }
                    questions.append(question)
                }
                if questions.count > maximumQuestions { document.report(node, "at most \(maximumQuestions) questions; a box asks a few") }
            } else {
                document.report(node, "`questions` should be a list (`- id: …`)")
            }
        }
        guard document.diagnostics.isEmpty else { return .failure(SourceDiagnostics(document.diagnostics)) }
        return .success(BoxSettings(title: title ?? defaultTitle, questions: questions))
    }

    private static func parseQuestion(_ node: Node, _ document: YAMLDocument) -> BoxQuestion? {
        let fields = document.mapping(node, named: "a question", allowed: questionKeys)
        guard let id = document.text(fields["id"], key: "id", required: true, parentMark: node),
              let text = document.text(fields["text"], key: "text", required: true, parentMark: node) else { return nil }
        guard BoxSubmission.isQuestionID(id) else {
            document.report(fields["id"], "`id` should be 1 to \(BoxSubmission.maximumQuestionIDLength) lowercase letters, digits or dashes, like `delivery`")
            return nil
        }
        var until: CalendarDate?
        if let untilText = document.text(fields["until"], key: "until", required: false) {
            until = CalendarDate(iso: untilText)
            if until == nil { document.report(fields["until"], "`until` should be a day like 2027-01-31, not “\(untilText)”") }
        }
        return BoxQuestion(id: id, text: checked(text, fields["text"], limit: 200, document), until: until)
    }

    /// `text` when it is a sentence people can read, else reported.
    private static func checked(_ text: String, _ node: Node?, limit: Int, _ document: YAMLDocument) -> String {
        do {
            return try IdeaText.validated(text, limit: limit, field: .text)
        } catch {
            document.report(node, error.message)
            return text
        }
    }
}
