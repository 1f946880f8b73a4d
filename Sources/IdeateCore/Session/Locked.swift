import Foundation

/// A value behind a lock, shared between threads: the one lock type of the code base.
///
/// A pthread mutex (Foundation's `NSLock`) rather than the standard library's `Mutex`: on Linux
/// that one locks with a futex inside the prebuilt library, which the thread sanitizer cannot
/// see, so every sanitizer run reported races between accesses the lock did order (first in the
/// test clock under the guessing storm, then in the change signal once tests ran on more
/// threads). The sanitizer intercepts a pthread mutex, so its reports stay about real races.
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) { self.value = value }

    /// Runs `body` with the value while holding the lock.
    public func withLock<Result, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
