import Foundation

/// Ports for servers the tests start as processes. Below Linux's ephemeral range (32768 and
/// up), so a client connection's own local port can never take the server's port between a
/// kill and a resume; and free when chosen.
enum TestPorts {
    static func free() -> Int {
        while true {
            let port = Int.random(in: 20_000...32_000)
            if canBind(port) { return port }
        }
    }

    /// Two different free ports (a participant port and an ssh port, say).
    static func freePair() -> (Int, Int) {
        let first = free()
        var second = free()
        while second == first { second = free() }
        return (first, second)
    }

    /// Whether something accepts connections on `port` within `seconds`.
    static func waitUntilListening(_ port: Int, seconds: Double = 15) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if connects(port) { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }

    private static func address(_ port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    private static func canBind(_ port: Int) -> Bool { succeeds(port) { bind($0, $1, $2) } }

    private static func connects(_ port: Int) -> Bool { succeeds(port) { connect($0, $1, $2) } }

    /// Whether `call` (bind or connect) succeeds on a fresh socket for 127.0.0.1:`port`.
    private static func succeeds(_ port: Int, _ call: (Int32, UnsafePointer<sockaddr>, socklen_t) -> Int32) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = address(port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { call(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }
}
