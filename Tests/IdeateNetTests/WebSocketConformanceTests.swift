import Foundation
import IdeateNet
import IdeateProtocol
import IdeateTestSupport
import Testing

/// A frame sequence that breaks RFC 6455, with the close code the server must fail it with.
/// The cases follow Autobahn's test suite, sections 1–7, where they apply to a server that does
/// not echo (its own checks use the participant protocol's welcome instead).
struct ProtocolBreach: Sendable, CustomTestStringConvertible {
    enum Frames: Sendable {
        case unmaskedText
        case reservedBits(UInt8)
        case reservedOpcode(UInt8)
        case continuationFirst
        case textInsideFragmentedMessage
        case fragmentedPing
        case longPing
        case invalidUTF8
        case invalidUTF8InFragments
        case binary
        case closeWithOneByte
        case closeCode(UInt16)
        case closeReasonNotUTF8
        case overLimit
    }

    let frames: Frames
    let code: Int
    let testDescription: String

    /// Sends the breach on a socket that has just been upgraded.
    func send(on probe: WebProbe) {
        switch frames {
        case .unmaskedText: probe.sendFrame(Array(WebServerTests.hello.utf8), masked: false)
        case let .reservedBits(bits): probe.sendFrame(Array("Hello".utf8), reserved: bits)
        case let .reservedOpcode(opcode): probe.sendFrame(Array("Hello".utf8), opcode: opcode)
        case .continuationFirst: probe.sendFrame(Array("Hello".utf8), opcode: 0x0)
        case .textInsideFragmentedMessage:
            probe.sendFrame(Array("{\"type\":".utf8), final: false)
            probe.sendFrame(Array("\"hello\"}".utf8))
        case .fragmentedPing: probe.sendFrame(Array("ping".utf8), opcode: 0x9, final: false)
        case .longPing: probe.sendFrame([UInt8](repeating: 0x70, count: 126), opcode: 0x9)
        case .invalidUTF8: probe.sendFrame([0xCE, 0xBA, 0xE1, 0xBD, 0xB9, 0xCF, 0x83, 0xED, 0xA0, 0x80, 0x65])
        case .invalidUTF8InFragments:
            probe.sendFrame([0xCE, 0xBA, 0xE1], final: false)
            probe.sendFrame([0xFF, 0xFE], opcode: 0x0)
        case .binary: probe.sendFrame([0x00, 0x01, 0x02], opcode: 0x2)
        case .closeWithOneByte: probe.sendFrame([0x03], opcode: 0x8)
        case let .closeCode(code): probe.sendClose(code: code)
        case .closeReasonNotUTF8: probe.sendClose(code: 1000, reason: [0xCE, 0xBA, 0xE1, 0xBD, 0xB9, 0xED, 0xA0, 0x80])
        case .overLimit: probe.sendFrame([UInt8](repeating: 0x61, count: WireProtocol.maximumFrameBytes + 1_024))
        }
    }

