import ArgumentParser
import Foundation

/// A problem the user can fix, reported on stderr as `ideate: message` with exit status 1.
struct CommandLineError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) { self.description = description }
}

/// Writes to standard error, where every diagnostic goes.
enum StandardError {
    static func write(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

extension ParsableCommand {
    /// Runs `body`, turning known errors into one clear line on stderr and exit status 1.
    func reportingErrors<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as CommandLineError {
            StandardError.write("ideate: \(error.description)")
            throw ExitCode(1)
        } catch let error as ExitCode {
            throw error
        } catch let error as CustomStringConvertible {
            StandardError.write("ideate: \(error.description)")
            throw ExitCode(1)
        }
    }
}
