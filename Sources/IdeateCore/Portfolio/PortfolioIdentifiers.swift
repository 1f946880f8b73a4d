/// The number of an experiment, action item or backlog idea in the portfolio, written with a
/// letter that says which (`E12`, `A3`, `B40`) so a command line or a report never mixes them
/// up. Numbers are given by the portfolio file and never reused: in the order things were
/// added, except an idea-box idea's, drawn at random so that it does not tell when it arrived.
public protocol PortfolioIdentifier: Hashable, Comparable, Codable, Sendable, LosslessStringConvertible {
    /// `E`, `A` or `B`.
    static var letter: Character { get }
    var number: Int { get }
    init(_ number: Int)
}

extension PortfolioIdentifier {
    /// Reads `E12`, `e12` or plain `12`.
    public init?(_ description: String) {
        var digits = Substring(description)
        if let first = digits.first, first.uppercased() == String(Self.letter) { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), let number = Int(digits), number > 0 else { return nil }
        self.init(number)
    }

    public var description: String { "\(Self.letter)\(number)" }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.number < rhs.number }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let identifier = Self(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(text) is not a \(Self.letter) number")
        }
        self = identifier
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// An experiment in the portfolio: `E1`, `E2`, …
public struct ExperimentID: PortfolioIdentifier {
    public static let letter: Character = "E"
    public let number: Int
    public init(_ number: Int) { self.number = number }
}

/// An action item in the portfolio: `A1`, `A2`, …
public struct ActionItemID: PortfolioIdentifier {
    public static let letter: Character = "A"
    public let number: Int
    public init(_ number: Int) { self.number = number }
}

/// An idea in the portfolio's backlog: `B1`, `B2`, …
public struct BacklogIdeaID: PortfolioIdentifier {
    public static let letter: Character = "B"
    public let number: Int
    public init(_ number: Int) { self.number = number }
}
