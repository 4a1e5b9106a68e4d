import Foundation
import XLSXWriting

/// Plain tables written as one workbook, one sheet per table (named by the table's `fileName`):
/// a bold header row, frozen and filtered, text as text (never a formula) and numbers as numbers.
/// `furikaeri export` writes the ledger's lists with it.
public enum TableWorkbook {
    /// Writes `tables` to `path` (a new file; the caller renames it into place).
    public static func write(_ tables: [CSVTable], to path: String, title: String, created: Date) throws {
        let workbook = try ReportWorkbook(path: path, title: title, created: created)
        for table in tables {
            let sheet = workbook.addSheet(table.fileName)
            // Widths from the header and the first rows: a Japanese character counts about 2.
            let widths = table.header.indices.map { column -> Double in
                let sample = [table.header[column]] + table.rows.prefix(200).compactMap { row -> String? in
                    guard column < row.count else { return nil }
                    switch row[column] { case .text(let s, _): return s; case .number(let s): return s }
                }
                let longest = sample.map { text in text.unicodeScalars.reduce(0) { $0 + ($1.value < 0x2E80 ? 1 : 2) } }.max() ?? 8
                return Double(min(60, max(8, longest + 2)))
            }
            sheet.widths(widths)
            sheet.headerRow(0, table.header)
            for (offset, row) in table.rows.enumerated() {
                for (column, field) in row.enumerated() {
                    switch field {
                    case .text(let s, _): sheet.text(offset + 1, column, s)
                    case .number(let s):
                        if let value = Double(s) { sheet.number(offset + 1, column, value) } else { sheet.text(offset + 1, column, s) }
                    }
                }
            }
            sheet.cells.freeze(row: 1)
            if !table.header.isEmpty {
                sheet.cells.autofilter(headerRow: 0, lastRow: max(1, table.rows.count), firstColumn: 0, lastColumn: table.header.count - 1)
            }
        }
        try workbook.close()
    }
}
