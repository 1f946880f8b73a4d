import Foundation
import NIOCore
import IdeateTestSupport
import Testing
@testable import IdeateNet

/// The ssh front end's own rules, below the participant screen: the host key and the bounds
/// on connections that never become a session.
@Suite("ssh front end", .offThePool, .timeLimit(.minutes(5)))
struct SSHFrontEndTests {
    static func temporaryFolder() throws -> String {
        let folder = NSTemporaryDirectory() + "ideate-sshkey-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("The host key is created once, 0600 in a 0700 folder, and the same key comes back; a broken file is a clear error")
    func hostKeyPersists() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/config/ideate/ssh_host_ed25519_key"
        let first = try SSHHostKey.loadOrCreate(at: path)
        let second = try SSHHostKey.loadOrCreate(at: path)
        #expect(first.fingerprint == second.fingerprint)
        #expect(first.fingerprint.hasPrefix("SHA256:") && first.fingerprint.count == 50 && !first.fingerprint.hasSuffix("="))
        let file = try FileManager.default.attributesOfItem(atPath: path)
        #expect((file[.posixPermissions] as? Int) == 0o600)
        let directory = try FileManager.default.attributesOfItem(atPath: folder + "/config/ideate")
        #expect((directory[.posixPermissions] as? Int) == 0o700)

        try Data("not a key".utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            try SSHHostKey.loadOrCreate(at: path)
        } throws: { error in
            "\(error)".contains(path) && "\(error)".contains("--ssh-host-key")
        }
    }

    @Test("The default place follows XDG_CONFIG_HOME, else ~/.config")
    func defaultPath() {
        #expect(SSHHostKey.defaultPath(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]) == "/x/ideate/ssh_host_ed25519_key")
        #expect(SSHHostKey.defaultPath(environment: ["HOME": "/h"]) == "/h/.config/ideate/ssh_host_ed25519_key")
    }

    @Test("The fingerprint is OpenSSH's for a known key (ssh-keygen -lf on the same public key)")
    func knownFingerprint() {
        // The public key of RFC 8032's first test vector; ssh-keygen -lf prints this digest for
        // "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINdamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea".
        let raw = Data([
            0xd7, 0x5a, 0x98, 0x01, 0x82, 0xb1, 0x0a, 0xb7, 0xd5, 0x4b, 0xfe, 0xd3, 0xc9, 0x64, 0x07, 0x3a,
            0x0e, 0xe1, 0x72, 0xf3, 0xda, 0xa6, 0x23, 0x25, 0xaf, 0x02, 0x1a, 0x68, 0xf7, 0x07, 0x51, 0x1a,
        ])
        #expect(SSHHostKey.fingerprint(ofPublicKey: raw) == Self.expectedFingerprint)
    }

    static let expectedFingerprint = "SHA256:bbXpuKG6zhzdmnxq256TlqzFBzRl2f6OOg722cYNbU8"

    @Test("Connections past the cap are closed at once; one that never opens a shell is closed at the handshake deadline")
    func connectionBounds() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var limits = SSHServer.Limits()
        limits.maximumConnections = 2
        limits.handshakeDeadline = .milliseconds(500)
        let server = SSHServer(host: "127.0.0.1", port: 0, hostKey: try SSHHostKey.loadOrCreate(at: folder + "/key"),
                               limits: limits) { _ in SSHSessionInput(received: { _ in }, resized: { _, _ in }, closed: {}, screen: {}) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            defer { group.cancelAll() }
            let port = try await server.port()
            let first = try RawSocket(port: port)
            let second = try RawSocket(port: port)
            #expect(first.readLine(seconds: 2)?.hasPrefix("SSH-2.0-") == true, "the server greets an admitted connection")
            #expect(second.readLine(seconds: 2)?.hasPrefix("SSH-2.0-") == true)
            let third = try RawSocket(port: port)
            #expect(third.readLine(seconds: 2) == nil, "the connection past the cap is closed without a greeting")
            // Silent sockets: closed at the deadline, and the room is free again.
            #expect(first.waitForClose())
            #expect(second.waitForClose())
            let fourth = try RawSocket(port: port)
            #expect(fourth.readLine(seconds: 2)?.hasPrefix("SSH-2.0-") == true)
        }
    }
}

/// A plain TCP client for poking at the server below the protocol.
final class RawSocket {
    private let descriptor: Int32

    init(port: Int) throws {
        descriptor = try connectedLoopbackSocket(port: port)
    }

    deinit { close(descriptor) }

    /// The first line the server sends, or nil if it closes (or says nothing) in time.
    func readLine(seconds: Double) -> String? {
        var received: [UInt8] = []
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) > 0 else { continue }
            var byte: UInt8 = 0
            guard read(descriptor, &byte, 1) == 1 else { return nil }
            if byte == 0x0A { return String(decoding: received, as: UTF8.self) }
            received.append(byte)
        }
        return nil
    }

    /// True once the server closed the connection; gives up after `seconds` (a bound on the
    /// wait: the tests beside this one share the server's event loop threads).
    func waitForClose(seconds: Double = 30) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date() < deadline {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) > 0 else { continue }
            if read(descriptor, &buffer, buffer.count) <= 0 { return true }
        }
        return false
    }
}
