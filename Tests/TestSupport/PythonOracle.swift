import Foundation

/// Runs a test-time Python oracle under `Tests/oracles/` and decodes the JSON it prints.
public enum PythonOracle {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// `python3 Tests/oracles/<script> <arguments…>`, parsed as JSON (run as `OpenpyxlOracle.run` does).
    public static func run(_ script: String, _ arguments: [String]) throws -> Any {
        let data: Data
        do {
            data = try OpenpyxlOracle.run(script, arguments)
        } catch let failure as OpenpyxlOracle.Failure {
            throw Failure(description: failure.description)
        }
        return try JSONSerialization.jsonObject(with: data)
    }

    /// Whether an executable is on the PATH (for optional oracles such as `soffice`).
    public static func isInstalled(_ command: String) -> Bool {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(command)") }
    }
}
