import Foundation

/// Folded label text remembered across sheets, so that the labels every form prints are folded
/// once per run rather than once per file.
///
/// `LabelText.init` is a pure function of its input, so a remembered result is the same as a new
/// one. Shared by the worker threads of a batch behind a lock; it stops growing at `capacity`
/// entries (values that are not labels are folded too, and a batch has many), so memory stays
/// bounded whatever the sheets hold.
final class LabelTextCache: @unchecked Sendable {
    private var folded: [LabelKey: LabelText] = [:]
    private let lock = NSLock()
    let capacity: Int

    init(capacity: Int = 20_000) { self.capacity = capacity }

    /// `LabelText(text)`, remembered.
    func labelText(_ text: String) -> LabelText {
        let key = LabelKey(text)
        lock.lock()
        let known = folded[key]
        lock.unlock()
        if let known { return known }
        let label = LabelText(text)
        lock.lock()
        if folded.count < capacity { folded[key] = label }
        lock.unlock()
        return label
    }

    /// How many texts are remembered.
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return folded.count
    }
}
