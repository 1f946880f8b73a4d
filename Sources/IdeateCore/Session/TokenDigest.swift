import Crypto

/// The one-way function between a participant's token and what the run file keeps
/// (pseudonyms, owner and request tags): SHA-256 from apple/swift-crypto, as lowercase hex.
///
/// It lives in Core because the reducer derives tags while deciding; swift-crypto does no I/O.
enum TokenDigest {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// The SHA-256 digest of `text`'s UTF-8 bytes, as 64 lowercase hex digits.
    static func hex(of text: String) -> String {
        let digest = SHA256.hash(data: Array(text.utf8))
        return String(unsafeUninitializedCapacity: 64) { hex in
            var index = 0
            for byte in digest {
                hex[index] = hexDigits[Int(byte >> 4)]
                hex[index + 1] = hexDigits[Int(byte & 0x0f)]
                index += 2
            }
            return index
        }
    }
}
