import Foundation
import Testing

/// The seed of a test's own random source, printed so that a failure can be replayed:
/// `IDEATE_TEST_SEED=<seed> swift test --filter <test>` runs it again with the same seed.
/// Tests through PropertyBased's `propertyCheck` need none: it names its seed with a failure.
public enum TestSeed {
    /// `IDEATE_TEST_SEED` when it is set, else a new random seed; printed with the test's name.
    public static func make() -> UInt64 {
        let seed = ProcessInfo.processInfo.environment["IDEATE_TEST_SEED"].flatMap { UInt64($0) } ?? .random(in: .min ... .max)
        let test = Test.current.map { $0.displayName ?? $0.name } ?? "a test"
        print("\(test): seed \(seed) (replay with IDEATE_TEST_SEED=\(seed))")
        return seed
    }
}
