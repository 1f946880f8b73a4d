import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a file so that readers see the old version or the whole new one, never half:
/// a temporary file beside it, fsync, rename, fsync of the directory.
enum AtomicFile {
    /// `mode`: the new file's permissions (0644 by default; 0600 for a file with secrets).
    static func write(_ data: Data, to path: String, mode: mode_t = 0o644) throws {
        let directory = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        let temporary = "\(directory)/.\((path as NSString).lastPathComponent).\(getpid()).tmp"
        let descriptor = Glibc.open(temporary, O_CREAT | O_TRUNC | O_WRONLY, mode)
        if descriptor >= 0 { fchmod(descriptor, mode) }  // the umask does not widen or narrow it
        guard descriptor >= 0 else { throw CommandLineError("\(path): cannot write: \(String(cString: strerror(errno)))") }
        var failure: String?
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += written
            }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
        close(descriptor)
        if let failure {
            unlink(temporary)
            throw CommandLineError("\(path): cannot write: \(failure)")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw CommandLineError("\(path): cannot write: \(reason)")
        }
        let directoryDescriptor = Glibc.open(directory, O_RDONLY)
        if directoryDescriptor >= 0 {
            fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }
}
