import CXLSXWriter
import Foundation

/// Why a workbook could not be written.
public enum TemplateError: Error, Equatable, CustomStringConvertible {
    /// libxlsxwriter reported an error while building or saving the workbook.
    case writeFailed(path: String, reason: String)
    /// The output file exists and overwriting was not asked for.
    case outputExists(path: String)

    /// The message for staff, in Japanese.
    public var japaneseMessage: String {
        switch self {
        case .writeFailed(let path, let reason):
            return "様式ファイル「\(path)」を書き出せませんでした（\(reason)）。保存先のフォルダがあるか、書き込めるかを確かめてください。"
        case .outputExists(let path):
            return "「\(path)」はすでにあります。別の名前を -o で指定するか、上書きしてよければ --force を付けてください。"
        }
    }

    /// The message in English, for `--lang en`.
    public var englishMessage: String {
        switch self {
        case .writeFailed(let path, let reason):
            return "Could not write the template \"\(path)\" (\(reason)). Check that the folder exists and is writable."
        case .outputExists(let path):
            return "\"\(path)\" already exists. Choose another name with -o, or add --force to overwrite it."
        }
    }

    public var description: String { japaneseMessage }
}

/// A thin Swift wrapper over libxlsxwriter: one workbook, written when `close()` is called.
final class XLSXWriterWorkbook {
    private var workbook: UnsafeMutablePointer<lxw_workbook>?
    let path: String

    init(path: String) throws {
        self.path = path
        guard let handle = workbook_new(path) else {
            throw TemplateError.writeFailed(path: path, reason: "workbook_new")
        }
        workbook = handle
    }

    deinit {
        // Closing is what writes the file; a workbook dropped without close() is still freed.
        if let workbook { _ = workbook_close(workbook) }
    }

    func addSheet(_ name: String) throws -> XLSXWriterSheet {
        guard let workbook, let sheet = workbook_add_worksheet(workbook, name) else {
            throw TemplateError.writeFailed(path: path, reason: "シート「\(name)」を追加できません")
        }
        return XLSXWriterSheet(sheet: sheet, path: path)
    }

    /// A cell format; `configure` sets its properties through the C API.
    func addFormat(_ configure: (UnsafeMutablePointer<lxw_format>) -> Void) throws -> UnsafeMutablePointer<lxw_format> {
        guard let workbook, let format = workbook_add_format(workbook) else {
            throw TemplateError.writeFailed(path: path, reason: "workbook_add_format")
        }
        configure(format)
        return format
    }

    /// Writes the file and frees the workbook.
    func close() throws {
        guard let handle = workbook else { return }
        workbook = nil
        let result = workbook_close(handle)
        guard result == LXW_NO_ERROR else {
            throw TemplateError.writeFailed(path: path, reason: String(cString: lxw_strerror(result)))
        }
    }
}

/// One worksheet of an `XLSXWriterWorkbook`.
struct XLSXWriterSheet {
    let sheet: UnsafeMutablePointer<lxw_worksheet>
    let path: String

    private func check(_ result: lxw_error, _ what: String) throws {
        guard result == LXW_NO_ERROR else {
            throw TemplateError.writeFailed(path: path, reason: "\(what): \(String(cString: lxw_strerror(result)))")
        }
    }

    func write(_ row: Int, _ column: Int, _ text: String, _ format: UnsafeMutablePointer<lxw_format>?) throws {
        try check(worksheet_write_string(sheet, lxw_row_t(row), lxw_col_t(column), text, format), "write")
    }

    func number(_ row: Int, _ column: Int, _ value: Double, _ format: UnsafeMutablePointer<lxw_format>?) throws {
        try check(worksheet_write_number(sheet, lxw_row_t(row), lxw_col_t(column), value, format), "number")
    }

    func blank(_ row: Int, _ column: Int, _ format: UnsafeMutablePointer<lxw_format>?) throws {
        try check(worksheet_write_blank(sheet, lxw_row_t(row), lxw_col_t(column), format), "blank")
    }

    func merge(_ firstRow: Int, _ firstColumn: Int, _ lastRow: Int, _ lastColumn: Int, _ text: String,
               _ format: UnsafeMutablePointer<lxw_format>?) throws {
        if firstRow == lastRow && firstColumn == lastColumn {
            return text.isEmpty ? try blank(firstRow, firstColumn, format) : try write(firstRow, firstColumn, text, format)
        }
        try check(worksheet_merge_range(sheet, lxw_row_t(firstRow), lxw_col_t(firstColumn), lxw_row_t(lastRow),
                                        lxw_col_t(lastColumn), text, format), "merge")
    }

    func columnWidth(_ first: Int, _ last: Int, _ width: Double) throws {
        try check(worksheet_set_column(sheet, lxw_col_t(first), lxw_col_t(last), width, nil), "set_column")
    }

    func rowHeight(_ row: Int, _ height: Double) throws {
        try check(worksheet_set_row(sheet, lxw_row_t(row), height, nil), "set_row")
    }

    /// What a data validation allows.
    enum Rule {
        /// Any value: the validation only shows its input message.
        case any
        /// A whole number from `min` to `max`.
        case wholeNumber(min: Int, max: Int)
        /// One of a short list (at most 255 characters in all, Excel's limit).
        case list([String])
        /// One of the values in a range, such as `=選択肢!$A$1:$A$12`.
        case listFormula(String)
    }

    /// A data validation with a Japanese input message and error message.
    func validate(_ firstRow: Int, _ firstColumn: Int, _ lastRow: Int, _ lastColumn: Int, _ rule: Rule,
                  title: String, message: String, errorMessage: String) throws {
        var strings: [UnsafeMutablePointer<CChar>] = []
        func own(_ s: String) -> UnsafeMutablePointer<CChar> {
            let pointer = strdup(s)!
            strings.append(pointer)
            return pointer
        }
        defer { strings.forEach { free($0) } }
        var validation = lxw_data_validation()
        validation.input_title = own(String(title.prefix(32)))
        validation.input_message = own(String(message.prefix(255)))
        validation.error_title = own("入力内容を確認してください")
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
            return worksheet_data_validation_range(sheet, lxw_row_t(firstRow), lxw_col_t(firstColumn),
                                                   lxw_row_t(lastRow), lxw_col_t(lastColumn), &validation)
        }
        try check(result, "data_validation")
    }

    /// Protects the sheet without a password: locked cells (labels) cannot be changed.
    func protectWithoutPassword() {
        var options = lxw_protection()
        worksheet_protect(sheet, nil, &options)
    }

    /// A4, fitted to one page wide (and to one page tall with `onePage`), centred, with modest margins.
    func printOnA4(landscape: Bool, onePage: Bool, lastRow: Int, lastColumn: Int) throws {
        worksheet_set_paper(sheet, 9)
        if landscape { worksheet_set_landscape(sheet) } else { worksheet_set_portrait(sheet) }
        worksheet_fit_to_pages(sheet, 1, onePage ? 1 : 0)
        worksheet_center_horizontally(sheet)
        worksheet_set_margins(sheet, 0.5, 0.5, 0.6, 0.6)
        try check(worksheet_print_area(sheet, 0, 0, lxw_row_t(lastRow), lxw_col_t(lastColumn)), "print_area")
    }

    func hide() { worksheet_hide(sheet) }
    func activate() { worksheet_activate(sheet) }
}
