import Foundation
import IdeateTestSupport
import Testing

/// The idea box as people use it: its page in a real browser (headless Chromium through
/// selenium) against a real `ideate box`, the reviewer on `ideate followup` in tmux and
/// `ideate portfolio` (Tests/Browser/box_page.py); a phone carrying its workshop ideas to the box
/// (Tests/Browser/workshop_to_box.py); and the box and reviewers killed with SIGKILL mid-write
/// (Tests/Crash/box_crash.py). Each script says what it checks.
@Suite("Idea box end to end", .offThePool, .serialized, .timeLimit(.minutes(10)))
struct BoxPageTests {
    @Test("A phone sends ideas, survives the box being killed, withdraws one, reads both answers (one sealed) and its fates requests name none of its ideas")
    func boxEndToEnd() throws {
        let result = try IdeateProcess.shell("cd \(IdeateProcess.projectFolder.path) && timeout -s INT -k 10 300 python3 Tests/Browser/box_page.py \(IdeateProcess.binary.path) 2>&1; echo \"exit $?\"")
        #expect(result.hasSuffix("exit 0\n"), "\(result)")
        #expect(result.contains("name buckets only"), "\(result)")
    }

    @Test("The box page in the phone's language (Chromium --lang=fr), else the box's (--language es); a refusal in French; the switch; the poster in German; the pseudo-locale at 360 px")
    func boxLanguages() throws {
        let result = try IdeateProcess.shell("cd \(IdeateProcess.projectFolder.path) && timeout -s INT -k 10 300 python3 Tests/Browser/box_languages.py \(IdeateProcess.binary.path) 2>&1; echo \"exit $?\"")
        #expect(result.hasSuffix("exit 0\n"), "\(result)")
        #expect(result.contains("ok: ideate box poster --language de writes a German poster"), "\(result)")
    }

    @Test("A phone that took part in a workshop carries its ideas to the box with one tap, and reads the reviewer's answer there")
    func workshopIdeasFollowed() throws {
        let result = try IdeateProcess.shell("cd \(IdeateProcess.projectFolder.path) && timeout -s INT -k 10 300 python3 Tests/Browser/workshop_to_box.py \(IdeateProcess.binary.path) 2>&1; echo \"exit $?\"")
        #expect(result.hasSuffix("exit 0\n"), "\(result)")
        #expect(result.contains("carry no receipt"), "\(result)")
    }

    @Test("The box killed with SIGKILL ten times mid-submission, and reviewers killed mid-decision: nothing acknowledged is lost or kept twice")
    func boxKilled() throws {
        let result = try IdeateProcess.shell("cd \(IdeateProcess.projectFolder.path) && timeout -s INT -k 10 300 python3 Tests/Crash/box_crash.py \(IdeateProcess.binary.path) 2>&1; echo \"exit $?\"")
        #expect(result.hasSuffix("exit 0\n"), "\(result)")
        #expect(result.contains("all kept once under their numbers"), "\(result)")
    }
}
