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
        for (cell, value) in index.grid.cells where cell.row < row {
            guard case .text(let text) = value, SheetIndex.isShort(text) || text.utf8.count < 400 else { continue }
            for year in FiscalYearText.years(in: text) { years.append((year, cell, text)) }
            if let phase = Self.phase(in: text) { phases.append((phase, cell, text)) }
        }
        years.sort { $0.1 < $1.1 }
        phases.sort { $0.1 < $1.1 }
        if let first = years.first, years.allSatisfy({ $0.0 == first.0 }) { fiscalYear = first }
        if let first = phases.first, phases.allSatisfy({ $0.0 == first.0 }) { phase = first }
    }

    /// `（中間）`, `(最終)`, `【中間】`, `[最終]`, `「最終」`: the phase in brackets.
    static func phase(in text: String) -> String? {
        let folded = text.foldedForComparison
        var found: Set<String> = []
        for phase in ["中間", "最終"] {
            for (open, close) in [("(", ")"), ("【", "】"), ("[", "]"), ("「", "」")]
            where folded.contains(open + phase + close) || folded.contains(open + phase + "報告" + close) {
                found.insert(phase)
            }
        }
        return found.count == 1 ? found.first : nil
    }
}

