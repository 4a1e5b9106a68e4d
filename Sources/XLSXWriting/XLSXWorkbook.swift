import Core
import CXLSXWriter
import Foundation

/// One libxlsxwriter workbook, written when `close()` is called: the only place in furikaeri that
/// speaks to libxlsxwriter (Templates and Reports write through it).
///
/// libxlsxwriter reports misuse by return codes; the workbook keeps the first failure and `close()`
/// throws it, so that sheet writers stay short. Creating the file fails at once (`init` throws).
public final class XLSXWorkbook {
    /// How the workbook is written.
    public struct Options: Sendable {
        /// Rows go straight to temporary files and strings are written inline: much faster and
        /// smaller for large workbooks, but every sheet must then be written in ascending row order.
        public var constantMemory = false
        /// The document properties; nil leaves libxlsxwriter's own (the creation time is then now,
        /// and the bytes differ from run to run).
        public var properties: DocumentProperties?

        public init(constantMemory: Bool = false, properties: DocumentProperties? = nil) {
            self.constantMemory = constantMemory
            self.properties = properties
        }
    }

    /// Title, author and keywords, and a fixed creation time: equal input gives equal bytes.
    public struct DocumentProperties: Sendable {
        public var title: String
        public var author: String
        public var keywords: String?
        public var created: Date

        public init(title: String, author: String, keywords: String? = nil, created: Date) {
            self.title = title
            self.author = author
            self.keywords = keywords
            self.created = created
        }
    }

    private var workbook: UnsafeMutablePointer<lxw_workbook>?
    private var firstError: XLSXWriteError?
    /// The name failures are reported under: the file the user asked for (the workbook itself may
    /// be written to a temporary file beside it).
    public let shownPath: String
    /// Each sheet's column widths as set (sheet name → column → width in characters).
    var columnWidths: [String: [Int: Double]] = [:]

    /// Creates the file at `path` (so that a folder that cannot take it is said at once, with its
    /// reason) and a workbook to be written there. Failures name `shownPath` (default: `path`).
    public init(path: String, shownPath: String? = nil, options: Options = Options()) throws(XLSXWriteError) {
        let shown = shownPath ?? path
        self.shownPath = shown
        do {
            try OutputFiles.claim(path, shown: shown)
        } catch {
            throw XLSXWriteError(path: shown, stage: .opening, step: "open", errno: error.errno)
        }
        let handle: UnsafeMutablePointer<lxw_workbook>?
        if options.constantMemory {
            var lxwOptions = lxw_workbook_options()
            lxwOptions.constant_memory = 1
            handle = workbook_new_opt(path, &lxwOptions)
        } else {
            handle = workbook_new(path)
        }
        guard let handle else {
            throw XLSXWriteError(path: shown, stage: .opening, step: "workbook_new", errno: Foundation.errno)
        }
        workbook = handle
        if let properties = options.properties { setProperties(properties) }
    }

    deinit {
        // Closing is what writes the file; a workbook dropped without close() still owns its
        // memory and temporary files.
        if let workbook {
            var code: Int32 = 0
            WorkbookClosing.lock.withLock { _ = furikaeri_workbook_close_quietly(workbook, &code) }
        }
    }

    private func setProperties(_ properties: DocumentProperties) {
        guard let workbook else { return }
        let title = strdup(properties.title), author = strdup(properties.author)
        let keywords = properties.keywords.map { strdup($0) }
        defer { free(title); free(author); keywords.map { free($0) } }
        var lxwProperties = lxw_doc_properties()
        lxwProperties.title = title
        lxwProperties.author = author
        if let keywords { lxwProperties.keywords = keywords }
        lxwProperties.created = time_t(properties.created.timeIntervalSince1970)
        check(workbook_set_properties(workbook, &lxwProperties), "workbook_set_properties")
    }

    /// Whether the workbook can still be written to (`close()` not yet called).
    var isOpen: Bool { workbook != nil }

    /// Adds a worksheet named `name` (at most 31 characters, unique in the workbook).
    public func addSheet(_ name: String) -> XLSXSheet {
        guard let workbook, let sheet = workbook_add_worksheet(workbook, name) else {
            record(XLSXWriteError(path: shownPath, stage: .building, step: "workbook_add_worksheet"))
            return XLSXSheet(part: WorkbookPart(nil, of: self))
        }
        return XLSXSheet(part: WorkbookPart(sheet, of: self))
    }

    /// Adds a cell format. Formats are numbered in the order they are first used in cells.
    public func addFormat(_ format: CellFormat) -> XLSXFormat {
        guard let workbook, let pointer = workbook_add_format(workbook) else {
            record(XLSXWriteError(path: shownPath, stage: .building, step: "workbook_add_format"))
            return XLSXFormat(pointer: nil)
        }
        format.apply(to: pointer)
        return XLSXFormat(pointer: pointer)
    }

    /// Adds a chart, to be placed on a sheet with `XLSXSheet.insert`.
    public func addChart(_ type: XLSXChart.Kind) -> XLSXChart {
        guard let workbook else { return XLSXChart(part: WorkbookPart(nil, of: self)) }
        let chart = workbook_add_chart(workbook, UInt8(type.lxwType.rawValue))
        if chart == nil { record(XLSXWriteError(path: shownPath, stage: .building, step: "workbook_add_chart")) }
        return XLSXChart(part: WorkbookPart(chart, of: self))
    }

    /// Writes the file and frees the workbook; throws the first error met while building it, or why
    /// the file could not be written. One workbook is closed at a time in the process
    /// (`WorkbookClosing`: libxlsxwriter's shared `gmtime` buffer could swap two workbooks' creation
    /// dates), and libxlsxwriter's own stderr lines are not shown: the error comes back as ours.
    public func close() throws(XLSXWriteError) {
        guard let handle = workbook else { return }
        workbook = nil
        var code: Int32 = 0
        let result = WorkbookClosing.lock.withLock { furikaeri_workbook_close_quietly(handle, &code) }
        if let firstError { throw firstError }
        if result != LXW_NO_ERROR {
            throw XLSXWriteError(path: shownPath, stage: .closing, step: "workbook_close", code: result.rawValue, errno: code)
        }
    }

    /// Keeps a failed step of libxlsxwriter (the first one is thrown by `close()`).
    func check(_ result: lxw_error, _ step: String) {
        if result != LXW_NO_ERROR {
            record(XLSXWriteError(path: shownPath, stage: .building, step: step, code: result.rawValue))
        }
    }

    func record(_ error: XLSXWriteError) {
        if firstError == nil { firstError = error }
    }
}

/// Something libxlsxwriter keeps inside a workbook (a sheet, a chart, a series, an axis): closing the
/// workbook frees it, so using it afterwards is a program error, stopped here rather than written
/// into freed memory.
struct WorkbookPart<Pointee> {
    private let stored: UnsafeMutablePointer<Pointee>?
    let workbook: XLSXWorkbook

    init(_ pointer: UnsafeMutablePointer<Pointee>?, of workbook: XLSXWorkbook) {
        stored = pointer
        self.workbook = workbook
    }

    /// nil when the part could not be made (the failure is kept by the workbook).
    var pointer: UnsafeMutablePointer<Pointee>? {
        precondition(workbook.isOpen, "a part of an XLSXWorkbook was used after the workbook was closed")
        return stored
    }
}

/// A cell format of one workbook (`XLSXWorkbook.addFormat`).
public struct XLSXFormat {
    let pointer: UnsafeMutablePointer<lxw_format>?
}
