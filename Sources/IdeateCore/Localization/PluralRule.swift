/// Which plural form a count takes in one language: the `plural=` expression of a translation
/// file's `Plural-Forms` header (a C expression over `n`, as gettext writes it), parsed once
/// and evaluated for each count. The files hold CLDR's rules written this way, so adding a
/// language needs no code: `PluralRuleTests` checks each file against CLDR's examples.
public struct PluralRule: Sendable, Equatable {
    /// How many forms a plural message has in this language.
    public let formCount: Int
    /// The expression as the file writes it (`(n != 1)`), for a page that picks forms itself.
    public let expression: String
    /// The parsed expression as a flat list of nodes (children by index): no indirect enum,
    /// whose tagged boxes a leak checker cannot follow from a global.
    private let nodes: [Node]
    private let root: Int

    /// English's rule: one form for 1, another for every other count.
    public static let english = try! PluralRule(header: "nplurals=2; plural=(n != 1);")

    /// Parses a `Plural-Forms` value such as `nplurals=2; plural=(n > 1);`.
    public init(header: String) throws(TranslationError) {
        var count: Int?
        var formula: String?
        for part in header.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            switch pair[0] {
            case "nplurals": count = Int(pair[1])
            case "plural": formula = pair[1]
            default: continue
            }
        }
        guard let count, (1...6).contains(count) else { throw .pluralForms("nplurals must be a number from 1 to 6") }
        guard let formula else { throw .pluralForms("plural= is missing") }
        var parser = Parser(tokens: try Self.tokens(of: formula))
        root = try parser.conditional()
        guard parser.isAtEnd else { throw .pluralForms("unexpected text after the plural expression") }
        formCount = count
        expression = formula
        nodes = parser.nodes
    }

    /// The index of the form `count` takes (0 for the first `msgstr[0]`), kept within the forms
    /// the file declares.
    public func formIndex(for count: Int) -> Int {
        min(max(value(of: root, n: abs(count)), 0), formCount - 1)
    }

    // MARK: - The expression

    private enum Node: Sendable, Equatable {
        case n
        case number(Int)
        case not(Int)
        case binary(Operator, Int, Int)
        case conditional(Int, Int, Int)
    }

    private func value(of index: Int, n: Int) -> Int {
        switch nodes[index] {
        case .n: return n
        case .number(let value): return value
        case .not(let operand): return value(of: operand, n: n) == 0 ? 1 : 0
        case .conditional(let test, let then, let otherwise):
            return value(of: test, n: n) != 0 ? value(of: then, n: n) : value(of: otherwise, n: n)
        case .binary(let op, let left, let right):
            let l = value(of: left, n: n)
            // Short-circuit as C does.
            if op == .and { return l != 0 && value(of: right, n: n) != 0 ? 1 : 0 }
            if op == .or { return l != 0 || value(of: right, n: n) != 0 ? 1 : 0 }
            return op.apply(l, value(of: right, n: n))
        }
    }

    private enum Operator: String, Sendable, CaseIterable {
        case or = "||", and = "&&", equal = "==", notEqual = "!=", lessOrEqual = "<=", greaterOrEqual = ">="
        case less = "<", greater = ">", plus = "+", minus = "-", times = "*", divided = "/", remainder = "%"

        func apply(_ l: Int, _ r: Int) -> Int {
            switch self {
            case .equal: l == r ? 1 : 0
            case .notEqual: l != r ? 1 : 0
            case .less: l < r ? 1 : 0
            case .greater: l > r ? 1 : 0
            case .lessOrEqual: l <= r ? 1 : 0
            case .greaterOrEqual: l >= r ? 1 : 0
            case .plus: l &+ r
            case .minus: l &- r
            case .times: l &* r
            case .divided: r == 0 ? 0 : l / r
            case .remainder: r == 0 ? 0 : l % r
            case .and, .or: 0
            }
        }
    }

    private enum Token: Equatable {
        case n, number(Int), op(Operator), not, question, colon, open, close
    }

    private static func tokens(of text: String) throws(TranslationError) -> [Token] {
        var tokens: [Token] = []
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace { index += 1; continue }
            if character == "n" { tokens.append(.n); index += 1; continue }
            if let digit = character.wholeNumberValue, character.isASCII {
                var value = digit
                index += 1
                while index < characters.count, let next = characters[index].wholeNumberValue, characters[index].isASCII {
                    guard value < 1_000_000_000 else { throw .pluralForms("a number in the plural expression is too large") }
                    value = value * 10 + next
                    index += 1
                }
                tokens.append(.number(value))
                continue
            }
            let two = index + 1 < characters.count ? String(characters[index...index + 1]) : ""
            if let op = Operator(rawValue: two) { tokens.append(.op(op)); index += 2; continue }
            switch character {
            case "!": tokens.append(.not)
            case "?": tokens.append(.question)
            case ":": tokens.append(.colon)
            case "(": tokens.append(.open)
            case ")": tokens.append(.close)
            default:
                guard let op = Operator(rawValue: String(character)) else {
                    throw .pluralForms("unexpected “\(character)” in the plural expression")
                }
                tokens.append(.op(op))
            }
            index += 1
        }
        return tokens
    }

    /// Recursive descent with C's precedence: ?: below ||, &&, equality, comparison, + -, * / %, !.
    /// Each parsed part is appended to `nodes`; the functions return its index.
    private struct Parser {
        var tokens: [Token]
        var position = 0
        var nodes: [Node] = []

        var isAtEnd: Bool { position == tokens.count }

        private static let levels: [[Operator]] = [
            [.or], [.and], [.equal, .notEqual], [.less, .greater, .lessOrEqual, .greaterOrEqual],
            [.plus, .minus], [.times, .divided, .remainder],
        ]

        private mutating func add(_ node: Node) -> Int {
            nodes.append(node)
            return nodes.count - 1
        }

        mutating func conditional() throws(TranslationError) -> Int {
            let test = try binary(level: 0)
            guard take(.question) else { return test }
            let then = try conditional()
            guard take(.colon) else { throw .pluralForms("“?” without its “:” in the plural expression") }
            let otherwise = try conditional()
            return add(.conditional(test, then, otherwise))
        }

        private mutating func binary(level: Int) throws(TranslationError) -> Int {
            guard level < Self.levels.count else { return try unary() }
            var left = try binary(level: level + 1)
            while position < tokens.count, case .op(let op) = tokens[position], Self.levels[level].contains(op) {
                position += 1
                let right = try binary(level: level + 1)
                left = add(.binary(op, left, right))
            }
            return left
        }

        private mutating func unary() throws(TranslationError) -> Int {
            if take(.not) {
                let operand = try unary()
                return add(.not(operand))
            }
            guard position < tokens.count else { throw .pluralForms("the plural expression ends too early") }
            let token = tokens[position]
            position += 1
            switch token {
            case .n: return add(.n)
            case .number(let value): return add(.number(value))
            case .open:
                let inner = try conditional()
                guard take(.close) else { throw .pluralForms("a “(” is not closed in the plural expression") }
                return inner
            default: throw .pluralForms("the plural expression is malformed")
            }
        }

        private mutating func take(_ token: Token) -> Bool {
            guard position < tokens.count, tokens[position] == token else { return false }
            position += 1
            return true
        }
    }
}
