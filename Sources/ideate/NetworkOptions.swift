import ArgumentParser
import Foundation
import IdeateCore
import IdeateNet

/// Where `ideate run` listens for participants.
struct NetworkOptions: ParsableArguments {
    @Option(help: "Address to listen on (0.0.0.0: every network of this computer).")
    var bind = "0.0.0.0"

    @Option(help: "TCP port `ideate join` connects to (0 turns it off).")
    var port = 7420

    @Option(help: "Port for joining over ssh with nothing installed (0 turns ssh off).")
    var sshPort = 7422

    @Option(help: ArgumentHelp("The ssh host key file (created on first use).", valueName: "file"))
    var sshHostKey: String?

    @Option(help: "Port for the phone page, whose address and QR code the lobby shows (0 turns it off).")
    var webPort = 7421

    @Option(help: ArgumentHelp("The address people in the room reach this computer by (default: its first network address that is not loopback).",
                               valueName: "address"))
    var publicAddress: String?

    @Option(help: ArgumentHelp("A PEM certificate for serving the phone page over HTTPS (with --tls-key).", valueName: "file"))
    var tlsCert: String?

    @Option(help: ArgumentHelp("The PEM private key of --tls-cert.", valueName: "file"))
    var tlsKey: String?

    @Option(help: "Join code (4–12 letters or digits); default: a new random 6-character code.")
    var code: String?

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535 (0 turns it off).") }
        guard (0...65_535).contains(sshPort) else { throw ValidationError("--ssh-port must be between 0 and 65535 (0 turns ssh off).") }
        guard (0...65_535).contains(webPort) else { throw ValidationError("--web-port must be between 0 and 65535 (0 turns the phone page off).") }
        guard (tlsCert == nil) == (tlsKey == nil) else {
            throw ValidationError("--tls-cert and --tls-key go together: the certificate and its private key.")
        }
        if let publicAddress, !Self.isPlainAddress(publicAddress) {
            throw ValidationError("--public-address must be a host name or an IP address, e.g. 192.168.1.20.")
        }
        if let code, !JoinCode.isValid(code) { throw ValidationError("--code must have 4 to 12 letters or digits.") }
    }

    var joinCode: String { code.map(JoinCode.normalized) ?? JoinCode.random() }

    /// The certificate for the phone page, when one was given.
    func webCertificate() throws -> WebCertificate? { try Self.certificate(tlsCert, key: tlsKey) }

    /// The certificate in `file` with its private key in `key` (nil when either is missing), or
    /// why it cannot be used, for `--tls-cert` and `--tls-key`.
    static func certificate(_ file: String?, key: String?) throws -> WebCertificate? {
        guard let tlsCert = file, let tlsKey = key else { return nil }
        do {
            return try WebCertificate(certificateFile: tlsCert, keyFile: tlsKey)
        } catch let error as WebCertificate.LoadError {
            throw CommandLineError(error.description)
        }
    }

    /// A host name or IPv4 address, nothing that could break the URL or the commands shown.
    static func isPlainAddress(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 253 && text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "-"
        }
    }

    /// The address people in the room should type: `--public-address`, else this computer's
    /// first non-loopback IPv4.
    func displayHost() -> String { Self.displayHost(bind: bind, publicAddress: publicAddress) }

    /// The address people should type for a server bound to `bind`.
    static func displayHost(bind: String, publicAddress: String? = nil) -> String {
        if let publicAddress { return publicAddress }
        if bind != "0.0.0.0" { return bind }
        var addresses: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&addresses) == 0, let first = addresses else { return "127.0.0.1" }
        defer { freeifaddrs(addresses) }
        var current: UnsafeMutablePointer<ifaddrs>? = first
        while let entry = current {
            defer { current = entry.pointee.ifa_next }
            guard let address = entry.pointee.ifa_addr, address.pointee.sa_family == UInt16(AF_INET) else { continue }
            var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            guard getnameinfo(address, socklen_t(MemoryLayout<sockaddr_in>.size), &host, socklen_t(host.count), nil, 0, NI_NUMERICHOST) == 0 else { continue }
            let text = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if !text.hasPrefix("127.") { return text }
        }
        return "127.0.0.1"
    }
}
