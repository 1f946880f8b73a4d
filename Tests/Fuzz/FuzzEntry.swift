import Foundation

#if IDEATE_LIBFUZZER
/// libFuzzer's driver. SwiftPM links an executable's entry point as `ideate_fuzz_main`, so
/// libFuzzer's own `main` is not used; this starts its driver instead. Declared by symbol name
/// (pointers and integers only, which the Swift and C conventions pass alike).
@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@_cdecl("ideate_fuzz_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    guard let target = FuzzTarget.fromEnvironment() else {
        FileHandle.standardError.write(Data("set IDEATE_FUZZ_TARGET to plan, theme or wire\n".utf8))
        return 2
    }
    chosenTarget = target
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { start, length in
        chosenTarget?.run(UnsafeRawBufferPointer(start: start, count: length))
        return 0
    }
}

nonisolated(unsafe) private var chosenTarget: FuzzTarget?
#else
/// Without libFuzzer: replays files through a target, e.g. a crash libFuzzer saved.
/// Usage: IDEATE_FUZZ_TARGET=wire ideate-fuzz FILE...
@main
enum ReplayFuzzInputs {
    static func main() throws {
        guard let target = FuzzTarget.fromEnvironment() else {
            FileHandle.standardError.write(Data("set IDEATE_FUZZ_TARGET to \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
            exit(2)
        }
        for path in CommandLine.arguments.dropFirst() {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            data.withUnsafeBytes { target.run($0) }
        }
    }
}
#endif
