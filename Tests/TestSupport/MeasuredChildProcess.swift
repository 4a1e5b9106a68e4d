#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A child process run to measure it: its exit, its own peak resident memory (from `wait4`, so
/// other children of the test process do not count) and its wall time.
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
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let start = Date()
    let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
    guard spawned == 0 else {
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "posix_spawn \(executable): \(spawned)"])
    }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let seconds = Date().timeIntervalSince(start)
    // WIFEXITED / WEXITSTATUS / WTERMSIG, spelled out (the C macros are not imported).
    let exitStatus = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    // ru_maxrss is in KiB on Linux, in bytes on macOS.
    #if os(Linux)
    let peak = usage.ru_maxrss * 1024
    #else
    let peak = usage.ru_maxrss
    #endif
    return MeasuredRun(status: exitStatus, peakRSSBytes: peak, seconds: seconds, stdout: output)
}
