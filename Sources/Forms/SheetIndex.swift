import Core
import XLSX

/// What the extractor knows of labels, folded once: used to skip cells that cannot be labels.
struct LabelVocabulary: Sendable {
    /// Every label key either form knows: a cell printing one is a label, so a value scan stops
    /// at it, and such a key may stand before a colon with the value after it (`団体名：…`).
    var labelKeys: Set<LabelKey>
    /// The first character of every label key and viewpoint name.
    var firstScalars: ScalarSet
    /// Cell text already folded, shared by every sheet the extractor reads.
    var labelTexts = LabelTextCache()
}

/// One sheet's cells indexed by normalised label text, built once per sheet so that finding a
/// field is a dictionary look-up rather than a scan of the grid.
struct SheetIndex {
    let grid: SheetGrid
    /// Short text cells (labels are short) by `LabelText.keyWithoutParentheses`, in reading order,
    /// for the keys of the vocabulary.
    private var cellsByKey: [LabelKey: [CellReference]] = [:]
    /// The vocabulary's label keys: the keys `cellsByKey` indexes.
    private let labelKeys: Set<LabelKey>
    /// Short text cells whose key is none of the vocabulary's, with their keys: values, mostly.
    private var otherShortCells: [(cell: CellReference, key: LabelKey)] = []
    /// Short text cells whose key is one of the vocabulary's label keys.
    private(set) var labelCells: Set<CellReference> = []
    /// `label：value` in one cell, by the label's key: the cell and the text after the colon.
    private var inlineByKey: [LabelKey: [(cell: CellReference, value: String)]] = [:]
    /// Cells printing `label：value` (or `label　value`): labels too, so never another field's value.
    private(set) var inlineCells: Set<CellReference> = []
    /// Every text cell's normalised start (the first `prefixLength` characters), for viewpoint rows.
    private(set) var prefixes: [(cell: CellReference, text: LabelText)] = []
    /// The last row and column holding a value or a merge: the sheet's used area.
    private(set) var lastRow = 0
    private(set) var lastColumn = 0
    /// The cells and small merged ranges by position, when the used area is small enough.
    private var table: CellTable?
    /// Small merged ranges by cell when there is no `table`.
    private var mergeByCell: [CellReference: CellRange] = [:]
    private var largeMerges: [CellRange] = []

    /// Cells longer than this are free text, not labels.
    static let maxLabelLength = 60
    /// How much of a long cell is normalised to find a viewpoint name at its start.
    static let prefixLength = 40
    /// Merged ranges up to this many cells are indexed cell by cell; bigger ones are scanned.
    static let mergeIndexLimit = 400
    /// Cells indexed cell by cell over all merged ranges; past it ranges are scanned.
    static let mergeIndexBudget = 200_000
    /// Merged ranges taken into account, in the sheet's order. Real forms have tens; a hostile
    /// sheet with 100,000 overlapping ones would otherwise cost gigabytes and minutes.
    static let maxMerges = 1_000

    /// Indexes `grid`; `tableLimit` bounds the used area laid out as a `CellTable` (tests lower it
    /// to check the dictionary path gives the same answers).
    init(grid: SheetGrid, vocabulary: LabelVocabulary, tableLimit: Int = CellTable.maxCells) {
        self.grid = grid
        labelKeys = vocabulary.labelKeys
        var indexed = 0
        var smallMerges: [CellRange] = []
        for range in grid.merged.prefix(Self.maxMerges) {
            lastRow = max(lastRow, range.end.row)
            lastColumn = max(lastColumn, range.end.column)
            let rows = range.end.row - range.start.row + 1
            let columns = range.end.column - range.start.column + 1
            if rows * columns <= Self.mergeIndexLimit && indexed + rows * columns <= Self.mergeIndexBudget {
                indexed += rows * columns
                smallMerges.append(range)
            } else {
                largeMerges.append(range)
            }
        }
        for (ref, value) in grid.cells {
            if !value.isBlank {
                lastRow = max(lastRow, ref.row)
                lastColumn = max(lastColumn, ref.column)
            }
            guard case .text(let text) = value,
                  let first = text.unicodeScalars.first(where: { !LabelText.isLeadingNoise($0) }) else { continue }
            // Text starting with a character no label starts with (most values) is not folded at all.
            if first.value > 0x7F, UnicodeFolding.isLeftAloneByNFKC(first), !vocabulary.firstScalars.contains(first) { continue }
            let isShort = Self.isShort(text)
            let label = vocabulary.labelTexts.labelText(
                isShort ? text : String(String.UnicodeScalarView(text.unicodeScalars.prefix(Self.prefixLength))))
            prefixes.append((ref, label))
            if isShort {
                let key = LabelKey(label.keyWithoutParentheses)
                if vocabulary.labelKeys.contains(key) {
                    cellsByKey[key, default: []].append(ref)
                    labelCells.insert(ref)
                } else {
                    otherShortCells.append((ref, key))
                }
            }
            if label.key.utf8.contains(UInt8(ascii: ":")), let colon = label.key.firstIndex(of: ":") {
                let head = LabelKey(LabelText.removingParentheses(String(label.key[..<colon])))
                if vocabulary.labelKeys.contains(head), let value = Self.textAfterColon(text), !value.isEmpty {
                    inlineByKey[head, default: []].append((ref, value))
                    inlineCells.insert(ref)
                }
            } else if !labelCells.contains(ref), let (head, value) = Self.splitAtIdeographicSpace(text),
                      vocabulary.labelKeys.contains(head) {
                // `団体名　みどりの会`: a label, a full-width space, the value.
                inlineByKey[head, default: []].append((ref, value))
                inlineCells.insert(ref)
            }
        }
        for key in cellsByKey.keys { cellsByKey[key]!.sort() }
        for key in inlineByKey.keys { inlineByKey[key]!.sort { $0.cell < $1.cell } }
        prefixes.sort { $0.cell < $1.cell }
        indexMerges(smallMerges, tableLimit: tableLimit)
    }

