import Foundation

/// Reads a QR code drawn in half blocks (▀ ▄ █) the way a phone would: the text becomes an
/// image (each character one module wide and two high, everything that is not a block light)
/// and a real decoder, `zbarimg` from zbar-tools, reads it.
public enum QRReader {
    /// What the code in `lines` says, or nil when zbarimg finds no code.
    public static func decode(lines: [String]) throws -> String? {
        let rows = lines.map { Array($0) }
        let dark: (Character) -> (top: Bool, bottom: Bool) = { ($0 == "█" || $0 == "▀", $0 == "█" || $0 == "▄") }
        let pixelsPerModule = 6, margin = 8
        let columns = (rows.map(\.count).max() ?? 0) + 2 * margin
        let halfRows = rows.count * 2 + 2 * margin
        var image = [UInt8](repeating: 255, count: columns * halfRows * pixelsPerModule * pixelsPerModule)
        let rowBytes = columns * pixelsPerModule
        for (y, row) in rows.enumerated() {
            for (x, character) in row.enumerated() {
                let (top, bottom) = dark(character)
                for (half, isDark) in [(0, top), (1, bottom)] where isDark {
                    let moduleY = margin + 2 * y + half, moduleX = margin + x
                    for dy in 0..<pixelsPerModule {
                        let start = (moduleY * pixelsPerModule + dy) * rowBytes + moduleX * pixelsPerModule
                        for dx in 0..<pixelsPerModule { image[start + dx] = 0 }
                    }
                }
            }
        }
        let file = NSTemporaryDirectory() + "ideate-qr-\(UUID().uuidString).pgm"
        defer { try? FileManager.default.removeItem(atPath: file) }
        let header = "P5\n\(rowBytes) \(halfRows * pixelsPerModule)\n255\n"
        try (Data(header.utf8) + Data(image)).write(to: URL(fileURLWithPath: file))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["zbarimg", "--raw", "-q", file]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
    }
}
