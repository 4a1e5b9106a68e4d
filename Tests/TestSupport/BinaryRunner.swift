import Foundation

/// The result of running the built `furikaeri` binary.
public struct BinaryRun {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    /// Wall time of the run, in seconds.
    public var seconds: Double
}

/// The binary the end-to-end tests run: `FURIKAERI_BINARY` when set, else the debug build's
/// `.build/debug/furikaeri`, which must be newer than every file under `Sources/`: a binary built
/// before the last change would test old code, so the tests stop and say to build it (`make test`
/// builds it before `swift test`).
public let furikaeriBinaryPath: String = {
    if let given = ProcessInfo.processInfo.environment["FURIKAERI_BINARY"] { return given }
    let path = TestPaths.repositoryRoot.appendingPathComponent(".build/debug/furikaeri").path
    func modified(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }
    guard let built = modified(path) else {
        fatalError("\(path) is missing: build it first (swift build --product furikaeri, or make test)")
    }
    let sources = TestPaths.repositoryRoot.appendingPathComponent("Sources").path
    let changed = FileManager.default.enumerator(atPath: sources)?.compactMap { name -> String? in
        guard let name = name as? String, let date = modified(sources + "/" + name), date > built else { return nil }
        return name
    } ?? []
    if let first = changed.first {
        fatalError("\(path) is older than Sources/\(first): build it first (swift build --product furikaeri, or make test)")
    }
    return path
}()

/// Runs `.build/debug/furikaeri` with `arguments` (build it first: `swift build --product furikaeri`),
/// in `directory` when given (else the test runner's own).
public func runFurikaeri(_ arguments: [String], binary: URL? = nil, in directory: URL? = nil) throws -> BinaryRun {
    let process = Process()
    process.executableURL = binary ?? URL(fileURLWithPath: furikaeriBinaryPath)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    let start = Date()
    let output = try runCapturingOutput(process)
    return BinaryRun(status: output.status, stdout: String(decoding: output.stdout, as: UTF8.self),
                     stderr: String(decoding: output.stderr, as: UTF8.self), seconds: Date().timeIntervalSince(start))
}

/// Runs `process` to its end with its standard output and error going to temporary files, not pipes:
/// a child writing much to one while the other is read to its end would block on a full pipe.
public func runCapturingOutput(_ process: Process) throws -> (status: Int32, stdout: Data, stderr: Data) {
    let scratch = try makeTemporaryDirectory("furikaeri-run")
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
    process.standardOutput = out
    process.standardError = err
    try process.run()
    process.waitUntilExit()
    try out.close()
    try err.close()
    return (process.terminationStatus, try Data(contentsOf: outURL), try Data(contentsOf: errURL))
}
