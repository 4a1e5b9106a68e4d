import CXLSXWriter
import Foundation

/// One worksheet of an `XLSXWorkbook`. Rows and columns are zero-based; a failed step is kept by the
/// workbook and thrown by its `close()`.
public struct XLSXSheet {
    let part: WorkbookPart<lxw_worksheet>

    private var pointer: UnsafeMutablePointer<lxw_worksheet>? { part.pointer }
    private var workbook: XLSXWorkbook { part.workbook }

    /// Excel's limit on the characters of one cell.
    public static let maxCellLength = 32_767

    /// The sheet's name as libxlsxwriter holds it, for chart ranges.
    public var name: String { pointer.map { String(cString: $0.pointee.name) } ?? "" }

    private func check(_ result: lxw_error, _ step: String) { workbook.check(result, step) }

    // MARK: Cells

    /// Writes text as text, never as a formula (a text starting with `=` stays that text), cut at
    /// Excel's cell limit. An empty text is a blank cell with `format`, or nothing without one.
    public func text(_ row: Int, _ column: Int, _ value: String, _ format: XLSXFormat?) {
        guard let pointer else { return }
        // UTF-8 length first: counting characters means grapheme breaking, slow on long Japanese text.
        let cut = value.utf8.count > Self.maxCellLength && value.count > Self.maxCellLength
            ? String(value.prefix(Self.maxCellLength)) : value
        check(worksheet_write_string(pointer, lxw_row_t(row), lxw_col_t(column), cut, format?.pointer),
              "worksheet_write_string")
    }

    /// Writes a number.
    public func number(_ row: Int, _ column: Int, _ value: Double, _ format: XLSXFormat?) {
        guard let pointer else { return }
        check(worksheet_write_number(pointer, lxw_row_t(row), lxw_col_t(column), value, format?.pointer),
              "worksheet_write_number")
    }

    /// An empty cell with a format (shading, borders, unlocked).
    public func blank(_ row: Int, _ column: Int, _ format: XLSXFormat?) {
        guard let pointer else { return }
        check(worksheet_write_blank(pointer, lxw_row_t(row), lxw_col_t(column), format?.pointer), "worksheet_write_blank")
    }

    /// Merges a range and writes `text` (as text) in it; a range of one cell is that cell.
    public func merge(_ firstRow: Int, _ firstColumn: Int, _ lastRow: Int, _ lastColumn: Int, _ text: String,
                      _ format: XLSXFormat?) {
        if firstRow == lastRow && firstColumn == lastColumn {
            return text.isEmpty ? blank(firstRow, firstColumn, format) : self.text(firstRow, firstColumn, text, format)
        }
        guard let pointer else { return }
        check(worksheet_merge_range(pointer, lxw_row_t(firstRow), lxw_col_t(firstColumn), lxw_row_t(lastRow),
                                    lxw_col_t(lastColumn), text, format?.pointer), "worksheet_merge_range")
    }

    // MARK: Columns and rows

    /// Sets the width of columns `first`…`last` in characters (a Japanese character counts about 2),
    /// with a format for their empty cells.
    public func columnWidth(_ first: Int, _ last: Int, _ width: Double, _ format: XLSXFormat? = nil) {
        guard let pointer else { return }
        let sheetName = name
        for column in first...max(first, last) { workbook.columnWidths[sheetName, default: [:]][column] = width }
        check(worksheet_set_column(pointer, lxw_col_t(first), lxw_col_t(last), width, format?.pointer),
              "worksheet_set_column")
    }

    /// The width a column was given with `columnWidth`, nil if none.
    public func columnWidth(of column: Int) -> Double? { workbook.columnWidths[name]?[column] }

    /// Sets a row's height in points (Excel's limit is 409). With constant memory, before the row's cells.
    public func rowHeight(_ row: Int, _ height: Double) {
        guard let pointer else { return }
        check(worksheet_set_row(pointer, lxw_row_t(row), height, nil), "worksheet_set_row")
    }

    /// Freezes the rows above `row` and the columns left of `column`.
    public func freeze(row: Int, column: Int = 0) {
        guard let pointer else { return }
        worksheet_freeze_panes(pointer, lxw_row_t(row), lxw_col_t(column))
    }

