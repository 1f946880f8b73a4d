/// Turns the bytes a terminal sends into ``Key``s: UTF-8 text, controls, and the xterm
/// sequences for arrows, Home/End, Page Up/Down, Delete and Shift-Tab (CSI and SS3 forms).
///
/// Bytes arrive in chunks as the far end wrote them. A chunk that ends in a lone Esc is the Esc
/// key (a terminal writes a whole sequence at once); a UTF-8 character split across chunks
/// waits for its rest. Unknown sequences are skipped whole, never typed as text.
struct KeyDecoder {
    /// The start of a UTF-8 character whose other bytes have not arrived.
    private var partial: [UInt8] = []
    /// The last byte was a carriage return: a line feed right after it is the same Enter.
    private var afterReturn = false

    mutating func keys(from chunk: [UInt8]) -> [Key] {
        let bytes = partial + chunk
        partial = []
        var keys: [Key] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let wasAfterReturn = afterReturn
            afterReturn = false
            switch byte {
            case 0x1B:
                let (key, length) = Self.escapeSequence(bytes, at: index)
                if let key { keys.append(key) }
                index += length
                continue
            case 0x0D:
                keys.append(.enter)
                afterReturn = true
            case 0x0A:
                if !wasAfterReturn { keys.append(.enter) }
            case 0x7F, 0x08: keys.append(.backspace)
            case 0x09: keys.append(.tab)
            case 0x03: keys.append(.interrupt)
            case 0x13: keys.append(.save)
            case 0x04: keys.append(.done)
            case 0x00..<0x20:
                break
            default:
                let length = Self.utf8Length(leading: byte)
                guard length > 0 else { break }
                guard index + length <= bytes.count else {
                    partial = Array(bytes[index...])
                    return keys
                }
                guard let text = String(validating: bytes[index..<(index + length)], as: UTF8.self), let character = text.first else {
                    // Not UTF-8: this byte is dropped, what follows is read on its own.
                    break
                }
                keys.append(.character(character))
                index += length
                continue
            }
            index += 1
        }
        return keys
    }

    /// The key an escape sequence at `start` stands for (nil: skipped), and its length.
    private static func escapeSequence(_ bytes: [UInt8], at start: Int) -> (Key?, Int) {
        guard start + 1 < bytes.count else { return (.escape, 1) }
        let introducer = bytes[start + 1]
        if introducer == 0x1B { return (.escape, 1) }
        if introducer == UInt8(ascii: "O"), start + 2 < bytes.count {
            let key: Key? = switch bytes[start + 2] {
            case UInt8(ascii: "A"): .up
            case UInt8(ascii: "B"): .down
            case UInt8(ascii: "C"): .right
            case UInt8(ascii: "D"): .left
            case UInt8(ascii: "H"): .home
            case UInt8(ascii: "F"): .end
            case UInt8(ascii: "M"): .enter
            default: nil
            }
            return (key, 3)
        }
        guard introducer == UInt8(ascii: "[") else {
            // Alt and a key: the key alone.
            return (nil, 1)
        }
        // CSI: parameter bytes 0x30–0x3F, intermediates 0x20–0x2F, one final byte 0x40–0x7E.
        var end = start + 2
        while end < bytes.count, (0x20...0x3F).contains(bytes[end]) { end += 1 }
        guard end < bytes.count, (0x40...0x7E).contains(bytes[end]) else { return (nil, bytes.count - start) }
        let parameters = String(decoding: bytes[(start + 2)..<end], as: UTF8.self)
        let key: Key? = switch (bytes[end], parameters.split(separator: ";").first.map(String.init) ?? "") {
        case (UInt8(ascii: "A"), _): .up
        case (UInt8(ascii: "B"), _): .down
        case (UInt8(ascii: "C"), _): .right
        case (UInt8(ascii: "D"), _): .left
        case (UInt8(ascii: "H"), _): .home
        case (UInt8(ascii: "F"), _): .end
        case (UInt8(ascii: "Z"), _): .backTab
        case (UInt8(ascii: "~"), "1"), (UInt8(ascii: "~"), "7"): .home
        case (UInt8(ascii: "~"), "4"), (UInt8(ascii: "~"), "8"): .end
        case (UInt8(ascii: "~"), "3"): .delete
        case (UInt8(ascii: "~"), "5"): .pageUp
        case (UInt8(ascii: "~"), "6"): .pageDown
        default: nil
        }
        return (key, end - start + 1)
    }

    /// How many bytes a UTF-8 character starting with `byte` has (0: not a leading byte).
    private static func utf8Length(leading byte: UInt8) -> Int {
        switch byte {
        case 0x20..<0x80: 1
        case 0xC2..<0xE0: 2
        case 0xE0..<0xF0: 3
        case 0xF0..<0xF5: 4
        default: 0
        }
    }
}
