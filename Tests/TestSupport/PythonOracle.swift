import Foundation

/// Runs a test-time Python oracle under `Tests/oracles/` and decodes the JSON it prints.
public enum PythonOracle {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// `python3 Tests/oracles/<script> <arguments…>`, parsed as JSON.
    public static func run(_ script: String, _ arguments: [String]) throws -> Any {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", TestPaths.repositoryRoot.appendingPathComponent("Tests/oracles/\(script)").path] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(script) failed (\(process.terminationStatus)): \(errorText)")
        }
        return try JSONSerialization.jsonObject(with: data)
    }

    /// Whether an executable is on the PATH (for optional oracles such as `soffice`).
    public static func isInstalled(_ command: String) -> Bool {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(command)") }
    }
}
