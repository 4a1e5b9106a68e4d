/// Bounds that keep a hostile or absurd file from exhausting memory or time. Checked while
/// inflating, by counting the bytes actually produced (zip headers are not trusted).
public struct ReaderLimits: Hashable, Sendable {
    /// Bytes inflated from the whole archive, all parts together.
    public var maxTotalInflatedBytes: Int
    /// Largest inflated-to-compressed ratio allowed for one entry once it passes `ratioGraceBytes`.
    public var maxCompressionRatio: Int
    /// Inflated size of an entry below which the ratio is not checked (small parts compress well).
    public var ratioGraceBytes: Int
    /// Entries in the zip archive.
    public var maxEntries: Int
    /// Cells read from the workbook, all sheets together.
    public var maxCells: Int
    /// Bytes of text held for the shared-string table.
    public var maxSharedStringBytes: Int
    /// Bytes of one cell's value or inline text (Excel itself stops at 32,767 characters).
    public var maxCellBytes: Int
    /// Cells (and merged ranges) of an OpenDocument spreadsheet that exist only as copies of a
    /// written one (`table:number-rows-repeated`, `table:number-columns-repeated`), all sheets
    /// together; they count as cells too. A few bytes can repeat a value billions of times, so
    /// this bounds memory and time far below `maxCells`. LibreOffice repeats a value only over
    /// identical neighbours, and a form holds a few thousand cells.
    public var maxRepeatedCells: Int
    /// Bytes of memory a file may hold at once while it is read: the cells of the sheet being read
    /// and the shared strings, as estimated by `ReadBudget.spendHeld` (a form holds well under 1 MiB).
    /// What bounds memory per file, whatever the cell and string limits allow.
    public var maxHeldBytes: Int

    public init(maxTotalInflatedBytes: Int = 1 << 30, maxCompressionRatio: Int = 100,
                ratioGraceBytes: Int = 10 << 20, maxEntries: Int = 10_000,
                maxCells: Int = 5_000_000, maxSharedStringBytes: Int = 256 << 20,
                maxCellBytes: Int = 4 << 20, maxRepeatedCells: Int = 100_000,
                maxHeldBytes: Int = 64 << 20) {
        self.maxTotalInflatedBytes = maxTotalInflatedBytes
        self.maxCompressionRatio = maxCompressionRatio
        self.ratioGraceBytes = ratioGraceBytes
        self.maxEntries = maxEntries
        self.maxCells = maxCells
        self.maxSharedStringBytes = maxSharedStringBytes
        self.maxCellBytes = maxCellBytes
        self.maxRepeatedCells = maxRepeatedCells
        self.maxHeldBytes = maxHeldBytes
    }

    /// 1 GiB inflated in total, 100:1 above 10 MiB, 10,000 entries, 5 million cells, 256 MiB of
    /// shared strings, 4 MiB in one cell, 100,000 repeated cells, 64 MiB held at once.
    public static let `default` = ReaderLimits()
}

/// Which of the `ReaderLimits` a file went over.
public enum ReaderLimitKind: String, Hashable, Sendable {
    case totalInflatedBytes, compressionRatio, entryCount, cellCount, sharedStringBytes, cellBytes, heldBytes

    /// The limit's name in Japanese, for messages.
    public var japaneseName: String {
        switch self {
        case .totalInflatedBytes: return "展開後の合計サイズ"
        case .compressionRatio: return "圧縮率"
        case .entryCount: return "zip 内のファイル数"
        case .cellCount: return "セル数"
        case .sharedStringBytes: return "共有文字列の合計サイズ"
        case .cellBytes: return "1セルの文字数"
        case .heldBytes: return "読み取りに要するメモリ"
        }
    }

    /// The limit's name in English, for messages.
    public var englishName: String {
        switch self {
        case .totalInflatedBytes: return "total inflated size"
        case .compressionRatio: return "compression ratio"
        case .entryCount: return "number of zip entries"
        case .cellCount: return "number of cells"
        case .sharedStringBytes: return "shared-string size"
        case .cellBytes: return "size of one cell"
        case .heldBytes: return "memory needed to read it"
        }
    }
}

