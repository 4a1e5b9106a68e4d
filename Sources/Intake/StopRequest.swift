import Dispatch
import Foundation
import Settings

/// A stop request raised from a signal handler and read by a loop; the loop's sleep ends early.
public final class StopRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var requested = false
    private let wakeUp = DispatchSemaphore(value: 0)

    public init() {}

    /// Asks the loop to stop after the file at hand.
    public func request() {
        lock.lock()
        requested = true
        lock.unlock()
        wakeUp.signal()
    }

    public var isRequested: Bool {
        lock.lock()
        defer { lock.unlock() }
        return requested
    }

    /// Sleeps up to `seconds`, or until a stop is requested.
    public func wait(seconds: Double) {
        guard !isRequested else { return }
        _ = wakeUp.wait(timeout: .now() + seconds)
    }
}
