import Crypto
import Foundation

/// Seals an off-board idea's fate so that only its author's device can read it. The key is
/// derived from the idea's ownership proof, which the portfolio keeps but never sends, and which
/// the author's device recomputes from its secret; anyone else fetching the same bucket sees
/// only the idea's number and a sealed box.
///
/// The cipher is SHA-256 in counter mode with a fresh 16-byte nonce, and a 16-byte SHA-256 tag
/// over nonce and ciphertext: built from the one primitive a phone page served over plain HTTP
/// has (it computes SHA-256 in its own script, since WebCrypto needs a secure context). It hides
/// the fate from other employees; the server, which keeps the proof, is not what it protects
/// against (the threat model in ARCHITECTURE.md says so).
public enum FateSeal {
    static let context = Array("ideate fate seal v1".utf8)

    /// `plaintext` sealed for the author of the idea with `proof`, as base64url text.
    public static func seal(_ plaintext: [UInt8], for proof: OwnershipProof, nonce: [UInt8]) -> String {
        precondition(nonce.count == 16, "a seal's nonce has 16 bytes")
        let key = key(for: proof)
        let ciphertext = xor(plaintext, stream: key, nonce: nonce)
        return base64URL(nonce + tag(key: key, nonce: nonce, ciphertext: ciphertext) + ciphertext)
    }

    /// A fresh nonce from `generator`.
    public static func nonce(using generator: inout some RandomNumberGenerator) -> [UInt8] {
        (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    /// The plaintext, or nil when `box` was not sealed for `proof` (or was changed).
    public static func open(_ box: String, with proof: OwnershipProof) -> [UInt8]? {
        guard let bytes = bytes(base64URL: box), bytes.count >= 32 else { return nil }
        let key = key(for: proof)
        let nonce = Array(bytes[0..<16]), tag = Array(bytes[16..<32]), ciphertext = Array(bytes[32...])
        guard self.tag(key: key, nonce: nonce, ciphertext: ciphertext) == tag else { return nil }
        return xor(ciphertext, stream: key, nonce: nonce)
    }

    static func key(for proof: OwnershipProof) -> [UInt8] { Array(SHA256.hash(data: context + Array(proof.hex.utf8))) }

    static func tag(key: [UInt8], nonce: [UInt8], ciphertext: [UInt8]) -> [UInt8] {
        Array(SHA256.hash(data: key + [0x74] + nonce + ciphertext).prefix(16))
    }

    static func xor(_ input: [UInt8], stream key: [UInt8], nonce: [UInt8]) -> [UInt8] {
        var output = [UInt8]()
        output.reserveCapacity(input.count)
        var counter: UInt32 = 0
        while output.count < input.count {
            let counterBytes = [UInt8(counter >> 24), UInt8(counter >> 16 & 0xff), UInt8(counter >> 8 & 0xff), UInt8(counter & 0xff)]
            let block = SHA256.hash(data: key + [0x73] + nonce + counterBytes)
            for byte in block where output.count < input.count { output.append(input[output.count] ^ byte) }
            counter += 1
        }
        return output
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func bytes(base64URL text: String) -> [UInt8]? {
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        standard += String(repeating: "=", count: (4 - standard.count % 4) % 4)
        return Data(base64Encoded: standard).map(Array.init)
    }
}
