import Foundation
import Testing

/// Runs a task's work on a concurrent Dispatch queue of its own, outside Swift's cooperative pool.
///
/// The servers under test do part of their work on the cooperative pool (their handlers'
/// tasks), and on a two-core machine that pool has two threads. A test body holds a pool thread
/// for as long as it runs without awaiting: a test that waits for a process, a tmux screen or a
/// socket, or one that computes for seconds. Two such tests at once stalled every server on the
/// pool (CI saw connections closed 5 s late while two browser scripts held it for 50 s). A queue
/// of our own overcommits: when its threads are busy or blocked it starts another at once. (The
/// global queue is held to about one thread per core and adds one only when its monitor notices
/// a blocked thread, so tests queued behind the waiting ones took 16 s instead of milliseconds.)
public final class OffThePoolExecutor: TaskExecutor {
    public static let shared = OffThePoolExecutor()

    private let queue = DispatchQueue(label: "ideate.tests.off-the-pool", attributes: .concurrent)

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}

/// The trait that runs a suite's tests (and the tasks they start in groups) under
/// ``OffThePoolExecutor``. Every suite carries it, so no test body ever occupies the pool.
public struct OffThePool: TestTrait, SuiteTrait, TestScoping {
    public var isRecursive: Bool { true }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        try await withTaskExecutorPreference(OffThePoolExecutor.shared) { try await function() }
    }
}

extension Trait where Self == OffThePool {
    /// Runs the tests outside the cooperative pool, leaving it to the code under test.
    public static var offThePool: Self { OffThePool() }
}
