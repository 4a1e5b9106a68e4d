import Dispatch
import Foundation
import Synchronization

/// Runs independent jobs across the cores and returns their results in order.
public enum Parallel {
    /// `jobs.map { $0() }`, run concurrently.
    public static func map<T: Sendable>(_ jobs: [@Sendable () -> T]) -> [T] {
        map(count: jobs.count) { jobs[$0]() }
    }

    /// `(0..<count).map(body)` on `workers` threads of its own (one per core when nil), which take
    /// the next index as they finish one: for a number of workers other than the cores.
    public static func map<T: Sendable>(count: Int, workers: Int?, _ body: @Sendable (Int) -> T) -> [T] {
        guard let workers, workers > 0, count > 1 else { return map(count: count, body) }
        return collect(count: count) { shared in
            let next = IndexDispenser(count: count)
            let finished = DispatchGroup()
            withoutActuallyEscaping(body) { body in
                // The threads hold the job, not the closure, which is dropped before it stops being valid
                // (a thread may still be ending after it has left the group).
                let job = UncheckedJob(body: body)
                for _ in 0..<min(workers, count) {
                    finished.enter()
                    let thread = Thread {
                        while let index = next.take() { shared.buffer[index] = job.body!(index) }
                        finished.leave()
                    }
                    thread.stackSize = 8 << 20
                    thread.start()
                }
                finished.wait()
                job.body = nil
            }
        }
    }

    /// `(0..<count).map(body)`, run concurrently. Each iteration writes only its own slot, so no
    /// lock is needed.
    public static func map<T: Sendable>(count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(body) }
        return collect(count: count) { shared in
            DispatchQueue.concurrentPerform(iterations: count) { index in
                shared.buffer[index] = body(index)
            }
        }
    }

    /// One slot per index, given to `fill`, which must write every slot exactly once (from any
    /// thread); then the slots' values in order.
    private static func collect<T: Sendable>(count: Int, _ fill: (SlotBuffer<T>) -> Void) -> [T] {
        let slots = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
        defer {
            slots.deinitialize()
            slots.deallocate()
        }
        fill(SlotBuffer(buffer: slots))
        return slots.map { $0! }
    }
}

/// Hands out the indices 0..<count once each, to whichever worker asks next.
private final class IndexDispenser: Sendable {
    private let next = Mutex(0)
    private let count: Int

    init(count: Int) { self.count = count }

    func take() -> Int? {
        next.withLock { next in
            guard next < count else { return nil }
            next += 1
            return next - 1
        }
    }
}

/// The job of `map(count:workers:_:)`'s threads. Unchecked because `body` is a `var`: it is set
/// before the threads start and cleared after they have all left the group, so no thread reads it
/// while it is written, and the closure itself is `@Sendable`.
private final class UncheckedJob<T>: @unchecked Sendable {
    var body: (@Sendable (Int) -> T)?

    init(body: @escaping @Sendable (Int) -> T) { self.body = body }
}

/// A buffer shared by the iterations of one `map`. Unchecked because it is a pointer: each index is
/// written by exactly one iteration (`concurrentPerform` hands out each index once; the threads of
/// `map(count:workers:)` take each from `IndexDispenser` once), nothing reads a slot until every
/// iteration has finished (`concurrentPerform` returns, or the group is waited for), and `collect`
/// frees the buffer only after that.
private struct SlotBuffer<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T?>
}
