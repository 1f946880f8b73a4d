import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Tells a screen when another process (the idea box, a colleague's `ideate portfolio`) has
/// changed the portfolio file, so the follow-up screen shows new ideas within moments, without
/// a key and without polling. Linux's inotify watches the file's folder for writes to the file
/// and its write-ahead log; a thread sleeps in `poll` until one happens or the stream ends.
public enum PortfolioWatcher {
    /// One element per burst of writes to the portfolio at `path` (coalesced by the reader),
    /// until the consumer stops iterating. Empty when the folder cannot be watched.
    public static func changes(of path: String) -> AsyncStream<Void> {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let names: Set<String> = [url.lastPathComponent, url.lastPathComponent + "-wal"]
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let watch = inotify_init1(Int32(IN_CLOEXEC))
        var wake: [Int32] = [-1, -1]
        guard watch >= 0, pipe(&wake) == 0,
              inotify_add_watch(watch, folder, UInt32(IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE)) >= 0 else {
            if watch >= 0 { close(watch) }
            continuation.finish()
            return stream
        }
        let (wakeRead, wakeWrite) = (wake[0], wake[1])
        continuation.onTermination = { _ in
            var byte: UInt8 = 1
            _ = write(wakeWrite, &byte, 1)
        }
        Thread.detachNewThread {
            defer {
                close(watch)
                close(wakeRead)
                close(wakeWrite)
                continuation.finish()
            }
            var buffer = [UInt8](repeating: 0, count: 16 * 1024)
            while true {
                var descriptors = [pollfd(fd: watch, events: Int16(POLLIN), revents: 0), pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
                guard poll(&descriptors, 2, -1) >= 0 || errno == EINTR else { return }
                if descriptors[1].revents != 0 { return }
                guard descriptors[0].revents & Int16(POLLIN) != 0 else { continue }
                let count = read(watch, &buffer, buffer.count)
                guard count > 0 else { return }
                if Self.names(in: buffer[0..<count]).contains(where: names.contains) { continuation.yield() }
            }
        }
        return stream
    }

    /// The file names of the inotify events in `bytes`.
    static func names(in bytes: ArraySlice<UInt8>) -> [String] {
        var names: [String] = []
        var offset = bytes.startIndex
        let header = MemoryLayout<inotify_event>.size
        while offset + header <= bytes.endIndex {
            let length = bytes[offset + 12..<offset + 16].withUnsafeBytes { Int($0.loadUnaligned(as: UInt32.self)) }
            let nameBytes = bytes[(offset + header)..<min(bytes.endIndex, offset + header + length)]
            names.append(String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self))
            offset += header + length
        }
        return names
    }
}
