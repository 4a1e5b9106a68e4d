import Core
import CXLSXWriter
import Foundation

/// Why the summary workbook could not be written: what libxlsxwriter was doing, its own code, and
/// the system's reason when there is one (0 otherwise).
public struct WorkbookWriteError: Error, CustomStringConvertible {
    public var step: String
    public var reason: String
    public var errno: Int32 = 0

    public var description: String { "\(step): \(reason)" }
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
        // The file is made here first, so that a folder that cannot take it is said with its reason.
        do {
            try OutputFiles.claim(path, shown: path)
        } catch {
            throw WorkbookWriteError(step: "open", reason: path, errno: error.errno)
        }
        guard let workbook = workbook_new_opt(path, &options) else {
            throw WorkbookWriteError(step: "workbook_new", reason: path, errno: Foundation.errno)
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
        if !closed {
            var code: Int32 = 0
            WorkbookClosing.lock.withLock { _ = furikaeri_workbook_close_quietly(workbook, &code) }
        }
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

    /// Writes the file; throws the first error met while building it. One workbook is closed at a
    /// time (`WorkbookClosing`: libxlsxwriter's shared `gmtime` buffer could swap two years' creation
    /// dates, seen as a rare byte difference between two identical `process` runs), and
    /// libxlsxwriter's own stderr lines are not shown: the error comes back as a message of ours.
    func close() throws {
        closed = true
        var code: Int32 = 0
        let result = WorkbookClosing.lock.withLock { furikaeri_workbook_close_quietly(workbook, &code) }
        if let firstError { throw firstError }
        if result != LXW_NO_ERROR {
            throw WorkbookWriteError(step: "workbook_close", reason: String(cString: lxw_strerror(result)), errno: code)
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
