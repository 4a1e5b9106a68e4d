import Dispatch
import Foundation
import Settings
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A stop request raised from a signal handler and read by a loop; the loop's sleep ends early.
///
/// Unchecked Sendable, and safe: `requested`, `signalNumber` and `sources` are read and written only
/// under `lock`; `wakeUp` is a semaphore, made for use from any thread; a dispatch source is
/// resumed before it is kept and cancelled after it is taken out, outside the lock.
public final class StopRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var requested = false
    private var signalNumber: Int32?
    private let wakeUp = DispatchSemaphore(value: 0)
    private var sources: [DispatchSourceSignal] = []

    public init() {}

    /// Asks the loop to stop after the file at hand; `signal` is the signal that asked, if one did.
    public func request(signal: Int32? = nil) {
        lock.lock()
        requested = true
        signalNumber = signalNumber ?? signal
        lock.unlock()
        wakeUp.signal()
    }

    public var isRequested: Bool {
        lock.lock()
        defer { lock.unlock() }
        return requested
    }

    /// The first signal that asked to stop (SIGINT for Ctrl+C, SIGTERM), if one did.
    public var signal: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return signalNumber
    }

    /// The exit status of a command stopped by a signal: 128 + its number (130 for Ctrl+C, 143 for
    /// SIGTERM), as shells report it; nil when no signal asked.
    public var exitStatus: Int32? { signal.map { 128 + $0 } }

    /// From now on SIGINT and SIGTERM only ask to stop: the default handlers are set aside (so no
    /// system call of ours is interrupted) and each signal becomes a request, until `stopCatchingSignals`.
    public func catchSignals(_ numbers: [Int32] = [SIGINT, SIGTERM]) {
        for number in numbers {
            ignoreSignal(number)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.request(signal: number) }
            source.resume()
            lock.withLock { sources.append(source) }
        }
    }

    /// Stops turning signals into requests (they stay ignored until the process ends).
    public func stopCatchingSignals() {
        let catching = lock.withLock {
            defer { sources = [] }
            return sources
        }
        catching.forEach { $0.cancel() }
    }

    /// Sleeps up to `seconds`, or until a stop is requested.
    public func wait(seconds: Double) {
        guard !isRequested else { return }
        _ = wakeUp.wait(timeout: .now() + seconds)
    }
}

/// signal(2) with SIG_IGN, outside `StopRequest` (whose `signal` property would hide the function).
private func ignoreSignal(_ number: Int32) {
    signal(number, SIG_IGN)
}
