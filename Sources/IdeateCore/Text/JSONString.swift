/// JSON string literals written by hand, for the paths that write one per command (wire
/// replies, stored events). Escapes exactly as Foundation's `JSONEncoder` does, so the bytes are
/// the same either way: the quote, the backslash and every C0 control, nothing else.
public enum JSONString {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// How many bytes ``appendQuoted(_:to:)`` writes for `text`, quotes included: what the text
    /// weighs on the wire.
    public static func quotedLength(of text: String) -> Int {
        var length = 2
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x08, 0x09, 0x0A, 0x0C, 0x0D: length += 2
            case 0x00..<0x20: length += 6
            default: length += 1
            }
        }
        return length
    }

    /// Appends `text` as a quoted JSON string.
    public static func appendQuoted(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x08: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x09: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x0A: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0C: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x0D: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x00..<0x20:
                output.append(contentsOf: "\\u00".utf8)
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0f)])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}

/// Writes one JSON object, field by field in the order given (callers give keys sorted, as
/// `JSONEncoder` with `.sortedKeys` writes them); absent optionals are left out, as the encoder
/// leaves them out. The one place the hand-written wire lines and stored events are built.
public struct JSONObjectWriter {
    public private(set) var bytes: [UInt8] = []
    private var hasFields = false

    public init(capacity: Int = 64) {
        bytes.reserveCapacity(capacity)
        bytes.append(UInt8(ascii: "{"))
    }

    public mutating func string(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        JSONString.appendQuoted(value, to: &bytes)
    }

    public mutating func boolean(_ name: String, _ value: Bool?) {
        guard let value else { return }
        key(name)
        bytes.append(contentsOf: value ? "true".utf8 : "false".utf8)
    }

    public mutating func integer(_ name: String, _ value: (some BinaryInteger)?) {
        guard let value else { return }
        key(name)
        bytes.append(contentsOf: String(value).utf8)
    }

    /// A field whose value `writeValue` appends as JSON (an array, a nested object).
    public mutating func field(_ name: String, _ writeValue: (inout [UInt8]) -> Void) {
        key(name)
        writeValue(&bytes)
    }

    /// The object, closed.
    public consuming func finished() -> [UInt8] {
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    private mutating func key(_ name: String) {
        if hasFields { bytes.append(UInt8(ascii: ",")) }
        hasFields = true
        JSONString.appendQuoted(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
    }
}
