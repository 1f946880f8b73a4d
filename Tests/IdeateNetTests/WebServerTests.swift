import Foundation
import IdeateCore
import IdeateNet
import IdeateProtocol
import IdeateRuntime
import IdeateStore
import IdeateTestSupport
import Testing

/// A socket that speaks HTTP and WebSocket by hand, so tests can send what a browser would and
/// what a browser never would. Its waits block a thread of their own: on the two-thread
/// cooperative pool, a test blocked in `poll` would starve the server it waits for.
final class WebProbe: @unchecked Sendable {
    private let descriptor: Int32
    private var received: [UInt8] = []

    init(port: Int) throws {
        descriptor = try connectedLoopbackSocket(port: port)
    }

    deinit { close(descriptor) }

    func send(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    func send(_ text: String) { send(Array(text.utf8)) }

    /// A frame as a browser sends it (final, masked, no reserved bit), or as a broken client
    /// might: `reserved` is the three RSV bits (0–7).
    func sendFrame(_ payload: [UInt8], opcode: UInt8 = 0x1, final: Bool = true, reserved: UInt8 = 0, masked: Bool = true) {
        var frame: [UInt8] = [(final ? 0x80 : 0) | reserved << 4 | opcode]
        let maskBit: UInt8 = masked ? 0x80 : 0
        if payload.count < 126 {
            frame.append(maskBit | UInt8(payload.count))
        } else {
            frame += [maskBit | 126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        }
        guard masked else { return send(frame + payload) }
        let mask: [UInt8] = [0x12, 0x34, 0x56, 0x78]
        frame += mask
        frame += payload.enumerated().map { $0.element ^ mask[$0.offset % 4] }
        send(frame)
    }

    /// A close frame with `code` (and `reason`), masked.
    func sendClose(code: UInt16, reason: [UInt8] = []) {
        sendFrame([UInt8(code >> 8), UInt8(code & 0xFF)] + reason, opcode: 0x8)
    }

    func sendMessage(_ json: String) { sendFrame(Array(json.utf8)) }

    /// Runs a blocking wait on its own thread.
    private func offPool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: body()) }
        }
    }

    /// Upgrades to a WebSocket at `/ws`; returns the server's response head.
    func upgrade(port: Int, origin: String? = nil, path: String = "/ws") async -> String {
        send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
             + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
             + (origin.map { "Origin: \($0)\r\n" } ?? "") + "\r\n")
        return await offPool { self.readHead(seconds: 5) }
    }

    /// Reads until a blank line ends an HTTP head.
    private func readHead(seconds: Double) -> String {
        _ = fill(seconds: seconds) { $0.firstRange(of: Array("\r\n\r\n".utf8)) != nil }
        guard let end = received.firstRange(of: Array("\r\n\r\n".utf8)) else { return String(decoding: received, as: UTF8.self) }
        let head = String(decoding: received[..<end.upperBound], as: UTF8.self)
        received.removeFirst(end.upperBound)
        return head
    }

    /// Text messages (and a close, as "<close>" or "<close CODE>") received until one contains `text`, the
    /// connection closes, or the time is up.
    func messages(until text: String, seconds: Double = 10) async -> [String] {
        await offPool { self.blockingMessages(until: text, seconds: seconds) }
    }

    private func blockingMessages(until text: String, seconds: Double) -> [String] {
        var found: [String] = []
        _ = fill(seconds: seconds) { [self] _ in
            found = frames()
            return found.contains { $0.contains(text) }
        }
        return frames()
    }

    /// True when the server closes the connection within `seconds`. A bound on a wait, not a
    /// timing assertion: the tests running beside this one share the servers' two event loop
    /// threads (NIO's singleton group) and may keep them busy with floods for seconds.
    func closes(within seconds: Double = 30) async -> Bool { await offPool { self.fill(seconds: seconds) { _ in false } } }

    /// Everything received so far as text (an HTTP response, say).
    var text: String { String(decoding: received, as: UTF8.self) }

    /// The server's frames in what was received (they are never masked).
    private func frames() -> [String] {
        var messages: [String] = []
        var index = 0
        while index + 2 <= received.count {
            let opcode = received[index] & 0x0F
            var length = Int(received[index + 1] & 0x7F)
            var start = index + 2
            if length == 126 {
                guard start + 2 <= received.count else { break }
                length = Int(received[start]) << 8 | Int(received[start + 1])
                start += 2
            } else if length == 127 {
                guard start + 8 <= received.count else { break }
                length = received[start..<start + 8].reduce(0) { $0 << 8 | Int($1) }
                start += 8
            }
            guard start + length <= received.count else { break }
            if opcode == 0x1 { messages.append(String(decoding: received[start..<start + length], as: UTF8.self)) }
            if opcode == 0x8 {
                let body = received[start..<start + length]
                messages.append(body.count >= 2 ? "<close \(Int(body[start]) << 8 | Int(body[start + 1]))>" : "<close>")
            }
            if opcode == 0xA { messages.append("<pong \(String(decoding: received[start..<start + length], as: UTF8.self))>") }
            index = start + length
        }
        return messages
    }

    /// Reads until `done` says so; true when the peer closed.
    private func fill(seconds: Double, until done: ([UInt8]) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while Date() < deadline, !done(received) {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 50) > 0 else { continue }
            let count = read(descriptor, &buffer, buffer.count)
            if count <= 0 { return true }
            received += buffer[0..<count]
        }
        return false
    }
}

