#if FUZZING
import CLibFuzzer

/// Runs libFuzzer. SwiftPM links an executable's entry point as `<Module>_main`, so each fuzz
/// target exports that symbol and hands control to libFuzzer's driver from it.
public func runLibFuzzer(argc: CInt, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                         _ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt {
    // libFuzzer's own driver (`-sanitize=fuzzer` links it, CLibFuzzer declares it): parses
    // libFuzzer's flags and calls `testOneInput` for every input it makes.
    var count = argc
    var vector = argv
    return LLVMFuzzerRunDriver(&count, &vector, testOneInput)
}
#endif

/// The bytes libFuzzer hands to `LLVMFuzzerTestOneInput`, copied into an array.
public func fuzzInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}
