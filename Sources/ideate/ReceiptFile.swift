import Foundation
import IdeateCore

/// Where `ideate join` keeps its receipts for one idea box: a JSON file per box in the user's
/// config folder (`$XDG_CONFIG_HOME/ideate/boxes/`, else `~/.config/ideate/boxes/`), readable by
/// its owner only. It holds each idea's secret: whoever reads it can follow and withdraw those
/// ideas, as whoever holds the phone can on the page.
struct ReceiptFile {
    let path: String

    /// The file for the box at `address`.
    init(for address: IdeaBoxAddress, environment: [String: String] = ProcessInfo.processInfo.environment) {
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        let name = address.text.replacingOccurrences(of: "://", with: "_").map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" ? $0 : "_" }
        path = "\(base)/ideate/boxes/\(String(name)).json"
    }

    /// The book as kept, or a new one (with a fresh decoy seed) when there is none yet.
    /// - Throws: when the file is there but cannot be read: it is not overwritten.
    func load() throws -> ReceiptBook {
        guard FileManager.default.fileExists(atPath: path) else { return ReceiptBook(decoySeed: UInt64.random(in: 1...UInt64.max)) }
        do {
            return try JSONDecoder().decode(ReceiptBook.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw CommandLineError("\(path): your receipts for this box cannot be read (\(error)); move the file away to start a new one")
        }
    }

    /// Keeps `book`, whole or not at all, readable by its owner only.
    func save(_ book: ReceiptBook) throws {
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try AtomicFile.write(try encoder.encode(book), to: path, mode: 0o600)
    }
}
