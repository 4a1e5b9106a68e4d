import Dispatch

/// Runs independent jobs across the cores and returns their results in order.
enum Parallel {
    /// `jobs.map { $0() }`, run concurrently. Each job writes only its own slot, so no lock is needed.
    static func map<T>(_ jobs: [() -> T]) -> [T] {
        guard jobs.count > 1 else { return jobs.map { $0() } }
        let slots = UnsafeMutableBufferPointer<T?>.allocate(capacity: jobs.count)
        slots.initialize(repeating: nil)
        defer {
            slots.deinitialize()
            slots.deallocate()
        }
        let shared = SlotBuffer(buffer: slots)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            shared.buffer[index] = jobs[index]()
        }
        return slots.map { $0! }
    }
}

/// A buffer shared by `concurrentPerform` iterations that each write a different index.
private struct SlotBuffer<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T?>
}
