import Testing
@testable import IdeateCore

/// Pseudonyms and owner tags rest on this digest; the FIPS 180-4 examples pin it down.
@Suite("SHA-256")
struct SHA256Tests {
    @Test("matches the FIPS 180-4 examples", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func knownDigests(message: String, expected: String) {
        #expect(SHA256.hexDigest(of: message) == expected)
    }

    @Test("a million a's (many blocks)")
    func longMessage() {
        #expect(SHA256.hexDigest(of: String(repeating: "a", count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("message lengths around the padding boundary differ and are stable")
    func paddingBoundaries() {
        let digests = (50...70).map { SHA256.hexDigest(of: String(repeating: "x", count: $0)) }
        #expect(Set(digests).count == digests.count)
        #expect(digests.allSatisfy { $0.count == 64 && $0.allSatisfy(\.isHexDigit) })
    }
}
