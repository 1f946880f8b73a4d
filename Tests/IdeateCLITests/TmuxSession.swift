import Foundation
import Testing

/// A real terminal for end-to-end tests: a tmux session on a private server, driven with
/// send-keys and read with capture-pane, polling for what should appear instead of sleeping.
final class TmuxSession {
    let socket = "ideate-test-\(UUID().uuidString.prefix(8))"
    let name = "t"

    /// Starts `command` (run by `sh -c`) in a `width`×`height` terminal with a UTF-8 locale.
    init(_ command: String, width: Int = 120, height: Int = 36, environment: [String: String] = [:]) throws {
        var arguments = ["new-session", "-d", "-s", name, "-x", String(width), "-y", String(height), "-e", "LANG=C.UTF-8"]
        for (key, value) in environment { arguments += ["-e", "\(key)=\(value)"] }
        arguments.append("cd '\(IdeateProcess.projectFolder.path)' && \(command); echo \"EXITED $?\"; sleep 600")
        try tmux(arguments, capturingOutput: false)
    }

    deinit { _ = try? tmux(["kill-server"], capturingOutput: false) }

    /// Runs a tmux command through the shell and returns what it printed. Not `Process`:
    /// Foundation waits for every process that inherited its bookkeeping descriptor, and the
    /// tmux server that new-session starts lives on.
    @discardableResult
    func tmux(_ arguments: [String], capturingOutput: Bool = true) throws -> String {
        let command = (["tmux", "-L", socket] + arguments).map(Self.quoted).joined(separator: " ")
        guard capturingOutput else {
            guard system(command + " >/dev/null 2>&1") == 0 else { throw TmuxFailure(command: command) }
            return ""
        }
        return try IdeateProcess.shell(command, includingErrors: false)
    }

    static func quoted(_ argument: String) -> String {
        "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    struct TmuxFailure: Error {
        var command: String
    }

    func screen(withEscapes: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p", "-t", name] + (withEscapes ? ["-e"] : []))
    }

    func type(_ text: String) throws { try tmux(["send-keys", "-t", name, "-l", text]) }

    func press(_ keys: String...) throws { try tmux(["send-keys", "-t", name] + keys) }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", String(width), "-y", String(height)])
    }

    /// Waits until the screen contains `text`; fails the test with the screen if it never does.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 30, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if last.contains(text) { return last }
            usleep(50_000)
        }
        Issue.record("“\(text)” never appeared; the screen was:\n\(last)", sourceLocation: sourceLocation)
        throw TmuxTimeout()
    }

    /// Waits until the screen satisfies `condition` (`what` names it in a failure).
    @discardableResult
    func waitUntil(_ what: String, seconds: Double = 30, sourceLocation: SourceLocation = #_sourceLocation,
                   _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if condition(last) { return last }
            usleep(50_000)
        }
        Issue.record("never \(what); the screen was:\n\(last)", sourceLocation: sourceLocation)
        throw TmuxTimeout()
    }

    /// Waits until `text` is gone from the screen.
    func waitUntilGone(_ text: String, seconds: Double = 20, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if !(try screen()).contains(text) { return }
            usleep(50_000)
        }
        Issue.record("“\(text)” stayed on the screen", sourceLocation: sourceLocation)
        throw TmuxTimeout()
    }

    /// The process id of the program started in the pane (the child of its shell).
    func programPID(named program: String) throws -> Int32? {
        let shell = try tmux(["display-message", "-p", "-t", name, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let stream = popen("pgrep -P \(Self.quoted(shell)) \(Self.quoted(program))", "r") else { return nil }
        var buffer = [CChar](repeating: 0, count: 64)
        let line = fgets(&buffer, 64, stream).map { _ in
            String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        pclose(stream)
        return line.flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    struct TmuxTimeout: Error {}
}

extension IdeateProcess {
    /// Runs `command` with `sh -c` and returns what it printed (and its errors, if asked).
    /// Not `Process`: Foundation waits for every process that inherited its bookkeeping
    /// descriptor, and a tmux server started here lives on.
    static func shell(_ command: String, includingErrors: Bool = true) throws -> String {
        guard let stream = popen(command + (includingErrors ? " 2>&1" : " 2>/dev/null"), "r") else { throw ShellFailure(command: command) }
        var output = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = fread(&buffer, 1, buffer.count, stream)
            if count <= 0 { break }
            output.append(contentsOf: buffer[0..<count])
        }
        pclose(stream)
        return String(decoding: output, as: UTF8.self)
    }

    struct ShellFailure: Error {
        var command: String
    }
}
