import XLSX

/// Scores marked with ○ in a grid: columns headed `5 4 3 2 1` (or `1 … 5`, or `5：そう思う` …) beside
/// the viewpoint names, one mark per viewpoint row.
struct MarkGrid {
    /// Each column's score and the range its header occupies (a merged block on 方眼紙), left to right.
    var columns: [(score: Int, span: CellRange)]
    /// The header row.
    var headerRow: Int

    var firstColumn: Int { columns.first?.span.start.column ?? 0 }
    var lastColumn: Int { columns.last?.span.end.column ?? 0 }
    var headerCells: [CellReference] { columns.map(\.span.start) }

    /// Marks that choose a column: ○ and its look-alikes, a filled circle, ticks, the katakana レ
    /// used as a tick, and the number 1.
    static func isMark(_ value: CellValue) -> Bool {
        switch value {
        case .number(let d): return d == 1
        case .text(let text):
            let t = text.trimmedOfSpaces
            switch t {
            case "○", "◯", "〇", "●", "✓", "✔", "レ", "1", "１", "◎", "☑", "✅": return true
            default: return false
            }
        default: return false
        }
    }

    /// What staff put in the columns not chosen, which says nothing: a cross or a dash.
    static func isNonMark(_ value: CellValue) -> Bool {
        guard case .text(let text) = value else { return value.isBlank }
        switch text.trimmedOfSpaces {
        case "", "×", "✕", "✗", "-", "－", "ー", "・", "―": return true
        default: return false
        }
    }

    /// The grids in the header rows above the first viewpoint, right of the viewpoint names: runs of
    /// adjacent blocks whose headers read 5,4,3,2,1 or 1,2,3,4,5. Nearest row first.
    static func find(in index: SheetIndex, rows: ClosedRange<Int>, rightOf column: Int) -> [MarkGrid] {
        for row in rows.reversed() where row >= 0 {
            // The row's blocks left to right (a merged block once), with the score each header reads as.
            var blocks: [(score: Int?, span: CellRange)] = []
            var position = column + 1
            while position <= index.lastColumn, blocks.count < Self.maxHeaderBlocks {
                let span = index.span(of: CellReference(row: row, column: position))
                blocks.append((headerScore(index.cell(span.start)), span))
                position = span.end.column + 1
            }
            var grids: [MarkGrid] = []
            var start = 0
            while start + 5 <= blocks.count {
                let scores = blocks[start..<start + 5].compactMap(\.score)
                if scores == [5, 4, 3, 2, 1] || scores == [1, 2, 3, 4, 5] {
                    grids.append(MarkGrid(columns: blocks[start..<start + 5].map { ($0.score!, $0.span) }, headerRow: row))
                    start += 5
                } else {
                    start += 1
                }
            }
            if !grids.isEmpty { return grids }
        }
        return []
    }

    /// Header blocks looked at in one row: a form has tens of columns.
    static let maxHeaderBlocks = 256

    /// A grid header's score: `5`, `５`, `5：そう思う`, `5 良い`.
    static func headerScore(_ value: CellValue) -> Int? {
        switch value {
        case .number(let d): return d == d.rounded() && (1...5).contains(d) ? Int(d) : nil
        case .text(let text):
            // A header starts with its digit, ASCII or full-width: most header texts do not.
            guard let first = text.unicodeScalars.first(where: { !LabelText.isWhitespace($0) }),
                  ("1"..."5").contains(first) || (0xFF11...0xFF15).contains(first.value) else { return nil }
            let folded = text.foldedForComparison
            if folded.count == 1, let n = Int(folded), (1...5).contains(n) { return n }
            return ValueReader.scoreWithWords(folded)
        default: return nil
        }
    }

    /// Reads one viewpoint's mark across the grid, on every row its name spans.
    func reading(key: String, label: String, labelCell: CellReference, rows: ClosedRange<Int>,
                 index: SheetIndex) -> FieldReading {
        var marked: [(cell: CellReference, score: Int, raw: CellValue)] = []
        var other: (cell: CellReference, raw: CellValue)?
        var firstCell: CellReference?
        for row in rows {
            for column in columns {
                let cell = index.anchor(of: CellReference(row: row, column: column.span.start.column))
                if firstCell == nil { firstCell = cell }
                let raw = index.cell(cell)
                if Self.isMark(raw) {
                    if !marked.contains(where: { $0.cell == cell }) { marked.append((cell, column.score, raw)) }
                } else if !Self.isNonMark(raw), other == nil {
                    other = (cell, raw)
                }
            }
        }
        let first = firstCell ?? labelCell
        if let other {
            // Something that is not a mark in a mark column: not a reading anyone can agree with.
            let shown = ValueReader.displayText(other.raw).trimmedOfSpaces
            return FieldReading(key: key, label: label, labelCell: labelCell, cell: other.cell, raw: other.raw,
                                value: .unreadable(shown), doubt: .notAMark(shown))
        }
        switch marked.count {
        case 0:
            return FieldReading(key: key, label: label, labelCell: labelCell, cell: first, raw: .empty, value: .blank)
        case 1:
            return FieldReading(key: key, label: label, labelCell: labelCell, cell: marked[0].cell, raw: marked[0].raw,
                                value: .integer(marked[0].score))
        default:
            let cells = marked.map(\.cell).sorted()
            return FieldReading(key: key, label: label, labelCell: labelCell, cell: cells[0], raw: .empty,
                                value: .blank, doubt: .severalMarks(cells))
        }
    }
}
