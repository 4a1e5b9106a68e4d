import Foundation
import XLSXWriting

/// One sheet of a report workbook, as the reports write cells: text in the text format and never
/// a formula, no cell for an empty text or a missing number, header rows tall enough for their
/// wrapped titles. Everything else is asked of `cells` directly.
struct ReportSheet {
    let cells: XLSXSheet
    let formats: Formats

    /// Writes text as text (never as a formula), cut at Excel's cell limit; nothing for an empty text.
    func text(_ row: Int, _ column: Int, _ value: String, _ format: XLSXFormat? = nil) {
        guard !value.isEmpty else { return }
        cells.text(row, column, value, format ?? formats.text)
    }

    /// Writes a number, or leaves the cell empty for nil.
    func number(_ row: Int, _ column: Int, _ value: Double?, _ format: XLSXFormat? = nil) {
        guard let value, value.isFinite else { return }
        cells.number(row, column, value, format)
    }

    /// Writes an integer.
    func integer(_ row: Int, _ column: Int, _ value: Int?) {
        number(row, column, value.map(Double.init), formats.integer)
    }

    /// Writes a header row in the header format, tall enough for its longest wrapped title.
    func headerRow(_ row: Int, _ titles: [String], from column: Int = 0) {
        fitRow(row, titles.enumerated().map { (column + $0.offset, $0.element) })
        for (offset, title) in titles.enumerated() { text(row, column + offset, title, formats.header) }
    }

    /// Makes a row tall enough for its wrapped texts, printed and on screen: Excel does not grow a
    /// row for wrapped text by itself. Call before writing the row's cells (rows are streamed).
    func fitRow(_ row: Int, _ texts: [(column: Int, text: String)]) {
        var lines = 1
        for (column, text) in texts where !text.isEmpty {
            lines = max(lines, Self.lineCount(text, width: cells.columnWidth(of: column) ?? 8.43))
        }
        guard lines > 1 else { return }
        cells.rowHeight(row, Self.rowHeight(lines: lines))
    }

    /// Points for `lines` lines of 11-point text (15 a line), at most Excel's limit of 409.
    static func rowHeight(lines: Int) -> Double { min(409, Double(lines) * 15 + 3) }

    /// Lines a text takes in a column `width` characters wide: a full-width character counts two,
    /// each line break starts a line. Counted on the UTF-8 bytes (every row of a 10,000-project
    /// comment list asks): three- and four-byte characters are full width, except half-width kana.
    static func lineCount(_ text: String, width: Double) -> Int {
        let perLine = max(2, Int(width) - 1)
        var text = text
        return text.withUTF8 { bytes in
            // No character takes more units than bytes: a short text without a break is one line.
            if bytes.count <= perLine, !bytes.contains(0x0A) { return 1 }
            var total = 0, units = 0, i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b == 0x0A {
                    total += max(1, (units + perLine - 1) / perLine)
                    units = 0
                    i += 1
                } else if b < 0xE0 {
                    units += b < 0x80 || b >= 0xC0 ? 1 : 0  // a continuation byte of a 2-byte character adds nothing
                    i += 1
                } else if b < 0xF0 {
                    // U+FF61…U+FF9F (half-width katakana) is EF BD A1…EF BE 9F.
                    let halfWidth = b == 0xEF && i + 2 < bytes.count
                        && ((bytes[i + 1] == 0xBD && bytes[i + 2] >= 0xA1) || (bytes[i + 1] == 0xBE && bytes[i + 2] <= 0x9F))
                    units += halfWidth ? 1 : 2
                    i += 3
                } else {
                    units += 2
                    i += 4
                }
            }
            return total + max(1, (units + perLine - 1) / perLine)
        }
    }

    /// Sets the widths of consecutive columns, in characters (a Japanese character counts about 2);
    /// the columns in `wrap` wrap their text.
    func widths(_ widths: [Double], from column: Int = 0, wrap: Set<Int> = []) {
        for (offset, width) in widths.enumerated() {
            let c = column + offset
            cells.columnWidth(c, c, width, wrap.contains(c) ? formats.wrap : nil)
        }
    }

    /// The print scale: 11-point text prints at 8.8 points, never smaller. Wide tables go on over
    /// several pages (with their title rows and columns repeated) instead of being shrunk to one.
    static let printScale: UInt16 = 80

    /// A4 landscape at `printScale`, header with the title and fiscal year, footer with page n of N.
    func printSetup(title: String, yearLabel: String) {
        cells.landscape()
        cells.paperA4()
        cells.printScale(Self.printScale)
        let year = XLSXSheet.escapingCodes(yearLabel)
        cells.header("&L\(year)&C\(XLSXSheet.escapingCodes(title))&R&A")
        cells.footer("&L\(year)&C&P / &N")
    }

    /// A red–yellow–green colour scale over scores from 1 to 5.
    func scoreColourScale(firstRow: Int, lastRow: Int, firstColumn: Int, lastColumn: Int) {
        cells.colourScale(firstRow: firstRow, lastRow: lastRow, firstColumn: firstColumn, lastColumn: lastColumn,
                          low: (1, 0xF8696B), middle: (3, 0xFFEB84), high: (5, 0x63BE7B))
    }
}
