#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A child process run to measure it: its exit, its own peak resident memory and its wall time.
///
/// The peak is measured by `Benchmarks/peak.c`, a small parent that forks and waits: Linux carries
/// the pre-exec high-water mark into a child, so a child spawned straight from this (large) test
/// process would report the test process's own peak.
public struct MeasuredRun {
    /// The exit status, or 128 + the signal number when a signal ended it.
    public var status: Int32
    public var peakRSSBytes: Int
    public var seconds: Double
    public var stdout: String
}

/// Runs `executable` with `arguments`, its output captured through a temporary file.
public func runMeasured(_ executable: String, _ arguments: [String]) throws -> MeasuredRun {
    let scratch = try makeTemporaryDirectory("measured")
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outPath = scratch.appendingPathComponent("stdout").path
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let meter = try PeakMeter.executable()
    let peakPath = scratch.appendingPathComponent("peak").path
    let argv = ([meter, executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    let environment: [String] = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" } + ["PEAK_OUT=\(peakPath)"]
    let env: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
    defer { env.forEach { free($0) } }
    var pid: pid_t = 0
    let start = Date()
    let spawned = posix_spawn(&pid, meter, &actions, nil, argv, env)
    guard spawned == 0 else {
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "posix_spawn \(executable): \(spawned)"])
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let seconds = Date().timeIntervalSince(start)
    // WIFEXITED / WEXITSTATUS / WTERMSIG, spelled out (the C macros are not imported).
    let exitStatus = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    let report = (try? String(contentsOfFile: peakPath, encoding: .utf8)) ?? ""
    guard report.hasPrefix("peak-kib "), let kib = Int(report.dropFirst(9).trimmingCharacters(in: .whitespacesAndNewlines)) else {
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "peak meter wrote no figure for \(executable)"])
    }
    // ru_maxrss is in KiB on Linux (peak.c prints it as it is).
    let peak = kib * 1024
    return MeasuredRun(status: exitStatus, peakRSSBytes: peak, seconds: seconds, stdout: output)
}

/// The `Benchmarks/peak.c` meter, compiled once per test process with the system's C compiler.
public enum PeakMeter {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var compiled: String?

    /// The path of the compiled meter; compiles it on first use.
    public static func executable() throws -> String {
        lock.lock()
        defer { lock.unlock() }
        if let compiled { return compiled }
        let source = TestPaths.repositoryRoot.appendingPathComponent("Benchmarks/peak.c").path
        let dir = try makeTemporaryDirectory("peak-meter")
        let output = dir.appendingPathComponent("peak").path
        for compiler in ["cc", "gcc", "clang"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [compiler, "-O2", source, "-o", output]
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { continue }
            process.waitUntilExit()
            if process.terminationStatus == 0 {
                compiled = output
                return output
            }
        }
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "no C compiler could build \(source)"])
    }
}
