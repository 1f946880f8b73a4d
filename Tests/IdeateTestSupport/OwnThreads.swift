import Foundation
import Testing

/// Runs each piece of a task's work on a thread of its own, outside Swift's cooperative pool.
///
/// A test that blocks (waits for a process, a tmux screen, a socket) holds a pool thread for
/// as long as it waits; on a two-core machine the pool has two threads, so two such tests stall
/// every other test and the servers they wait for (a CI run saw a 5 s close deadline missed while
/// two browser scripts held the pool for 50 s). Under this executor a blocking wait costs a
/// thread of its own and nothing else.
public final class OwnThreadExecutor: TaskExecutor {
    public static let shared = OwnThreadExecutor()

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        Thread.detachNewThread { job.runSynchronously(on: executor) }
    }
}

/// The trait that runs a suite's (or a test's) body under ``OwnThreadExecutor``: for tests that
/// block a thread while they wait.
public struct BlockingWaits: TestTrait, SuiteTrait, TestScoping {
    public var isRecursive: Bool { true }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        try await withTaskExecutorPreference(OwnThreadExecutor.shared) { try await function() }
    }
}

extension Trait where Self == BlockingWaits {
    /// Runs the test's body on threads of its own, so its blocking waits starve nobody.
    public static var blockingWaits: Self { BlockingWaits() }
}
