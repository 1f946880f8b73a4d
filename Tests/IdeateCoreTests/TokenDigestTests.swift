import IdeateTestSupport
import Testing
@testable import IdeateCore

/// Pseudonyms and owner tags rest on this digest: a run written before the switch to
/// swift-crypto must derive the same tags, so the FIPS 180-4 examples and the hex form are pinned.
@Suite("Token digest (SHA-256)", .offThePool, .timeLimit(.minutes(2)))
struct TokenDigestTests {
    @Test("matches the FIPS 180-4 examples", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func knownDigests(message: String, expected: String) {
        #expect(TokenDigest.hex(of: message) == expected)
    }

    @Test("a million a's (many blocks)")
    func longMessage() {
        #expect(TokenDigest.hex(of: String(repeating: "a", count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("a token's pseudonym is the one older runs recorded")
    func pseudonymPinned() {
        // sha256("ideate.participant:t-1"), first 24 hex digits, as Python's hashlib computes it.
        #expect(ParticipantToken("t-1").pseudonym.rawValue == "acfd4675e5b0b0791f234ffb")
    }
}
