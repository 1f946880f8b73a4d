/// The code people type to join: six characters with no look-alikes (no 0/O, 1/I/L).
public enum JoinCode {
    static let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")

    public static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<6).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
    }

    /// Codes compare without case and spaces, so "k7p 2qx" is "K7P2QX".
    public static func normalized(_ code: String) -> String {
        code.uppercased().filter { !$0.isWhitespace && $0 != "-" }
    }

    public static let minimumLength = 4
    public static let maximumLength = 12

    /// A code given with `--code` or typed to join: 4 to 12 letters or digits.
    public static func isValid(_ code: String) -> Bool {
        let normalized = normalized(code)
        return (minimumLength...maximumLength).contains(normalized.count) && normalized.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }
}
