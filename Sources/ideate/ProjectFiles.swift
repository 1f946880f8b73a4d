import Foundation
import IdeateCore
import IdeateRuntime

/// Finds the project's bundled files (plans in `sessions/`) from the current folder or from the
/// folder the executable was built in, so `ideate demo` works from anywhere in a clone.
enum ProjectFiles {
    static func bundledPlan(_ name: String) -> String? {
        var candidates = [FileManager.default.currentDirectoryPath + "/sessions/" + name]
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(folder.appendingPathComponent("sessions/" + name).path)
            folder = folder.deletingLastPathComponent()
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// `sessions/runs/NAME-TIME.sqlite` beside the plan's folder when it is a `sessions` folder.
    static func runPath(named name: String, besidePlan plan: String) -> String {
        let stamp = SystemClock().now.formatted("yyyyMMdd-HHmmss", in: .current)
        let folder = (plan as NSString).deletingLastPathComponent
        let sessions = (folder as NSString).lastPathComponent == "sessions" ? folder : "sessions"
        return "\(sessions)/runs/\(name)-\(stamp).sqlite"
    }
}