    /// Lays out the cells and the small merged ranges (in the sheet's order, a later range over an
    /// earlier one) once the used area is known.
    private mutating func indexMerges(_ smallMerges: [CellRange], tableLimit: Int) {
        table = CellTable(grid: grid, lastRow: lastRow, lastColumn: lastColumn, smallMerges: smallMerges, maxCells: tableLimit)
        guard table == nil else { return }
        for range in smallMerges {
            for r in range.start.row...range.end.row {
                for c in range.start.column...range.end.column {
                    mergeByCell[CellReference(row: r, column: c)] = range
                }
            }
        }
    }

    /// The printed text after the first colon of either width, trimmed.
    static func textAfterColon(_ text: String) -> String? {
        guard let colon = text.firstIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
        return String(text[text.index(after: colon)...]).trimmedOfSpaces
    }

    /// `団体名　みどりの会` → (the key of 団体名, みどりの会): text before the first full-width space and
    /// the rest, trimmed; nil when there is no such space or nothing follows it.
    static func splitAtIdeographicSpace(_ text: String) -> (LabelKey, String)? {
        // U+3000 is E3 80 80 in UTF-8: most cells are ruled out without walking their characters.
        guard text.utf8.contains(0xE3), let space = text.unicodeScalars.firstIndex(of: "\u{3000}") else { return nil }
        let head = String(text.unicodeScalars[..<space]).trimmedOfSpaces
        let value = String(text.unicodeScalars[text.unicodeScalars.index(after: space)...]).trimmedOfSpaces
        guard !head.isEmpty, !value.isEmpty else { return nil }
        return (LabelKey(LabelText(head).keyWithoutParentheses), value)
    }

    /// Whether a cell's text is short enough to be a label: at most `maxLabelLength` scalars,
    /// counted only when its UTF-8 length (one to four bytes a scalar) leaves it open.
    static func isShort(_ text: String) -> Bool {
        let bytes = text.utf8.count
        if bytes <= maxLabelLength { return true }
        if bytes > 4 * maxLabelLength { return false }
        // Every scalar has exactly one byte that is not a continuation byte (10xxxxxx).
        let scalars = text.utf8.withContiguousStorageIfAvailable { utf8 in utf8.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } }
        return (scalars ?? text.unicodeScalars.count) <= maxLabelLength
    }

    /// Cells whose label key (without parentheses) is `key`, in reading order.
    func cells(forKey key: String) -> [CellReference] {
        let labelKey = LabelKey(key)
        if let cells = cellsByKey[labelKey] { return cells }
        // A key the forms do not know (no caller asks for one today): scanned, not indexed.
        guard !labelKeys.contains(labelKey) else { return [] }
        return otherShortCells.filter { $0.key == labelKey }.map(\.cell).sorted()
    }

    /// Cells printing `key：value`, in reading order, with the text after the colon.
    func inline(forKey key: String) -> [(cell: CellReference, value: String)] { inlineByKey[LabelKey(key)] ?? [] }

    /// Whether `ref` lies within the rows and columns that hold anything.
    func isInsideUsedArea(_ ref: CellReference) -> Bool { ref.row <= lastRow && ref.column <= lastColumn }

    /// The merged range covering `ref`, if any.
    func merged(containing ref: CellReference) -> CellRange? {
        if let table {
            // Every small merged range lies inside the table.
            if table.contains(ref), let range = table.smallMerge(at: ref) { return range }
        } else if let range = mergeByCell[ref] {
            return range
        }
        return largeMerges.first { $0.contains(ref) }
    }

    /// Whether any cell holds a formula never calculated: most sheets have none, and then no cell is
    /// hashed to ask.
    var hasUncalculatedFormulas: Bool { !grid.uncalculatedFormulas.isEmpty }

    /// Whether cells are looked up by position (the used area is small enough).
    var hasTable: Bool { table != nil }

    /// The value stored in `ref` itself (not through its merged range).
    func cell(_ ref: CellReference) -> CellValue {
        if let table, table.contains(ref) { return table.value(at: ref) }
        return grid[ref]
    }

    /// The range a cell occupies: its merged range, or the cell alone.
    func span(of ref: CellReference) -> CellRange {
        merged(containing: ref) ?? CellRange(start: ref, end: ref)
    }

    /// The cell that holds the value for `ref`: the top-left of its merged range.
    func anchor(of ref: CellReference) -> CellReference { merged(containing: ref)?.start ?? ref }

    /// The value held for `ref` (through its merged range's top-left cell).
    func value(at ref: CellReference) -> CellValue { cell(anchor(of: ref)) }

    /// The label as printed: trimmed, line breaks and runs of spaces collapsed to one space.
    func printedText(at ref: CellReference) -> String {
        let text = ValueReader.displayText(cell(ref))
        // Text without any whitespace (most labels) is printed as it is.
        if !text.unicodeScalars.contains(where: LabelText.isWhitespace) { return text }
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if LabelText.isWhitespace(scalar) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" ") }
            pendingSpace = false
            out.append(scalar)
        }
        return String(out)
    }
}
