import ArgumentParser
import Foundation
import IdeateCore
import IdeateNet
import IdeateRuntime
import IdeateTUI
import UnixSignals

/// `ideate join`: a participant's screen, on their own terminal.
struct Join: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Take part in a workshop, or use the idea box, from your own terminal, anonymously.",
        discussion: """
        Type the address and the code shown on the shared screen. Your ideas carry no \
        name; the list of your own ideas lives only in this program. If the network drops, \
        ideate reconnects by itself and sends again whatever was not yet saved.

          ideate join 192.168.1.20:7420 --code K7P2QX

        With the idea box's address (on its poster) you send ideas any day and read what \
        became of them. The receipts that let you follow your ideas stay in your config \
        folder (~/.config/ideate/boxes/); the box never learns which ideas are yours.

          ideate join http://ideas.example.lan:7423/
        """
    )

    @Argument(help: "The facilitator's address, HOST:PORT, or the idea box's, http://HOST:PORT/.")
    var address: String

    @Option(help: "The join code on the shared screen (asked for when left out).")
    var code: String?

    @Option(help: ArgumentHelp("The language you read: en, de, es, fr or nl (default: your locale, else the room's).",
                               valueName: "code"))
    var language: String?

    @OptionGroup var console: ConsoleOptions

    func validate() throws {
        if address.hasPrefix("http://") || address.hasPrefix("https://") {
            guard let box = IdeaBoxAddress(address), BoxHTTPClient(address: box) != nil else {
                throw ValidationError("\(address): an idea box's address is http://HOST:PORT/ (https boxes: open the address in a browser)")
            }
            return
        }
        guard Self.parse(address) != nil else {
            throw ValidationError("\(address): write the address as HOST:PORT, e.g. 192.168.1.20:7420")
        }
        try LanguageOption.validate(language)
        if let code, !JoinCode.isValid(code) {
            throw ValidationError("--code \(code): a join code has 4 to 12 letters or digits")
        }
    }

    func run() async throws {
        try await reportingErrors {
            try TerminalCheck.requireTerminal()
            let theme = try console.loadTheme()
            let reads = language.flatMap(Language.named) ?? Language.fromEnvironment(ProcessInfo.processInfo.environment)
            if let box = IdeaBoxAddress(address), let client = BoxHTTPClient(address: box) {
                try await Self.useBox(client, receipts: ReceiptFile(for: box), theme: theme, language: reads ?? .english)
                return
            }
            guard let (host, port) = Self.parse(address) else { return }
            // Without --code the screen asks for it, and asks again after a wrong one.
            let clock = SystemClock()
            let client = ParticipantClient(host: host, port: port, code: code.map(JoinCode.normalized) ?? "", language: reads?.code, clock: clock)
            if code != nil { await client.start() }
            let screen = ParticipantScreenService(theme: theme, clock: clock, link: client, askForCode: code == nil ? .some(nil) : nil,
                                                  follows: BoxJoinService.followsIdeas, language: reads ?? .english)
            try await Services.run([Services.ending(screen)], signals: [.sigterm, .sighup])
            await client.stop()
        }
    }

    /// The idea box's screen until q; every change to the receipts is kept at once.
    static func useBox(_ client: BoxHTTPClient, receipts: ReceiptFile, theme: Theme, language: Language) async throws {
        let book = try receipts.load()
        try receipts.save(book)  // a file that cannot be written is said now, not after an idea
        let screen = BoxJoinService(box: client, book: book, receipts: receipts, theme: theme, language: language)
        try await Services.run([Services.ending(screen)], signals: [.sigterm, .sighup])
    }

    /// HOST:PORT, with a port from 1 to 65,535 and a host that is not empty.
    static func parse(_ address: String) -> (host: String, port: Int)? {
        guard let colon = address.lastIndex(of: ":"), colon != address.startIndex,
              let port = Int(address[address.index(after: colon)...]), (1...65_535).contains(port) else { return nil }
        return (String(address[..<colon]), port)
    }
}
