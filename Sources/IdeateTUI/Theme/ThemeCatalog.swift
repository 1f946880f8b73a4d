import Foundation
import IdeateCore

/// Finds and loads themes by name from the `themes/` folders, and decides when colour is off
/// (`NO_COLOR` set, or monochrome asked for).
public enum ThemeCatalog {
    /// Where theme files are looked for, first match wins: `$IDEATE_THEMES`, `./themes`, and
    /// the `themes` folder of the project the executable was built in.
    public static func searchFolders(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        var folders: [String] = []
        if let custom = environment["IDEATE_THEMES"] { folders.append(custom) }
        folders.append(FileManager.default.currentDirectoryPath + "/themes")
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        for _ in 0..<4 {
            folders.append(folder.appendingPathComponent("themes").path)
            folder = folder.deletingLastPathComponent()
        }
        return folders
    }

    /// Problems loading a theme, formatted for stderr.
    public struct LoadError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The theme called `name`; monochrome when `NO_COLOR` is set (whatever `name` says).
    public static func load(named name: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Theme {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .monochrome }
        guard let path = path(for: name, environment: environment) else {
            let known = available(environment: environment).map(\.name)
            let hint = DidYouMean.suggestion(for: name, among: known).map { "; did you mean `\($0)`?" } ?? ""
            throw LoadError(description: "no theme named `\(name)`\(hint) (themes: \(known.joined(separator: ", ")))")
        }
        return try load(path: path)
    }

    public static func load(path: String) throws -> Theme {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LoadError(description: "\(path):1:1: cannot read the file")
        }
        switch ThemeParser.parse(String(decoding: data, as: UTF8.self)) {
        case let .success(theme): return theme
        case let .failure(problems):
            throw LoadError(description: problems.all.map { $0.formatted(file: path) }.joined(separator: "\n"))
        }
    }

    static func path(for name: String, environment: [String: String]) -> String? {
        for folder in searchFolders(environment: environment) {
            let candidate = folder + "/" + name + ".yaml"
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Every theme found, by name, from the first folder that has themes.
    public static func available(environment: [String: String] = ProcessInfo.processInfo.environment) -> [(name: String, path: String)] {
        for folder in searchFolders(environment: environment) {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder))?.filter { $0.hasSuffix(".yaml") }.sorted() ?? []
            if !files.isEmpty { return files.map { (String($0.dropLast(5)), folder + "/" + $0) } }
        }
        return []
    }
}
