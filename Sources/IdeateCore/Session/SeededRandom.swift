/// A small, fast, seedable random source (SplitMix64).
///
/// The engine takes randomness as a parameter (batch shuffles, idea ids), so a seed gives the
/// same run every time and tests never depend on the system's generator.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Array {
    /// Fisher–Yates with an explicit algorithm, so a seed shuffles the same way on every
    /// toolchain (the standard library does not promise a stable `shuffle(using:)`).
    func stablyShuffled(using random: inout some RandomNumberGenerator) -> [Element] {
        var result = self
        guard result.count > 1 else { return result }
        for index in stride(from: result.count - 1, to: 0, by: -1) {
            let other = Int(random.next() % UInt64(index + 1))
            result.swapAt(index, other)
        }
        return result
    }
}
