// fuzz target `fuzz-form-grid`: form extraction from a cell grid decoded from the bytes (see `GridDecoder`).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FuzzSupport

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = FuzzHarness.formGrid(fuzzInput(data, size))
    return 0
}

/// The executable's entry point under SwiftPM's naming; libFuzzer's driver takes over from here.
@_cdecl("FuzzFormGrid_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc: argc, argv: argv, testOneInput)
}
#else
@main
struct Replay {
    static func main() {
        var arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "--encode-grids", arguments.count >= 3 {
            // Seeds: every sheet of the given workbooks, encoded for this target.
            arguments.removeFirst()
            exit(GridSeeds.write(workbooks: Array(arguments.dropFirst()), to: arguments[0]))
        }
        exit(ReplayDriver.run(arguments) { input, _ in FuzzHarness.formGrid(input) })
    }
}
#endif
