import Foundation

/// The result of running the built `furikaeri` binary.
public struct BinaryRun {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    /// Wall time of the run, in seconds.
    public var seconds: Double
}

/// The path of the debug build's binary, `.build/debug/furikaeri`.
public let furikaeriBinaryPath = TestPaths.repositoryRoot.appendingPathComponent(".build/debug/furikaeri").path

/// Runs `.build/debug/furikaeri` with `arguments` (build it first: `swift build --product furikaeri`),
/// in `directory` when given (else the test runner's own).
public func runFurikaeri(_ arguments: [String], binary: URL? = nil, in directory: URL? = nil) throws -> BinaryRun {
    let process = Process()
    process.executableURL = binary ?? URL(fileURLWithPath: furikaeriBinaryPath)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    // Output goes to temporary files, so a large output can never block the child on a full pipe.
    let scratch = try makeTemporaryDirectory("furikaeri-run")
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
    process.standardOutput = out
    process.standardError = err
    let start = Date()
    try process.run()
    process.waitUntilExit()
    let seconds = Date().timeIntervalSince(start)
    try out.close()
    try err.close()
    return BinaryRun(status: process.terminationStatus,
                     stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                     stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self), seconds: seconds)
}
