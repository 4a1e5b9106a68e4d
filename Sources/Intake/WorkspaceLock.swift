import Core
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the workspace could not be locked.
public enum WorkspaceLockError: Error, Equatable, CustomStringConvertible {
    /// Another `run` or `watch` kept the workspace for longer than we were willing to wait.
    case busy(path: String, waitedSeconds: Double)
    /// The lock file could not be opened.
    case unavailable(path: String, errno: Int32)

    /// The Japanese message (`message(in:)` for either language).
    public var description: String { message(in: .ja) }
}

/// An exclusive lock on the workspace (flock on `.furikaeri/lock`), so two runs never interleave.
///
/// The kernel drops a flock when its process dies, so a killed run never leaves the workspace locked.
public final class WorkspaceLock {
    private var descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    /// Takes the lock, waiting up to `timeout` seconds (0: do not wait).
    /// A stop request (`shouldStop`) ends the wait as if the time were up.
    public static func acquire(path: String, timeout: Double, onWait: (() -> Void)? = nil,
                               shouldStop: () -> Bool = { false }) throws -> WorkspaceLock {
        try DurableFiles.createDirectory((path as NSString).deletingLastPathComponent)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WorkspaceLockError.unavailable(path: path, errno: errno) }
        let start = Date()
        var announced = false
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                let code = errno
                close(fd)
                throw WorkspaceLockError.unavailable(path: path, errno: code)
            }
            let waited = Date().timeIntervalSince(start)
            if waited >= timeout || shouldStop() {
                close(fd)
                throw WorkspaceLockError.busy(path: path, waitedSeconds: waited)
            }
            if !announced { announced = true; onWait?() }
            usleep(100_000)
        }
        return WorkspaceLock(descriptor: fd)
    }

    /// Releases the lock (also released when the process ends).
    public func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