/// What has been spent against the limits so far, shared by every part read from one archive.
final class ReadBudget {
    let limits: ReaderLimits
    private(set) var inflatedBytes = 0
    private(set) var cells = 0
    private(set) var repeatedCells = 0
    /// Estimated bytes held now (see `spendHeld`), the most held at once, and what of the shared
    /// budget this file has taken (whole steps, at least `heldBytes`).
    private(set) var heldBytes = 0
    private var peakHeldBytes = 0
    private var chargedBytes = 0
    private let memory: MemoryShare

    init(limits: ReaderLimits, memory: MemoryShare = .unshared) {
        self.limits = limits
        self.memory = memory
    }

    deinit {
        if case .shared(let budget, _) = memory { budget.release(chargedBytes) }
        if peakHeldBytes >= Self.trimAfterBytes { returnFreedHeapToSystem() }
    }

    /// A file that held this much gives the heap's free pages back when it is closed.
    static let trimAfterBytes = 16 << 20

    /// Estimated bytes one stored cell takes, with what form extraction builds beside it (measured
    /// on release builds: about 190 bytes a cell for a sheet of numbers).
    static let bytesPerCell = 192
    /// Estimated bytes one text cell takes besides its text, which form extraction folds into copies
    /// of its own (measured: about 500 bytes a cell with its shared string, for 37-byte texts).
    static let bytesPerTextCell = 384
    /// Estimated bytes one string takes besides its UTF-8 bytes (its allocation and array slot).
    static let bytesPerString = 64

    /// Counts `bytes` more memory held while the file is read; over `maxHeldBytes` the file is refused
    /// (the same for every batch), and in a shared budget that is short the reading stops with
    /// `memoryBusy`, to be read again alone.
    func spendHeld(_ bytes: Int) throws {
        heldBytes += bytes
        if heldBytes > peakHeldBytes { peakHeldBytes = heldBytes }
        if heldBytes > limits.maxHeldBytes {
            throw XLSXError.limitExceeded(limit: .heldBytes, detail: "> \(limits.maxHeldBytes >> 20) MiB")
        }
        guard heldBytes > chargedBytes, case .shared(let budget, let holding) = memory else { return }
        let needed = MemoryBudget.wholeSteps(heldBytes - chargedBytes)
        guard budget.take(needed, waiting: chargedBytes + holding == 0) else { throw XLSXError.memoryBusy }
        chargedBytes += needed
    }

    /// Counts `bytes` as no longer held (a sheet's cells once the next sheet is read); what was taken
    /// from a shared budget is kept for the file's later sheets and given back when it is closed.
    func releaseHeld(_ bytes: Int) {
        heldBytes -= min(bytes, heldBytes)
    }

    /// Counts `count` more inflated bytes of an entry whose compressed size is `compressedSize`
    /// and which has produced `entryBytes` so far (this chunk included).
    func spendInflated(_ count: Int, entryBytes: Int, compressedSize: Int, part: String) throws {
        inflatedBytes += count
        if inflatedBytes > limits.maxTotalInflatedBytes {
            throw XLSXError.limitExceeded(limit: .totalInflatedBytes,
                                          detail: "\(inflatedBytes) > \(limits.maxTotalInflatedBytes) bytes")
        }
        if entryBytes > limits.ratioGraceBytes,
           entryBytes / max(compressedSize, 1) > limits.maxCompressionRatio {
            throw XLSXError.limitExceeded(limit: .compressionRatio,
                                          detail: "\(part): \(entryBytes)/\(compressedSize) > \(limits.maxCompressionRatio):1")
        }
    }

    /// Counts one more cell.
    @inline(__always)
    func spendCell() throws {
        cells += 1
        if cells > limits.maxCells {
            throw XLSXError.limitExceeded(limit: .cellCount, detail: "> \(limits.maxCells) cells")
        }
    }

    /// Counts one more cell (or merged range) that is a repeat of a written one.
    @inline(__always)
    func spendRepeatedCell() throws {
        try spendCell()
        repeatedCells += 1
        if repeatedCells > limits.maxRepeatedCells {
            throw XLSXError.limitExceeded(limit: .cellCount, detail: "> \(limits.maxRepeatedCells) repeated cells")
        }
    }
}
