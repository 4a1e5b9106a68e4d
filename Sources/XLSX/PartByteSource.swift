/// Where a part's bytes come from, chunk by chunk: a zip entry being inflated, or (for the fuzz
/// targets) bytes already in memory.
protocol PartByteSource: AnyObject {
    /// The part's name, for error messages.
    var partName: String { get }
    /// The archive the part comes from (it lends parsers from part to part); nil for bytes in memory.
    var archive: ZipArchive? { get }
    /// Copies up to `buffer.count` more bytes into `buffer`; 0 at the end of the part.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
    /// Reads the rest of the part, throwing if its data turns out to be damaged (or over a limit).
    func drain() throws
}

/// A part held in memory, counted against the budget as if inflated (so limits still apply).
final class MemoryPart: PartByteSource {
    let partName: String
    var archive: ZipArchive? { nil }
    private let bytes: [UInt8]
    private let budget: ReadBudget
    private var offset = 0

    init(partName: String, bytes: [UInt8], budget: ReadBudget) {
        self.partName = partName
        self.bytes = bytes
        self.budget = budget
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: count) }
        offset += count
        try budget.spendInflated(count, entryBytes: offset, compressedSize: bytes.count, part: partName)
        return count
    }

    /// Bytes in memory cannot be damaged further: nothing to find by reading on.
    func drain() throws {}
}
