import Foundation
import IdeateTestSupport
import Testing

/// The phone page in a real browser (headless Chromium through selenium) against a real
/// console in tmux; the script says what it checks (Tests/Browser/phone_page.py).
@Suite("Phone page", .offThePool, .serialized, .timeLimit(.minutes(10)))
struct PhonePageTests {
    @Test("A phone joins from the lobby's QR code, sends ideas, survives a reload and a server restart, votes and sees the results")
    func phoneEndToEnd() throws {
        let result = try IdeateProcess.shell("cd \(IdeateProcess.projectFolder.path) && timeout -s INT -k 10 300 python3 Tests/Browser/phone_page.py \(IdeateProcess.binary.path) 2>&1; echo \"exit $?\"")
        #expect(result.hasSuffix("exit 0\n"), "\(result)")
        #expect(result.contains("ok  nothing was asked of any other host"), "\(result)")
    }

    @Test("The page in the phone's language (Chromium --lang=fr, --lang=nl), else the room's; French plurals; a refusal in French; the switch keeps the participant; ≤ 30 KB per language; the pseudo-locale at 360 px")
    func pageLanguages() throws {
        let result = try IdeateProcess.shell("cd \(IdeateProcess.projectFolder.path) && timeout -s INT -k 10 300 python3 Tests/Browser/page_languages.py \(IdeateProcess.binary.path) 2>&1; echo \"exit $?\"")
        #expect(result.hasSuffix("exit 0\n"), "\(result)")
        #expect(result.contains("ok: the switch reloads the page in German"), "\(result)")
    }
}
