import CSystem
import Foundation

/// Memory shared by the files one process reads at once, so that a batch of hostile files stays
/// within a fixed size whatever the number of workers.
///
/// What a file holds while it is read (its cells, shared strings and file bytes; see
/// `ReadBudget.spendHeld`) is charged here in 1 MiB steps. A file never waits while it holds
/// memory: when a step cannot be granted, its reading stops with `XLSXError.memoryBusy`, everything
/// it held is given back, and `reading(limits:_:)` reads it again alone, once the file's whole limit
/// (`ReaderLimits.maxHeldBytes`) can be reserved. A file's result therefore depends only on its own
/// limits, never on what else is in the batch; only when it is read changes.
///
/// Unchecked Sendable, and safe: `capacity` is a `let`, and the two `var`s (`used`,
/// `exclusiveWaiters`) are read and written only while `condition` is locked.
public final class MemoryBudget: @unchecked Sendable {
    /// Bytes all files together may hold.
    public let capacity: Int
    private var used = 0
    private var exclusiveWaiters = 0
    private let condition = NSCondition()

    /// Steps in which held memory is charged, so that the lock is taken once per MiB, not per cell.
    static let step = 1 << 20

    /// 160 MiB: with the process's own 20–30 MiB and each worker's buffers, a batch stays under 256 MiB.
    public static let defaultCapacity = 160 << 20

    public init(capacity: Int = MemoryBudget.defaultCapacity) {
        self.capacity = capacity
    }

    /// Reads with `body`, first sharing the budget with other files, then, if the budget ran short
    /// while reading, again with the file's whole limit reserved. Any other error is `body`'s.
    public func reading<T>(limits: ReaderLimits, _ body: (MemoryShare) throws -> T) throws -> T {
        do {
            return try body(.shared(self, holding: 0))
        } catch XLSXError.memoryBusy {
            let reserved = min(limits.maxHeldBytes, capacity)
            reserve(reserved)
            defer { release(reserved) }
            return try body(.reserved)
        }
    }

    /// Takes `bytes` for a file. A file holding nothing yet may wait for room (it blocks nobody);
    /// one holding memory must not (`waiting` false): then false when there is no room.
    func take(_ bytes: Int, waiting: Bool) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        if waiting {
            while exclusiveWaiters > 0 || used + bytes > capacity {
                condition.wait()
            }
        } else if exclusiveWaiters > 0 || used + bytes > capacity {
            return false
        }
        used += bytes
        return true
    }

    /// Takes room for reading the file at `path` whole into memory, waiting for it: the file's size
    /// (plus one byte, which lets one read see the end) in whole steps; 0 when the file is larger than
    /// `maxBytes` or cannot be looked at (it is then read from disk as it goes). The caller holds
    /// nothing yet, and gives the bytes back with `release` once the file has been read.
    public func takeForReadingWhole(path: String, maxBytes: Int) -> Int {
        var info = stat()
        guard stat(path, &info) == 0, Int(info.st_size) <= maxBytes else { return 0 }
        let bytes = Self.wholeSteps(Int(info.st_size) + 1)
        _ = take(bytes, waiting: true)
        return bytes
    }

    static func wholeSteps(_ bytes: Int) -> Int {
        (bytes + step - 1) / step * step
    }

    /// Waits until `bytes` are free and no file is ahead, then takes them.
    func reserve(_ bytes: Int) {
        condition.lock()
        defer { condition.unlock() }
        exclusiveWaiters += 1
        while used + bytes > capacity {
            condition.wait()
        }
        exclusiveWaiters -= 1
        used += bytes
        condition.broadcast()
    }

    /// Gives back what a file held.
    public func release(_ bytes: Int) {
        guard bytes > 0 else { return }
        condition.lock()
        used -= bytes
        condition.broadcast()
        condition.unlock()
    }

    /// Bytes held by all files now (for tests).
    public var bytesInUse: Int {
        condition.lock()
        defer { condition.unlock() }
        return used
    }
}

/// How one file's reading draws on memory.
public enum MemoryShare: Sendable {
    /// Only the file's own limit (`ReaderLimits.maxHeldBytes`); for one file read on its own.
    case unshared
    /// From a budget shared with other files, in steps, by a file that already holds `holding` bytes
    /// of it (its bytes read into memory, say); stops with `XLSXError.memoryBusy` when the budget is short.
    case shared(MemoryBudget, holding: Int)
    /// The file's whole limit was reserved beforehand (see `MemoryBudget.reading(limits:_:)`).
    case reserved
}

/// Gives the heap's free pages back to the system after a file that held a lot, so that workers
/// that each read one large file in turn do not each keep its high-water mark.
func returnFreedHeapToSystem() {
    #if canImport(Glibc)
    _ = malloc_trim(0)
    #endif
}
