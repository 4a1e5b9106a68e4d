import Foundation

/// One libxlsxwriter workbook closed at a time in the whole process: libxlsxwriter formats the
/// document's dates through `gmtime`, whose result every thread shares (two workbooks closed at once
/// could swap their creation dates), and its own stderr lines are silenced around the call by
/// pointing stdio's `stderr` elsewhere, which must never be done by two threads at once.
enum WorkbookClosing {
    static let lock = NSLock()
}
