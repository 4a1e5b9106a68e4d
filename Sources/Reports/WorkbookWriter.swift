import CXLSXWriter
import Foundation

/// Why the summary workbook could not be written.
public struct WorkbookWriteError: Error, CustomStringConvertible {
    /// What libxlsxwriter was doing, and its message.
    public var step: String
    public var reason: String

    public var description: String { "集計ブックを書き出せませんでした（\(step): \(reason)）。出力先の空き容量と書き込み権限を確かめてください。" }
}

/// A thin wrapper around a libxlsxwriter workbook: sheets, a few shared formats, charts, closing.
///
/// libxlsxwriter reports most misuse by return codes; the wrapper keeps the first failure and
/// `close()` throws it, so sheet writers can stay short.
final class WorkbookWriter {
    private let workbook: UnsafeMutablePointer<lxw_workbook>
    private var firstError: WorkbookWriteError?
    private var closed = false
    let formats: Formats
    /// Each sheet's column widths as set (sheet name → column → width in characters), so that rows
    /// with wrapped text can be made tall enough.
    var columnWidths: [String: [Int: Double]] = [:]

    /// Opens a new workbook at `path` with a fixed creation time, so that equal input gives equal bytes.
    init(path: String, title: String, created: Date, keywords: String? = nil) throws {
        var options = lxw_workbook_options()
        // Rows go straight to temporary files and strings are written inline: much faster for
        // large runs. Every sheet writer therefore writes its rows in ascending order.
        options.constant_memory = 1
        guard let workbook = workbook_new_opt(path, &options) else {
            throw WorkbookWriteError(step: "workbook_new", reason: path)
        }
        self.workbook = workbook
        formats = Formats(workbook: workbook)
        let titleC = strdup(title), authorC = strdup("furikaeri"), keywordsC = keywords.map { strdup($0) }
        defer { free(titleC); free(authorC); keywordsC.map { free($0) } }
        var properties = lxw_doc_properties()
        properties.title = titleC
        properties.author = authorC
        if let keywordsC { properties.keywords = keywordsC }
        properties.created = time_t(created.timeIntervalSince1970)
        check(workbook_set_properties(workbook, &properties), "workbook_set_properties")
    }

    deinit {
        // A workbook that was never closed still owns its memory and temporary files.
        if !closed { Self.closing.withLock { _ = workbook_close(workbook) } }
    }

    /// Adds a worksheet.
    func addSheet(_ name: String) -> SheetWriter {
        guard let sheet = workbook_add_worksheet(workbook, name) else {
            record(WorkbookWriteError(step: "workbook_add_worksheet", reason: name))
            return SheetWriter(sheet: nil, owner: self)
        }
        return SheetWriter(sheet: sheet, owner: self)
    }

    /// Adds a chart object to be placed on a sheet.
    func addChart(_ type: lxw_chart_type) -> UnsafeMutablePointer<lxw_chart>? {
        let chart = workbook_add_chart(workbook, UInt8(type.rawValue))
        if chart == nil { record(WorkbookWriteError(step: "workbook_add_chart", reason: "\(type)")) }
        return chart
    }

    /// One workbook closed at a time: libxlsxwriter writes the document's dates through `gmtime`, whose
    /// result every thread shares, so two years' workbooks closed at once could swap their creation
    /// dates (seen as a rare byte difference between two identical `process` runs).
    private static let closing = NSLock()

    /// Writes the file; throws the first error met while building it.
    func close() throws {
        closed = true
        let result = Self.closing.withLock { workbook_close(workbook) }
        if let firstError { throw firstError }
        if result != LXW_NO_ERROR {
            throw WorkbookWriteError(step: "workbook_close", reason: String(cString: lxw_strerror(result)))
        }
    }

    func check(_ result: lxw_error, _ step: String) {
        if result != LXW_NO_ERROR { record(WorkbookWriteError(step: step, reason: String(cString: lxw_strerror(result)))) }
    }

    func record(_ error: WorkbookWriteError) {
        if firstError == nil { firstError = error }
    }
}

/// The cell formats every sheet shares.
struct Formats {
    let title, header, text, wrap, integer, decimal, percent, flag: UnsafeMutablePointer<lxw_format>?

    init(workbook: UnsafeMutablePointer<lxw_workbook>) {
        func make(_ configure: (UnsafeMutablePointer<lxw_format>) -> Void) -> UnsafeMutablePointer<lxw_format>? {
            guard let f = workbook_add_format(workbook) else { return nil }
            format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
            configure(f)
            return f
        }
        title = make { format_set_bold($0); format_set_font_size($0, 14) }
        header = make {
            format_set_bold($0); format_set_text_wrap($0)
            format_set_bg_color($0, 0xDDEBF7); format_set_border($0, UInt8(LXW_BORDER_THIN.rawValue))
        }
        text = make { _ in }
        wrap = make { format_set_text_wrap($0) }
        integer = make { format_set_num_format($0, "0") }
        decimal = make { format_set_num_format($0, "0.00") }
        percent = make { format_set_num_format($0, "0.0%") }
        flag = make { format_set_font_color($0, 0xC00000); format_set_bold($0) }
    }
}
