import Core
import XLSX

/// The fiscal year and phase printed in a form's title rows (`令和6年度 協働事業ふりかえりシート（最終）`),
/// for forms that have no 実施年度 or ふりかえりの時期 field.
struct TitleFacts {
    var fiscalYear: (year: Int, cell: CellReference, text: String)?
    var phase: (phase: String, cell: CellReference, text: String)?

    /// Reads the text cells above `row`. A fact printed twice with different values is not taken.
    init(index: SheetIndex, above row: Int) {
        var years: [(Int, CellReference, String)] = []
        var phases: [(String, CellReference, String)] = []
        Self.forEachCell(above: row, in: index) { cell, value in
            // Titles are short; long free text below a title is no title.
            guard case .text(let text) = value, text.utf8.count < 400 else { return }
            for year in FiscalYearText.years(in: text) { years.append((year, cell, text)) }
            if let phase = Self.phase(in: text) { phases.append((phase, cell, text)) }
        }
        if years.count > 1 { years.sort { $0.1 < $1.1 } }
        if phases.count > 1 { phases.sort { $0.1 < $1.1 } }
        if let first = years.first, years.allSatisfy({ $0.0 == first.0 }) { fiscalYear = first }
        if let first = phases.first, phases.allSatisfy({ $0.0 == first.0 }) { phase = first }
    }

    /// The cells of the rows above `row`: by position when the sheet is laid out as a table (a few
    /// rows of a form), else from the sheet's cells.
    static func forEachCell(above row: Int, in index: SheetIndex, _ body: (CellReference, CellValue) -> Void) {
        guard index.hasTable, row * (index.lastColumn + 1) <= CellTable.maxCells else {
            for (ref, value) in index.grid.cells where ref.row < row { body(ref, value) }
            return
        }
        for r in 0..<row {
            for c in 0...index.lastColumn {
                let ref = CellReference(row: r, column: c)
                let value = index.cell(ref)
                if !value.isBlank { body(ref, value) }
            }
        }
    }

    /// `（中間）`, `(最終)`, `【中間】`, `[最終]`, `「最終」`: the phase in brackets.
    static func phase(in text: String) -> String? {
        let phases = ["中間", "最終"].filter { UnicodeFolding.containsBytes(text, $0) }
        guard !phases.isEmpty else { return nil }
        let folded = text.foldedForComparison
        var found: Set<String> = []
        for phase in phases {
            for (open, close) in [("(", ")"), ("【", "】"), ("[", "]"), ("「", "」")]
            where UnicodeFolding.containsBytes(folded, open + phase + close)
                || UnicodeFolding.containsBytes(folded, open + phase + "報告" + close) {
                found.insert(phase)
            }
        }
        return found.count == 1 ? found.first : nil
    }
}