    static let all: [ProtocolBreach] = [
        .init(frames: .unmaskedText, code: 1002, testDescription: "an unmasked frame (§5.1)"),
        .init(frames: .reservedBits(4), code: 1002, testDescription: "RSV1 set, no extension negotiated (§5.2)"),
        .init(frames: .reservedBits(2), code: 1002, testDescription: "RSV2 set (§5.2)"),
        .init(frames: .reservedBits(7), code: 1002, testDescription: "all reserved bits set (§5.2)"),
        .init(frames: .reservedOpcode(0x3), code: 1002, testDescription: "reserved data opcode 3 (§5.2)"),
        .init(frames: .reservedOpcode(0x7), code: 1002, testDescription: "reserved data opcode 7 (§5.2)"),
        .init(frames: .reservedOpcode(0xB), code: 1002, testDescription: "reserved control opcode 11 (§5.2)"),
        .init(frames: .reservedOpcode(0xF), code: 1002, testDescription: "reserved control opcode 15 (§5.2)"),
        .init(frames: .continuationFirst, code: 1002, testDescription: "a continuation without a first fragment (§5.4)"),
        .init(frames: .textInsideFragmentedMessage, code: 1002, testDescription: "a new text frame inside an unfinished message (§5.4)"),
        .init(frames: .fragmentedPing, code: 1002, testDescription: "a fragmented ping (§5.5)"),
        .init(frames: .longPing, code: 1002, testDescription: "a ping of 126 bytes (§5.5)"),
        .init(frames: .invalidUTF8, code: 1007, testDescription: "a text frame that is not UTF-8 (§8.1)"),
        .init(frames: .invalidUTF8InFragments, code: 1007, testDescription: "a fragmented text message that is not UTF-8 (§8.1)"),
        .init(frames: .binary, code: 1003, testDescription: "binary data, which the protocol does not take (§7.4.1)"),
        .init(frames: .closeWithOneByte, code: 1002, testDescription: "a close with a one-byte body (§5.5.1)"),
        .init(frames: .closeCode(0), code: 1002, testDescription: "a close with code 0 (§7.4.2)"),
        .init(frames: .closeCode(999), code: 1002, testDescription: "a close with code 999 (§7.4.2)"),
        .init(frames: .closeCode(1004), code: 1002, testDescription: "a close with reserved code 1004 (§7.4.1)"),
        .init(frames: .closeCode(1005), code: 1002, testDescription: "a close with code 1005, never sent (§7.4.1)"),
        .init(frames: .closeCode(1006), code: 1002, testDescription: "a close with code 1006, never sent (§7.4.1)"),
        .init(frames: .closeCode(1015), code: 1002, testDescription: "a close with code 1015, never sent (§7.4.1)"),
        .init(frames: .closeCode(1016), code: 1002, testDescription: "a close with unassigned code 1016 (§7.4.2)"),
        .init(frames: .closeCode(2000), code: 1002, testDescription: "a close with code 2000, for extensions (§7.4.2)"),
        .init(frames: .closeCode(2999), code: 1002, testDescription: "a close with code 2999 (§7.4.2)"),
        .init(frames: .closeCode(5000), code: 1002, testDescription: "a close with code 5000 (§7.4.2)"),
        .init(frames: .closeReasonNotUTF8, code: 1007, testDescription: "a close whose reason is not UTF-8 (§5.5.1)"),
        .init(frames: .overLimit, code: 1009, testDescription: "a message over the size limit (§7.4.1)"),
    ]
}

/// The phone page's WebSocket against RFC 6455 §5–§7, frame by frame over a raw socket: what
/// a browser sends works (fragments, pings, every valid close), what breaks the protocol fails
/// the connection with the code the RFC names, and both ways of closing complete the closing
/// handshake.
@Suite("WebSocket conformance (RFC 6455)", .offThePool, .serialized, .timeLimit(.minutes(5)))
struct WebSocketConformanceTests {
    static func upgraded(_ webPort: Int) async throws -> WebProbe {
        let probe = try WebProbe(port: webPort)
        let head = await probe.upgrade(port: webPort)
        #expect(head.hasPrefix("HTTP/1.1 101"), "\(head)")
        return probe
    }

    @Test("A frame sequence that breaks the protocol fails the connection with the RFC's close code", arguments: ProtocolBreach.all)
    func breach(_ breach: ProtocolBreach) async throws {
        try await WebServerTests.withServers { _, _, webPort in
            let probe = try await Self.upgraded(webPort)
            breach.send(on: probe)
            let heard = await probe.messages(until: "<close")
            #expect(heard == ["<close \(breach.code)>"], "\(breach.testDescription): heard \(heard)")
            // The client answers the server's close; the server then closes TCP (§7.1.1).
            probe.sendClose(code: UInt16(breach.code))
            #expect(await probe.closes())
        }
    }

