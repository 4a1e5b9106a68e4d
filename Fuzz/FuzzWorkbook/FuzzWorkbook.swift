// fuzz target `fuzz-workbook`: a whole workbook (a zip, or parts as text) read like a submission: open, every sheet's grid, forms extracted.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FuzzSupport

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = FuzzHarness.workbook(fuzzInput(data, size))
    return 0
}

/// The executable's entry point under SwiftPM's naming; libFuzzer's driver takes over from here.
@_cdecl("FuzzWorkbook_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc: argc, argv: argv, testOneInput)
}
#else
@main
struct Replay {
    static func main() {
        exit(ReplayDriver.run(Array(CommandLine.arguments.dropFirst())) { FuzzHarness.workbook($0, limits: $1) })
    }
}
#endif
