import Foundation
import Testing

/// The idea box page in a real browser (headless Chromium through selenium) against a real
/// `ideate box`, with the reviewer deciding through `ideate portfolio`; the script says what it
/// checks (Tests/Browser/box_page.py).
@Suite("Box page", .serialized, .timeLimit(.minutes(10)))
struct BoxPageTests {
    @Test("A phone sends ideas, survives the box being killed, withdraws one, reads both answers (one sealed) and its fates requests name none of its ideas")
    func boxEndToEnd() throws {
        let result = try IdeateProcess.shell("cd \(IdeateProcess.projectFolder.path) && python3 Tests/Browser/box_page.py \(IdeateProcess.binary.path) 2>&1; echo \"exit $?\"")
        #expect(result.hasSuffix("exit 0\n"), "\(result)")
        #expect(result.contains("name buckets only"), "\(result)")
    }
}
