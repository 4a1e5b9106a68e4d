/// Every value on one worksheet, with its merged ranges: what form extraction works on.
/// Empty cells are left out.
public struct SheetGrid: Hashable, Sendable {
    public var name: String
    public var cells: [CellReference: CellValue]
    public var merged: [CellRange]
    /// Cells holding a formula whose result was never stored (left out of `cells`).
    public var uncalculatedFormulas: Set<CellReference>
    /// In-cell dropdown lists, with the items of lists drawn from this sheet filled in.
    public var listValidations: [ListValidation]

    public init(name: String, cells: [CellReference: CellValue] = [:], merged: [CellRange] = [],
                uncalculatedFormulas: Set<CellReference> = [], listValidations: [ListValidation] = []) {
        self.name = name
        self.cells = cells
        self.merged = merged
        self.uncalculatedFormulas = uncalculatedFormulas
        self.listValidations = listValidations
    }

    /// The items of the dropdown lists covering `ref`.
    public func listItems(at ref: CellReference) -> [String] {
        listValidations.filter { $0.covers(ref) }.flatMap(\.items)
    }

    public subscript(_ ref: CellReference) -> CellValue { cells[ref] ?? .empty }

    /// The merged range that covers `ref`, if any.
    public func mergedRange(containing ref: CellReference) -> CellRange? {
        merged.first { $0.contains(ref) }
    }
}
