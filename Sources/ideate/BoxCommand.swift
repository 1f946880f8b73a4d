import ArgumentParser
import CMalloc
import Foundation
import IdeateCore
import IdeateNet
import IdeateRuntime
import IdeateStore
import IdeateTUI

/// `ideate box`: the idea box between workshops, a long-running service over the company's
/// portfolio.
struct BoxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "box",
        abstract: "The idea box between workshops: ideas any day, reviewed on a rhythm.",
        discussion: """
        People send ideas from their phone whenever they have them; each arrives in the \
        portfolio as a new backlog idea with the week it came and nothing finer. Review \
        them with ideate followup or ideate portfolio box; every decision may carry an \
        answer that the idea's author reads on the box page, and nobody else learns who \
        wrote what.

          ideate box --questions sessions/box.yaml
          ideate box poster -o poster.html --address http://ideas.lan:7423/
        """,
        subcommands: [BoxServe.self, BoxPosterCommand.self],
        defaultSubcommand: BoxServe.self
    )
}

/// `ideate box serve`: runs the box until SIGTERM, SIGHUP or SIGINT.
struct BoxServe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the idea box (the default): its page, until stopped.")

    @OptionGroup var portfolio: PortfolioOptions

    @Option(help: ArgumentHelp("The box's title and standing questions (YAML, see ideate check).", valueName: "file"))
    var questions: String?

    @OptionGroup var language: LanguageOption

    @Option(help: "Address to listen on (0.0.0.0: every network of this computer).")
    var bind = "0.0.0.0"

    @Option(help: "Port for the box page.")
    var webPort = 7423

    @Option(help: ArgumentHelp("The address people reach this computer by (default: its first network address that is not loopback).",
                               valueName: "address"))
    var publicAddress: String?

    @Option(help: ArgumentHelp("Also open the box over ssh on this port (ssh -p PORT box@HOST; off by default).", valueName: "port"))
    var sshPort: Int?

    @Option(help: ArgumentHelp("The ssh host key file (created on first use; default ~/.config/ideate/ssh_host_ed25519_key).",
                               valueName: "file"))
    var sshHostKey: String?

    @Option(help: ArgumentHelp("A PEM certificate for serving the box over HTTPS (with --tls-key).", valueName: "file"))
    var tlsCert: String?

    @Option(help: ArgumentHelp("The PEM private key of --tls-cert.", valueName: "file"))
    var tlsKey: String?

    func validate() throws {
        guard (0...65_535).contains(webPort) else { throw ValidationError("--web-port must be between 0 and 65535 (0: any free port).") }
        if let sshPort, !(1...65_535).contains(sshPort) { throw ValidationError("--ssh-port must be between 1 and 65535.") }
        if let publicAddress, !NetworkOptions.isPlainAddress(publicAddress) {
            throw ValidationError("--public-address must be a host name or an IP address, e.g. 192.168.1.20.")
        }
        guard (tlsCert == nil) == (tlsKey == nil) else {
            throw ValidationError("--tls-cert and --tls-key go together: the certificate and its private key.")
        }
    }

    /// The box file at `path`, or its problems as a command-line error.
    static func settings(from path: String) throws -> BoxSettings {
        switch PlanFile.parseBox(path) {
        case let .success(settings): return settings
        case let .failure(problems): throw CommandLineError(problems.description)
        }
    }

    /// The malloc arenas a box keeps. glibc gives each thread that allocates an arena of its
    /// own, up to eight per core, and a process that runs for weeks on a handful of thread pools
    /// (event loops, database readers, tasks) keeps growing in them: over two simulated months
    /// of traffic the box grew 20 % with the default and not at all in the second month with two
    /// (BENCHMARKS.md, "memory with time").
    static let mallocArenas: Int32 = 2

    /// Each database connection's page cache: the pool's readers each fill SQLite's default
    /// 2,000 KiB as the month goes by (10 MB of the box's first-month growth, BENCHMARKS.md).
    static let pageCacheKiB = 256

    func run() async throws {
        mallopt(M_ARENA_MAX, Self.mallocArenas)
        try await reportingErrors {
            let language = language.resolved()
            let settings = (try questions.map(Self.settings(from:)) ?? BoxSettings()).titled(in: language)
            // Everything that can be refused is checked before the portfolio file is made.
            let certificate = try NetworkOptions.certificate(tlsCert, key: tlsKey)
            let hostKey = try sshPort.map { _ in try SSHHostKey.loadOrCreate(at: sshHostKey ?? SSHHostKey.defaultPath()) }
            let path = portfolio.path()
            let store = try PortfolioStore.open(at: path, pageCacheKiB: Self.pageCacheKiB)
            let clock = SystemClock()
            let box = IdeaBoxStore(store: store, settings: settings, today: { CalendarDate(clock.now, in: .current) })
            let server = BoxWebServer(box: box, host: bind, port: webPort, language: language, tls: certificate)
            // The ssh screen needs colours from a theme; without the themes folder it is monochrome.
            let theme = (try? ThemeCatalog.load(named: "default")) ?? .monochrome
            let ssh: SSHServer? = if let sshPort, let hostKey {
                SSHServer(host: bind, port: sshPort, hostKey: hostKey, clock: clock,
                          onSession: SSHBox.starter(box: box, theme: theme, language: language, today: { CalendarDate(clock.now, in: .current) }))
            } else {
                nil
            }
            let announce = Task {
                guard let port = try? await server.port() else { return }
                let scheme = certificate == nil ? "http" : "https"
                let host = NetworkOptions.displayHost(bind: bind, publicAddress: publicAddress)
                var sshLine = ""
                if let ssh, let sshPort = try? await ssh.port() { sshLine = "Over ssh: ssh -p \(sshPort) box@\(host) (host key \(ssh.fingerprint))\n" }
                let address = "\(scheme)://\(NetworkOptions.displayHost(bind: bind, publicAddress: publicAddress)):\(port)/"
                // Workshops over this portfolio send their participants here at the end.
                if let linked = IdeaBoxAddress(address) { try? store.setBoxAddress(linked) }
                // Written at once, not buffered: a supervisor's log or a test reads it while the box runs.
                FileHandle.standardOutput.write(Data("""
                    Idea box “\(VisibleText.sanitized(settings.title, foldingLineBreaks: true))” open at \(address) over \(path)
                    \(sshLine)Review it with: ideate followup --portfolio \(path)   (stop the box with Ctrl-C)

                    """.utf8))
            }
            defer { announce.cancel() }
            let services = [Services.ending(server)] + (ssh.map { [Services.serving($0)] } ?? [])
            try await Run.serve(services, signals: [.sigterm, .sighup, .sigint])
            FileHandle.standardOutput.write(Data("Idea box closed; every acknowledged idea is in \(path).\n".utf8))
        }
    }
}