    @Test("Fragmented messages, empty fragments and a ping between fragments are read as one line; pings are answered with their payload")
    func fragmentsAndPings() async throws {
        try await WebServerTests.withServers { _, _, webPort in
            let probe = try await Self.upgraded(webPort)
            let hello = Array(WebServerTests.hello.utf8)
            probe.sendFrame(Array(hello[..<10]), final: false)
            probe.sendFrame([], opcode: 0x0, final: false)
            probe.sendFrame(Array("ping payload".utf8), opcode: 0x9)
            probe.sendFrame(Array(hello[10...]), opcode: 0x0)
            let heard = await probe.messages(until: "welcome")
            #expect(heard.first == "<pong ping payload>", "\(heard)")
            let welcomed = heard.contains { $0.contains("welcome") }
            #expect(welcomed, "\(heard)")
            probe.sendFrame(Array("unsolicited".utf8), opcode: 0xA)
            probe.sendFrame([UInt8](repeating: 0x70, count: 125), opcode: 0x9)
            let more = await probe.messages(until: "<pong ppp")
            #expect(more.last == "<pong " + String(repeating: "p", count: 125) + ">", "an unsolicited pong is ignored")
        }
    }

    @Test("A valid close is echoed with its code and the TCP connection closed", arguments: [1000, 1001, 1002, 1003, 1007, 1011, 1012, 3000, 4999])
    func validClose(code: Int) async throws {
        try await WebServerTests.withServers { _, _, webPort in
            let probe = try await Self.upgraded(webPort)
            probe.sendClose(code: UInt16(code), reason: Array("bye — adiós".utf8))
            probe.sendMessage(WebServerTests.hello)
            #expect(await probe.closes())
            #expect(await probe.messages(until: "<close") == ["<close \(code)>"], "a message after the close is not read")
        }
    }

    @Test("An empty close is answered with an empty close")
    func emptyClose() async throws {
        try await WebServerTests.withServers { _, _, webPort in
            let probe = try await Self.upgraded(webPort)
            probe.sendFrame([], opcode: 0x8)
            #expect(await probe.closes())
            #expect(await probe.messages(until: "<close") == ["<close>"])
        }
    }

    @Test("A close the server starts waits for the browser's close, reading nothing else, and gives up at the deadline")
    func serverStartedHandshake() async throws {
        var limits = WebServer.Limits()
        limits.closingHandshakeDeadline = .seconds(30)
        try await WebServerTests.withServers(limits) { _, _, webPort in
            let probe = try await Self.upgraded(webPort)
            probe.sendFrame([0x01], opcode: 0x2)
            #expect(await probe.messages(until: "<close") == ["<close 1003>"])
            probe.sendMessage(WebServerTests.hello)
            #expect(!(await probe.closes(within: 0.5)), "the server waits for the browser's close")
            #expect(await probe.messages(until: "welcome", seconds: 0.2) == ["<close 1003>"], "nothing is read after the close")
            probe.sendClose(code: 1000)
            #expect(await probe.closes())
        }
        limits.closingHandshakeDeadline = .milliseconds(300)
        try await WebServerTests.withServers(limits) { _, _, webPort in
            let silent = try await Self.upgraded(webPort)
            silent.sendFrame([0x01], opcode: 0x2)
            #expect(await silent.closes(), "a browser that never answers is closed at the deadline")
            #expect(await silent.messages(until: "<close") == ["<close 1003>"])
        }
    }

    @Test("An unsupported version is answered 426 naming version 13; a handshake without a key is a bad request")
    func versionNegotiation() async throws {
        try await WebServerTests.withServers { _, _, webPort in
            let old = try WebProbe(port: webPort)
            old.send("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:\(webPort)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                     + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n\r\n")
            #expect(await old.closes())
            #expect(old.text.hasPrefix("HTTP/1.1 426"), "\(old.text)")
            #expect(old.text.lowercased().contains("sec-websocket-version: 13\r\n"), "\(old.text)")
            let keyless = try WebProbe(port: webPort)
            keyless.send("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:\(webPort)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                         + "Sec-WebSocket-Version: 13\r\n\r\n")
            #expect(await keyless.closes())
            #expect(keyless.text.hasPrefix("HTTP/1.1 400"), "\(keyless.text)")
        }
    }
}