    /// An autofilter over a header row and the rows below it.
    public func autofilter(headerRow: Int, lastRow: Int, firstColumn: Int, lastColumn: Int) {
        guard let pointer else { return }
        check(worksheet_autofilter(pointer, lxw_row_t(headerRow), lxw_col_t(firstColumn),
                                   lxw_row_t(max(lastRow, headerRow)), lxw_col_t(lastColumn)), "worksheet_autofilter")
    }

    // MARK: Input rules and protection

    /// What a data validation allows.
    public enum Rule: Sendable {
        /// Any value: the validation only shows its input message.
        case any
        /// A whole number from `min` to `max`.
        case wholeNumber(min: Int, max: Int)
        /// One of a short list (at most 255 characters in all, Excel's limit).
        case list([String])
        /// One of the values in a range, such as `=選択肢!$A$1:$A$12`.
        case listFormula(String)
    }

    /// A data validation with an input message (title at most 32 characters, message 255) and, for
    /// a value the rule refuses, a stop message (the error message at most 255 characters).
    public func validate(_ firstRow: Int, _ firstColumn: Int, _ lastRow: Int, _ lastColumn: Int, _ rule: Rule,
                         title: String, message: String, errorTitle: String, errorMessage: String) {
        guard let pointer else { return }
        var strings: [UnsafeMutablePointer<CChar>] = []
        func own(_ s: String) -> UnsafeMutablePointer<CChar> {
            let copy = strdup(s)!
            strings.append(copy)
            return copy
        }
        defer { strings.forEach { free($0) } }
        var validation = lxw_data_validation()
        validation.input_title = own(String(title.prefix(32)))
        validation.input_message = own(String(message.prefix(255)))
        validation.error_title = own(errorTitle)
        validation.error_message = own(String(errorMessage.prefix(255)))
        validation.error_type = UInt8(LXW_VALIDATION_ERROR_TYPE_STOP.rawValue)
        var list: [UnsafeMutablePointer<CChar>?] = []
        switch rule {
        case .any:
            validation.validate = UInt8(LXW_VALIDATION_TYPE_ANY.rawValue)
            validation.show_error = UInt8(LXW_VALIDATION_OFF.rawValue)
        case .wholeNumber(let min, let max):
            validation.validate = UInt8(LXW_VALIDATION_TYPE_INTEGER.rawValue)
            validation.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue)
            validation.minimum_number = Double(min)
            validation.maximum_number = Double(max)
        case .list(let items):
            validation.validate = UInt8(LXW_VALIDATION_TYPE_LIST.rawValue)
            list = items.map { own($0) } + [nil]
        case .listFormula(let formula):
            validation.validate = UInt8(LXW_VALIDATION_TYPE_LIST_FORMULA.rawValue)
            validation.value_formula = own(formula)
        }
        let result: lxw_error = list.withUnsafeMutableBufferPointer { buffer in
            if !buffer.isEmpty { validation.value_list = buffer.baseAddress }
            return worksheet_data_validation_range(pointer, lxw_row_t(firstRow), lxw_col_t(firstColumn),
                                                   lxw_row_t(lastRow), lxw_col_t(lastColumn), &validation)
        }
        check(result, "worksheet_data_validation_range")
    }

    /// Protects the sheet without a password: locked cells cannot be changed; with
    /// `rowHeights`, rows can still be made taller (a long comment shown and printed in full).
    public func protect(allowingRowHeights rowHeights: Bool) {
        guard let pointer else { return }
        var options = lxw_protection()
        if rowHeights { options.format_rows = 1 }
        worksheet_protect(pointer, nil, &options)
    }

    public func hide() { pointer.map { worksheet_hide($0) } }
    /// The sheet shown when the workbook is opened.
    public func activate() { pointer.map { worksheet_activate($0) } }

    // MARK: Printing

    /// A4 paper.
    public func paperA4() { pointer.map { worksheet_set_paper($0, 9) } }
    public func landscape() { pointer.map { worksheet_set_landscape($0) } }
    public func portrait() { pointer.map { worksheet_set_portrait($0) } }
    /// Printed `width` pages wide and `height` pages tall (0: as many as the rows need).
    public func fitToPages(width: Int, height: Int) {
        pointer.map { worksheet_fit_to_pages($0, UInt16(width), UInt16(height)) }
    }
    /// Printed at `percent` of the size.
    public func printScale(_ percent: UInt16) { pointer.map { worksheet_set_print_scale($0, percent) } }
    public func centerHorizontally() { pointer.map { worksheet_center_horizontally($0) } }
    /// Margins in inches.
    public func margins(left: Double, right: Double, top: Double, bottom: Double) {
        pointer.map { worksheet_set_margins($0, left, right, top, bottom) }
    }

    /// Prints only `A1`…(`lastRow`, `lastColumn`).
    public func printArea(lastRow: Int, lastColumn: Int) {
        guard let pointer else { return }
        check(worksheet_print_area(pointer, 0, 0, lxw_row_t(lastRow), lxw_col_t(lastColumn)), "worksheet_print_area")
    }

    /// The page header and footer, in Excel's codes (`&L`, `&C`, `&R`, `&P`, `&N`, `&A`); a literal
    /// `&` is written `&&` (`escapingCodes`).
    public func header(_ text: String) {
        guard let pointer else { return }
        check(worksheet_set_header(pointer, text), "worksheet_set_header")
    }

    public func footer(_ text: String) {
        guard let pointer else { return }
        check(worksheet_set_footer(pointer, text), "worksheet_set_footer")
    }

    /// `text` for a header or footer, its `&` not read as a code.
    public static func escapingCodes(_ text: String) -> String { text.replacingOccurrences(of: "&", with: "&&") }

    /// Prints row `row` at the top of every page.
    public func repeatRows(_ row: Int) {
        guard let pointer else { return }
        check(worksheet_repeat_rows(pointer, lxw_row_t(row), lxw_row_t(row)), "worksheet_repeat_rows")
    }

    /// Prints the columns up to `last` at the left of every page of a table wider than a page.
    public func repeatColumns(through last: Int) {
        guard let pointer else { return }
        check(worksheet_repeat_columns(pointer, 0, lxw_col_t(last)), "worksheet_repeat_columns")
    }

    // MARK: Conditional formats and charts

    /// A three-colour scale over numbers: `low`, `middle` and `high` are (value, RGB colour).
    public func colourScale(firstRow: Int, lastRow: Int, firstColumn: Int, lastColumn: Int,
                            low: (Double, UInt32), middle: (Double, UInt32), high: (Double, UInt32)) {
        guard let pointer, lastRow >= firstRow else { return }
        var rule = lxw_conditional_format()
        rule.type = UInt8(LXW_CONDITIONAL_3_COLOR_SCALE.rawValue)
        rule.min_rule_type = UInt8(LXW_CONDITIONAL_RULE_TYPE_NUMBER.rawValue)
        rule.min_value = low.0
        rule.min_color = low.1
        rule.mid_rule_type = UInt8(LXW_CONDITIONAL_RULE_TYPE_NUMBER.rawValue)
        rule.mid_value = middle.0
        rule.mid_color = middle.1
        rule.max_rule_type = UInt8(LXW_CONDITIONAL_RULE_TYPE_NUMBER.rawValue)
        rule.max_value = high.0
        rule.max_color = high.1
        check(worksheet_conditional_format_range(pointer, lxw_row_t(firstRow), lxw_col_t(firstColumn),
                                                 lxw_row_t(lastRow), lxw_col_t(lastColumn), &rule),
              "worksheet_conditional_format_range")
    }

    /// Places a chart with its top-left corner at a cell, scaled from its default size.
    public func insert(_ chart: XLSXChart, row: Int, column: Int, xScale: Double, yScale: Double) {
        guard let pointer, let chartPointer = chart.pointer else { return }
        var options = lxw_chart_options()
        options.x_scale = xScale
        options.y_scale = yScale
        check(worksheet_insert_chart_opt(pointer, lxw_row_t(row), lxw_col_t(column), chartPointer, &options),
              "worksheet_insert_chart")
    }
}
