import Foundation

/// The built `furikaeri` binary and helpers to run it on temporary workspaces.
public enum FurikaeriBinary {
    /// `furikaeriBinaryPath`: `.build/debug/furikaeri` built after the last change (or `FURIKAERI_BINARY`).
    public static var path: String { furikaeriBinaryPath }

    /// What a finished run of the binary printed.
    public struct Output {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Starts the binary without waiting; output goes to the given files. `environment` is added to
    /// (and overrides) the test runner's own.
    public static func start(_ arguments: [String], stdout: URL? = nil, stderr: URL? = nil,
                             environment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if let stdout {
            _ = FileManager.default.createFile(atPath: stdout.path, contents: nil)
            process.standardOutput = try FileHandle(forWritingTo: stdout)
        } else {
            process.standardOutput = FileHandle.nullDevice
        }
        if let stderr {
            _ = FileManager.default.createFile(atPath: stderr.path, contents: nil)
            process.standardError = try FileHandle(forWritingTo: stderr)
        } else {
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
        return process
    }

    /// Runs the binary to the end (killed after `timeout` seconds) and returns what it printed.
    @discardableResult
    public static func run(_ arguments: [String], timeout: Double = 300, environment: [String: String] = [:]) throws -> Output {
        let directory = try makeTemporaryDirectory("furikaeri-out")
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("stdout"), err = directory.appendingPathComponent("stderr")
        let process = try start(arguments, stdout: out, stderr: err, environment: environment)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate(); process.waitUntilExit() }
        process.waitUntilExit()
        return Output(status: process.terminationStatus,
                      stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }
}

/// Runs `python3 script args…` from `Tests/oracles` and fails when it fails.
public func runOracle(_ script: String, _ arguments: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", TestPaths.repositoryRoot.appendingPathComponent("Tests/oracles/\(script)").path] + arguments
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    let message = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw OracleFailure(script: script, message: String(decoding: message, as: UTF8.self))
    }
}

/// A test-time Python script failed.
public struct OracleFailure: Error, CustomStringConvertible {
    public var script: String
    public var message: String
    public var description: String { "\(script) failed: \(message)" }
}