/// `ideate box poster -o poster.html`: the printable poster with the box's QR code.
struct BoxPosterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poster",
        abstract: "Write the box's printable poster (HTML, one A4 page): QR code, address, questions, the anonymity promise.",
        discussion: "Open the file in a browser and print it; it loads nothing from anywhere.")

    @Option(name: .shortAndLong, help: ArgumentHelp("The poster file to write.", valueName: "file"))
    var output: String

    @Option(help: ArgumentHelp("The box's title and standing questions (YAML, as for ideate box).", valueName: "file"))
    var questions: String?

    @Option(help: ArgumentHelp("The box's address as people type it, e.g. http://ideas.example.lan:7423/ (default: this computer's address and --web-port).",
                               valueName: "url"))
    var address: String?

    @Option(help: "The box's port, for the default address.")
    var webPort = 7423

    @OptionGroup var language: LanguageOption

    func validate() throws {
        if let address, IdeaBoxAddress(address) == nil {
            throw ValidationError("--address must be a web address such as http://ideas.example.lan:7423/")
        }
    }

    func run() async throws {
        try await reportingErrors {
            let language = language.resolved()
            let settings = (try questions.map(BoxServe.settings(from:)) ?? BoxSettings()).titled(in: language)
            let url = address ?? "http://\(NetworkOptions.displayHost(bind: "0.0.0.0")):\(webPort)/"
            guard let code = QRCode(url) else { throw CommandLineError("\(url) is too long for a QR code") }
            let modules = BoxPoster.Modules(size: code.size, dark: (0..<code.size * code.size).map { code.isDark(x: $0 % code.size, y: $0 / code.size) })
            let poster = BoxPoster(settings: settings, address: url, code: modules, today: PortfolioFile.today, language: language)
            try AtomicFile.write(Data(poster.html().utf8), to: output)
            print("Poster for \(url) written to \(output).")
        }
    }
}
