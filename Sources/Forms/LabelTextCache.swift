import Foundation
import Synchronization

/// Folded label text remembered across sheets, so that the labels every form prints are folded
/// once per run rather than once per file.
///
/// `LabelText.init` is a pure function of its input, so a remembered result is the same as a new
/// one. Shared by the worker threads of a batch behind a lock; it stops growing at `capacity`
/// entries (values that are not labels are folded too, and a batch has many), so memory stays
/// bounded whatever the sheets hold.
final class LabelTextCache: Sendable {
    private let folded = Mutex<[LabelKey: LabelText]>([:])
    let capacity: Int

    init(capacity: Int = 20_000) { self.capacity = capacity }

    /// `LabelText(text)`, remembered.
    func labelText(_ text: String) -> LabelText {
        let key = LabelKey(text)
        if let known = folded.withLock({ $0[key] }) { return known }
        let label = LabelText(text)
        folded.withLock { if $0.count < capacity { $0[key] = label } }
        return label
    }

    /// How many texts are remembered.
    var count: Int { folded.withLock { $0.count } }
}
