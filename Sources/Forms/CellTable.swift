import XLSX

/// A sheet's cells and small merged ranges laid out by position over its used area.
///
/// Finding a field's value probes cells one by one (a cell's value, the merged range it belongs
/// to); with the cells in an array those look-ups index it instead of hashing a `CellReference`
/// into a dictionary each time. Only for used areas up to `maxCells`, so memory stays small.
struct CellTable {
    let rows: Int
    let columns: Int
    private var values: [CellValue]
    /// For each position, 1 + the index in `merges` of the last small merged range over it; 0 for none.
    private var mergeSlots: [Int32]
    private let merges: [CellRange]

    /// Positions a table may hold: forms use a few hundred.
    static let maxCells = 20_000

    /// The table of `grid` over rows `0...lastRow` and columns `0...lastColumn`, with
    /// `smallMerges` (all inside that area) laid out in order, a later range over an earlier one;
    /// nil when the area is larger than `maxCells`.
    init?(grid: SheetGrid, lastRow: Int, lastColumn: Int, smallMerges: [CellRange], maxCells: Int = Self.maxCells) {
        let rows = lastRow + 1, columns = lastColumn + 1
        guard rows > 0, columns > 0, rows <= maxCells, columns <= maxCells, rows * columns <= maxCells else { return nil }
        self.rows = rows
        self.columns = columns
        values = Array(repeating: .empty, count: rows * columns)
        mergeSlots = Array(repeating: 0, count: rows * columns)
        merges = smallMerges
        for (ref, value) in grid.cells where ref.row < rows && ref.column < columns && ref.row >= 0 && ref.column >= 0 {
            values[ref.row * columns + ref.column] = value
        }
        for (index, range) in smallMerges.enumerated() {
            for row in range.start.row...range.end.row {
                for column in range.start.column...range.end.column {
                    mergeSlots[row * columns + column] = Int32(index + 1)
                }
            }
        }
    }

    /// Whether `ref` lies inside the table.
    @inline(__always)
    func contains(_ ref: CellReference) -> Bool {
        ref.row >= 0 && ref.column >= 0 && ref.row < rows && ref.column < columns
    }

    /// The value stored at `ref`, which must lie inside the table (`.empty` when none is).
    @inline(__always)
    func value(at ref: CellReference) -> CellValue { values[ref.row * columns + ref.column] }

    /// The small merged range over `ref`, which must lie inside the table.
    @inline(__always)
    func smallMerge(at ref: CellReference) -> CellRange? {
        let slot = Int(mergeSlots[ref.row * columns + ref.column])
        return slot == 0 ? nil : merges[slot - 1]
    }
}
