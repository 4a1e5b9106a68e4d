import CXLSXWriter
import Foundation

/// One worksheet: cell writes, column widths, print setup, charts. Rows and columns are zero-based.
struct SheetWriter {
    let sheet: UnsafeMutablePointer<lxw_worksheet>?
    unowned let owner: WorkbookWriter

    /// Excel's limit on the characters of one cell.
    static let maxCellLength = 32_767

    var formats: Formats { owner.formats }

    /// Writes text as text (never as a formula), cut at Excel's cell limit.
    func text(_ row: Int, _ column: Int, _ value: String, _ format: UnsafeMutablePointer<lxw_format>? = nil) {
        guard let sheet, !value.isEmpty else { return }
        // UTF-8 length first: counting characters means grapheme breaking, slow on long Japanese text.
        let cut = value.utf8.count > Self.maxCellLength && value.count > Self.maxCellLength
            ? String(value.prefix(Self.maxCellLength)) : value
        owner.check(worksheet_write_string(sheet, lxw_row_t(row), lxw_col_t(column), cut, format ?? formats.text),
                    "worksheet_write_string")
    }

    /// Writes a number, or leaves the cell empty for nil.
    func number(_ row: Int, _ column: Int, _ value: Double?, _ format: UnsafeMutablePointer<lxw_format>? = nil) {
        guard let sheet, let value, value.isFinite else { return }
        owner.check(worksheet_write_number(sheet, lxw_row_t(row), lxw_col_t(column), value, format),
                    "worksheet_write_number")
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
        guard let sheet else { return }
        let widths = owner.columnWidths[name] ?? [:]
        var lines = 1
        for (column, text) in texts where !text.isEmpty {
            lines = max(lines, Self.lineCount(text, width: widths[column] ?? 8.43))
        }
        guard lines > 1 else { return }
        // 15 points a line of 11-point text; Excel's limit is 409 points.
        owner.check(worksheet_set_row(sheet, lxw_row_t(row), min(409, Double(lines) * 15 + 3), nil), "worksheet_set_row")
    }

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

    /// Sets the widths of consecutive columns, in characters (a Japanese character counts about 2).
    func widths(_ widths: [Double], from column: Int = 0, wrap: Set<Int> = []) {
        guard let sheet else { return }
        for (offset, width) in widths.enumerated() {
            let c = lxw_col_t(column + offset)
            owner.columnWidths[name, default: [:]][column + offset] = width
            owner.check(worksheet_set_column(sheet, c, c, width, wrap.contains(column + offset) ? formats.wrap : nil),
                        "worksheet_set_column")
        }
    }

    /// The print scale: 11-point text prints at 8.8 points, never smaller. Wide tables go on over
    /// several pages (with their title rows and columns repeated) instead of being shrunk to one.
    static let printScale: UInt16 = 80

    /// A4 landscape at `printScale`, header with the title and fiscal year, footer with page n of N.
    func printSetup(title: String, yearLabel: String) {
        guard let sheet else { return }
        worksheet_set_landscape(sheet)
        worksheet_set_paper(sheet, 9)  // 9 = A4
        worksheet_set_print_scale(sheet, Self.printScale)
        // `&` starts a control code in headers; a literal one is written `&&`.
        let safe = { (s: String) in s.replacingOccurrences(of: "&", with: "&&") }
        owner.check(worksheet_set_header(sheet, "&L\(safe(yearLabel))&C\(safe(title))&R&A"), "worksheet_set_header")
        owner.check(worksheet_set_footer(sheet, "&L\(safe(yearLabel))&C&P / &N"), "worksheet_set_footer")
    }

    /// Prints a header row at the top of every page.
    func repeatRows(_ row: Int) {
        guard let sheet else { return }
        owner.check(worksheet_repeat_rows(sheet, lxw_row_t(row), lxw_row_t(row)), "worksheet_repeat_rows")
    }

    /// Prints the columns up to `last` at the left of every page of a table wider than a page.
    func repeatColumns(through last: Int) {
        guard let sheet else { return }
        owner.check(worksheet_repeat_columns(sheet, 0, lxw_col_t(last)), "worksheet_repeat_columns")
    }

    /// Freezes the rows above `row` and the columns left of `column`.
    func freeze(row: Int, column: Int = 0) {
        guard let sheet else { return }
        worksheet_freeze_panes(sheet, lxw_row_t(row), lxw_col_t(column))
    }

    /// An autofilter over a header row and the rows below it.
    func autofilter(headerRow: Int, lastRow: Int, firstColumn: Int, lastColumn: Int) {
        guard let sheet else { return }
        owner.check(worksheet_autofilter(sheet, lxw_row_t(headerRow), lxw_col_t(firstColumn),
                                         lxw_row_t(max(lastRow, headerRow)), lxw_col_t(lastColumn)), "worksheet_autofilter")
    }