/// The phone page's server on 127.0.0.1: the page, the WebSocket, and their bounds.
@Suite("Web server", .offThePool, .serialized, .timeLimit(.minutes(5)))
struct WebServerTests {
    /// Runs `body` with a live server (immediate reveal) and the web server beside it, given
    /// the web server's port; both stop when it returns.
    static func withServers<Result: Sendable>(
        _ limits: WebServer.Limits = WebServer.Limits(), tls: WebCertificate? = nil,
        _ body: (LiveServer, WebServer, Int) async throws -> Result
    ) async throws -> Result {
        try await LiveServer.with(reveal: .immediate) { live in
            let web = WebServer(hub: live.hub, host: "127.0.0.1", port: 0, tls: tls, limits: limits)
            return try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await web.run() }
                defer { group.cancelAll() }
                return try await body(live, web, try await web.port())
            }
        }
    }

    /// Waits (on the session clock, a few milliseconds at a time, at most 5 s) for what only
    /// the server's own counters show.
    static func waitUntil(_ condition: () -> Bool) async {
        let clock = SystemClock()
        let deadline = clock.now.advanced(bySeconds: 5)
        while !condition(), clock.now < deadline { try? await clock.sleep(for: .milliseconds(5)) }
    }

    static let hello = #"{"type":"hello","version":1,"code":"k7p2qx"}"#

    @Test("GET / is the page with a strict policy and no cookie; other paths, methods and odd Host headers are refused")
    func page() async throws {
        try await Self.withServers() { live, web, webPort in
            let get = try WebProbe(port: webPort)
            get.send("GET / HTTP/1.1\r\nHost: 192.168.1.20:7421\r\n\r\n")
            // Generous: the browser and crash tests may be loading both cores beside this one.
            #expect(await get.closes(), "one request per connection")
            let response = get.text
            #expect(response.hasPrefix("HTTP/1.1 200 OK"))
            #expect(response.contains("content-security-policy: default-src 'none'; script-src 'sha256-")
                    || response.contains("Content-Security-Policy: default-src 'none'; script-src 'sha256-"))
            #expect(response.contains("connect-src ws://192.168.1.20:7421 wss://192.168.1.20:7421"))
            #expect(!response.lowercased().contains("set-cookie"))
            #expect(!response.contains("unsafe-inline"))
            #expect(response.contains("<textarea id=\"idea\""))
            let body = response.split(separator: "\r\n\r\n", maxSplits: 1).last.map { $0.utf8.count } ?? 0
            #expect(body > 10_000 && body <= 30 * 1024, "the page weighs \(body) bytes")

            for (request, status) in [("GET /etc/passwd HTTP/1.1\r\nHost: a\r\n\r\n", "404"), ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n", "405"),
                                      ("GET / HTTP/1.1\r\nHost: a'; script-src *\r\n\r\n", "400")] {
                let probe = try WebProbe(port: webPort)
                probe.send(request)
                #expect(await probe.closes())
                #expect(probe.text.hasPrefix("HTTP/1.1 \(status)"), "\(request) → \(probe.text.prefix(40))")
            }
        }
    }

    /// What a Python script printed (stdout and stderr), run off the cooperative pool.
    static func python(_ script: String, _ arguments: String...) async throws -> String {
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", script] + arguments
        let output = Pipe()
        python.standardOutput = output
        python.standardError = output
        try python.run()
        let printed = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                let data = output.fileHandleForReading.readDataToEndOfFile()
                continuation.resume(returning: String(decoding: data, as: UTF8.self))
            }
        }
        python.waitUntilExit()
        return printed
    }

    @Test("The page goes out compressed to a browser that asks for it, and a reload with its ETag is answered 304 without it")
    func compressionAndRevalidation() async throws {
        try await Self.withServers() { _, _, webPort in
            let script = """
                import sys, urllib.request, urllib.error, zlib
                address = f"http://127.0.0.1:{sys.argv[1]}/"
                plain = urllib.request.urlopen(address).read()
                for encoding in ["gzip", "deflate"]:
                    answer = urllib.request.urlopen(urllib.request.Request(address, headers={"Accept-Encoding": encoding}))
                    sent = answer.read()
                    assert answer.headers["Content-Encoding"] == encoding, answer.headers
                    assert int(answer.headers["Content-Length"]) == len(sent), (answer.headers["Content-Length"], len(sent))
                    assert zlib.decompress(sent, 47) == plain, "the compressed page is the page"
                    print(f"{encoding} {len(sent)} of {len(plain)}")
                tag = answer.headers["ETag"]
                try:
                    urllib.request.urlopen(urllib.request.Request(address, headers={"If-None-Match": tag}))
                    print("revalidated: 200")
                except urllib.error.HTTPError as answer:
                    print(f"revalidated: {answer.code} {len(answer.read())} bytes, cache {answer.headers['Cache-Control']}")
                stale = urllib.request.urlopen(urllib.request.Request(address, headers={"If-None-Match": 'W/"older"'}))
                print(f"stale: {stale.status} {len(stale.read()) == len(plain)}")
                """
            let printed = try await Self.python(script, String(webPort)).split(separator: "\n").map(String.init)
            #expect(printed.count == 4, "\(printed)")
            for (line, encoding) in zip(printed, ["gzip", "deflate"]) {
                let sizes = line.split(separator: " ").compactMap { Int($0) }
                #expect(line.hasPrefix(encoding) && sizes.count == 2 && sizes[0] * 2 < sizes[1], "\(line): under half the page")
            }
            #expect(printed.dropFirst(2).first == "revalidated: 304 0 bytes, cache no-cache", "\(printed)")
            #expect(printed.last == "stale: 200 True", "\(printed)")
        }
    }

    @Test("A WebSocket joins with the code, and an idea sent over it is answered \"saved\" once it is in the run file")
    func webSocketJoinsAndSubmits() async throws {
        try await Self.withServers() { live, web, webPort in
            let phone = try WebProbe(port: webPort)
            #expect(await phone.upgrade(port: webPort, origin: "http://127.0.0.1:\(webPort)").hasPrefix("HTTP/1.1 101"))
            phone.sendMessage(Self.hello)
            let welcomed = await phone.messages(until: "welcome").contains { $0.contains(#""type":"welcome""#) }
            #expect(welcomed)
            phone.sendMessage(#"{"type":"submit","id":"p1","text":"Fewer meetings 会議 🚀"}"#)
            let answers = await phone.messages(until: #""id":"p1""#)
            let saved = answers.contains { $0.contains(#""id":"p1""#) && $0.contains(#""ok":true"#) }
            #expect(saved, "\(answers)")
            let stored = try live.store.replay().ideas.values.contains { $0.text == "Fewer meetings 会議 🚀" }
            #expect(stored)
        }
    }

    @Test("An upgrade from another site's page, on another path or to another protocol is refused")
    func upgradeOnlyFromThePage() async throws {
        try await Self.withServers() { live, web, webPort in
            let foreign = try WebProbe(port: webPort)
            #expect(await foreign.upgrade(port: webPort, origin: "https://evil.example").hasPrefix("HTTP/1.1 403"))
            #expect(await foreign.closes())
            let elsewhere = try WebProbe(port: webPort)
            #expect(await elsewhere.upgrade(port: webPort, path: "/socket").hasPrefix("HTTP/1.1 403"))
            #expect(await elsewhere.closes())
            let otherProtocol = try WebProbe(port: webPort)
            otherProtocol.send("GET / HTTP/1.1\r\nHost: a\r\nUpgrade: h2c\r\nConnection: Upgrade\r\nAccept-Encoding: gzip\r\n\r\n")
            #expect(await otherProtocol.closes())
            #expect(otherProtocol.text.hasPrefix("HTTP/1.1 403"), "another protocol: \(otherProtocol.text.prefix(40))")
            let page = try WebProbe(port: webPort)
            page.send("GET / HTTP/1.1\r\nHost: a\r\nAccept-Encoding: gzip\r\n\r\n")
            #expect(await page.closes())
            #expect(page.text.hasPrefix("HTTP/1.1 200"), "the page after the refusals: \(page.text.prefix(40))")
        }
    }

    @Test("A frame over the limit or a binary frame closes the WebSocket")
    func frameBounds() async throws {
        try await Self.withServers() { live, web, webPort in
            let large = try WebProbe(port: webPort)
            #expect(await large.upgrade(port: webPort).hasPrefix("HTTP/1.1 101"))
            large.sendFrame([UInt8](repeating: 0x61, count: WireProtocol.maximumFrameBytes + 1_024))
            #expect(await large.closes(), "an oversized frame ends the connection")
            let binary = try WebProbe(port: webPort)
            #expect(await binary.upgrade(port: webPort).hasPrefix("HTTP/1.1 101"))
            binary.sendMessage(Self.hello)
            _ = await binary.messages(until: "welcome")
            binary.sendFrame([0x00, 0x01, 0x02], opcode: 0x2)
            #expect(await binary.closes(), "binary data ends the connection")
        }
    }

    @Test("A page request that never comes is closed at the deadline; past the cap a request is turned away with 503")
    func pageBounds() async throws {
        var limits = WebServer.Limits()
        limits.maximumPageConnections = 1
        limits.connection.helloDeadline = .seconds(1)
        try await Self.withServers(limits) { live, web, webPort in
            let silent = try WebProbe(port: webPort)
            silent.send("GET / HTTP/1.1\r\n")
            try await SystemClock().sleep(for: .milliseconds(200))
            let second = try WebProbe(port: webPort)
            second.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(await second.closes())
            #expect(second.text.hasPrefix("HTTP/1.1 503"), "\(second.text.prefix(60))")
            #expect(await silent.closes(), "a request head that never ends is cut off")
        }
    }

    @Test("A server shutting down closes at once the connections that never sent a request (a browser opens them ahead of time)")
    func shutdownClosesSilentConnections() async throws {
        var limits = WebServer.Limits()
        limits.connection.helloDeadline = .seconds(60)
        try await LiveServer.with(reveal: .immediate) { live in
            let web = WebServer(hub: live.hub, host: "127.0.0.1", port: 0, limits: limits)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await web.run() }
                let silent = try WebProbe(port: try await web.port())
                let page = try WebProbe(port: try await web.port())
                page.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
                #expect(await page.closes(), "the server is serving")
                group.cancelAll()
                #expect(await silent.closes(), "closed by the shutdown, not at the 60 s deadline")
            }
        }
    }

    /// A self-signed certificate for 127.0.0.1 made by openssl, in `folder`.
    static func selfSigned(in folder: String) throws -> (certificate: String, key: String) {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let (certificate, key) = (folder + "/cert.pem", folder + "/key.pem")
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        openssl.arguments = ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                             "-keyout", key, "-out", certificate, "-days", "1", "-subj", "/CN=127.0.0.1",
                             "-addext", "subjectAltName=IP:127.0.0.1"]
        openssl.standardOutput = FileHandle.nullDevice
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        guard openssl.terminationStatus == 0 else { throw POSIXError(.EINVAL) }
        return (certificate, key)
    }

    @Test("With a certificate the page and its WebSocket are served over TLS (checked by Python's ssl against the certificate), 1.2 or 1.3 with AEAD suites only; a wrong key file is a clear error")
    func tls() async throws {
        let folder = NSTemporaryDirectory() + "ideate-tls-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (certificatePath, keyPath) = try Self.selfSigned(in: folder)
        let certificate = try WebCertificate(certificateFile: certificatePath, keyFile: keyPath)
        try await Self.withServers(tls: certificate) { live, web, webPort in
            let script = """
                import socket, ssl, sys, warnings
                warnings.simplefilter("ignore", DeprecationWarning)
                context = ssl.create_default_context(cafile=sys.argv[2])
                with socket.create_connection(("127.0.0.1", int(sys.argv[1]))) as raw:
                    with context.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
                        tls.sendall(b"GET / HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\n\\r\\n")
                        head = tls.recv(200).split(b"\\r\\n")[0].decode()
                with socket.create_connection(("127.0.0.1", int(sys.argv[1]))) as raw:
                    with context.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
                        tls.sendall(b"GET /ws HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nUpgrade: websocket\\r\\nConnection: Upgrade\\r\\n"
                                    b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\\r\\nSec-WebSocket-Version: 13\\r\\n\\r\\n")
                        upgrade = tls.recv(200).split(b"\\r\\n")[0].decode()
                        version = tls.version()
                def refused(limit, ciphers):
                    old = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
                    old.check_hostname, old.verify_mode = False, ssl.CERT_NONE
                    old.set_ciphers(ciphers + ":@SECLEVEL=0")
                    old.minimum_version, old.maximum_version = ssl.TLSVersion.TLSv1, limit
                    try:
                        with socket.create_connection(("127.0.0.1", int(sys.argv[1]))) as raw:
                            with old.wrap_socket(raw) as tls:
                                return tls.version() + " " + tls.cipher()[0]
                    except (ssl.SSLError, ConnectionError):
                        return "refused"
                old = refused(ssl.TLSVersion.TLSv1_1, "ALL") + "," + refused(ssl.TLSVersion.TLSv1_2, "ECDHE-ECDSA-AES128-SHA")
                print(head + "|" + upgrade + "|" + version + "|" + old)
                """
            let printed = try await Self.python(script, String(webPort), certificatePath)
            #expect(printed.hasPrefix("HTTP/1.1 200 OK|HTTP/1.1 101 Switching Protocols|TLSv1.3|refused,refused"), "\(printed)")

            let plain = try WebProbe(port: webPort)
            plain.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(await plain.closes(), "plain HTTP to a TLS port is not answered as a page")
            #expect(!plain.text.contains("<textarea"))

            do {
                _ = try WebCertificate(certificateFile: certificatePath, keyFile: certificatePath)
                Issue.record("a certificate given as the key file must be refused")
            } catch is WebCertificate.LoadError {}
        }
    }

    @Test("WebSockets obey the connection cap and the hello deadline, like TCP connections")
    func webSocketBounds() async throws {
        var limits = WebServer.Limits()
        limits.connection.maximumConnections = 1
        limits.connection.helloDeadline = .seconds(1)
        try await Self.withServers(limits) { live, web, webPort in
            let first = try WebProbe(port: webPort)
            #expect(await first.upgrade(port: webPort).hasPrefix("HTTP/1.1 101"))
            // The 101 can reach the client a moment before the server has counted the
            // connection: the second must come after it, not race it.
            await Self.waitUntil { web.openConnections == 1 }
            let second = try WebProbe(port: webPort)
            #expect(await second.upgrade(port: webPort).hasPrefix("HTTP/1.1 101"))
            let secondHeard = await second.messages(until: "serverFull")
            let refusedAsFull = secondHeard.contains { $0.contains("serverFull") }
            #expect(refusedAsFull, "the second heard \(secondHeard)")
            let firstHeard = await first.messages(until: "helloTimeout")
            let timedOut = firstHeard.contains { $0.contains("helloTimeout") }
            #expect(timedOut, "no hello within the deadline; the first heard \(firstHeard)")
            #expect(await first.closes())
        }
    }
}
