import Dispatch

/// Runs independent jobs across the cores and returns their results in order.
public enum Parallel {
    /// `jobs.map { $0() }`, run concurrently.
    public static func map<T>(_ jobs: [() -> T]) -> [T] {
        map(count: jobs.count) { jobs[$0]() }
    }

    /// `(0..<count).map(body)`, run concurrently. Each iteration writes only its own slot, so no
    /// lock is needed.
    public static func map<T>(count: Int, _ body: (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(body) }
        let slots = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
        defer {
            slots.deinitialize()
            slots.deallocate()
        }
        let shared = SlotBuffer(buffer: slots)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            shared.buffer[index] = body(index)
        }
        return slots.map { $0! }
    }
}

/// A buffer shared by `concurrentPerform` iterations that each write a different index.
private struct SlotBuffer<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T?>
}