    /// A red–yellow–green colour scale over scores from 1 to 5.
    func scoreColourScale(firstRow: Int, lastRow: Int, firstColumn: Int, lastColumn: Int) {
        guard let sheet, lastRow >= firstRow else { return }
        var rule = lxw_conditional_format()
        rule.type = UInt8(LXW_CONDITIONAL_3_COLOR_SCALE.rawValue)
        rule.min_rule_type = UInt8(LXW_CONDITIONAL_RULE_TYPE_NUMBER.rawValue)
        rule.min_value = 1
        rule.min_color = 0xF8696B
        rule.mid_rule_type = UInt8(LXW_CONDITIONAL_RULE_TYPE_NUMBER.rawValue)
        rule.mid_value = 3
        rule.mid_color = 0xFFEB84
        rule.max_rule_type = UInt8(LXW_CONDITIONAL_RULE_TYPE_NUMBER.rawValue)
        rule.max_value = 5
        rule.max_color = 0x63BE7B
        owner.check(worksheet_conditional_format_range(sheet, lxw_row_t(firstRow), lxw_col_t(firstColumn),
                                                       lxw_row_t(lastRow), lxw_col_t(lastColumn), &rule),
                    "worksheet_conditional_format_range")
    }

    /// Places a chart with its top-left corner at a cell.
    func insert(_ chart: UnsafeMutablePointer<lxw_chart>?, row: Int, column: Int, xScale: Double = 1.5, yScale: Double = 1.3) {
        guard let sheet, let chart else { return }
        var options = lxw_chart_options()
        options.x_scale = xScale
        options.y_scale = yScale
        owner.check(worksheet_insert_chart_opt(sheet, lxw_row_t(row), lxw_col_t(column), chart, &options),
                    "worksheet_insert_chart")
    }

    /// The sheet's name as libxlsxwriter holds it, for chart ranges.
    var name: String { sheet.map { String(cString: $0.pointee.name) } ?? "" }
}

/// Small helpers for chart series over sheet ranges.
enum ChartSeries {
    /// Adds a series whose categories and values are column ranges of `sheet`.
    @discardableResult
    static func add(to chart: UnsafeMutablePointer<lxw_chart>?, sheet: String, name: String,
                    categoryColumn: Int, valueColumn: Int, firstRow: Int, lastRow: Int) -> UnsafeMutablePointer<lxw_chart_series>? {
        guard let chart, lastRow >= firstRow, let series = chart_add_series(chart, nil, nil) else { return nil }
        chart_series_set_categories(series, sheet, lxw_row_t(firstRow), lxw_col_t(categoryColumn),
                                    lxw_row_t(lastRow), lxw_col_t(categoryColumn))
        chart_series_set_values(series, sheet, lxw_row_t(firstRow), lxw_col_t(valueColumn),
                                lxw_row_t(lastRow), lxw_col_t(valueColumn))
        chart_series_set_name(series, name)
        return series
    }

    /// Adds a series laid out along a row (categories in `categoryRow`).
    @discardableResult
    static func addRow(to chart: UnsafeMutablePointer<lxw_chart>?, sheet: String, name: String,
                       categoryRow: Int, valueRow: Int, firstColumn: Int, lastColumn: Int) -> UnsafeMutablePointer<lxw_chart_series>? {
        guard let chart, lastColumn >= firstColumn, let series = chart_add_series(chart, nil, nil) else { return nil }
        chart_series_set_categories(series, sheet, lxw_row_t(categoryRow), lxw_col_t(firstColumn),
                                    lxw_row_t(categoryRow), lxw_col_t(lastColumn))
        chart_series_set_values(series, sheet, lxw_row_t(valueRow), lxw_col_t(firstColumn),
                                lxw_row_t(valueRow), lxw_col_t(lastColumn))
        chart_series_set_name(series, name)
        return series
    }

    /// Sets a chart's title and its value axis range.
    static func style(_ chart: UnsafeMutablePointer<lxw_chart>?, title: String, valueAxisName: String,
                      min: Double? = nil, max: Double? = nil) {
        guard let chart else { return }
        chart_title_set_name(chart, title)
        chart_legend_set_position(chart, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue))
        // A bar chart's value axis is its x axis; for columns and lines it is the y axis.
        let horizontal = [UInt8(LXW_CHART_BAR.rawValue), UInt8(LXW_CHART_BAR_STACKED.rawValue),
                          UInt8(LXW_CHART_BAR_STACKED_PERCENT.rawValue)].contains(chart.pointee.type)
        guard let axis = horizontal ? chart.pointee.x_axis : chart.pointee.y_axis else { return }
        chart_axis_set_name(axis, valueAxisName)
        if let min { chart_axis_set_min(axis, min) }
        if let max { chart_axis_set_max(axis, max) }
    }
}
