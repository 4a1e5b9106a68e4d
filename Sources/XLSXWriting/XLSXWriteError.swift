import Core
import CXLSXWriter
import Foundation

/// Why a workbook could not be written: the file it was for, the step that failed, libxlsxwriter's
/// own error code (`lxw_error`) and the system's reason (`errno`, 0 when there was none).
public struct XLSXWriteError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Where the failure happened.
    public enum Stage: Sendable {
        /// Creating the file (a missing folder, no permission): the user's to fix.
        case opening
        /// A step of building the workbook that libxlsxwriter refused (a program error, not the user's).
        case building
        /// Writing the file out when the workbook is closed (a full disk, a folder removed meanwhile).
        case closing
    }

    /// The file the user asked for, never the temporary file it is written to.
    public var path: String
    public var stage: Stage
    /// What was being done: libxlsxwriter's function (`worksheet_merge_range`), or `open`.
    public var step: String
    /// libxlsxwriter's `lxw_error` (0, `LXW_NO_ERROR`, when the failure was not the library's).
    public var code: UInt32
    /// The system's reason, 0 when there was none.
    public var errno: Int32

    public init(path: String, stage: Stage, step: String, code: UInt32 = 0, errno: Int32 = 0) {
        self.path = path
        self.stage = stage
        self.step = step
        self.code = code
        self.errno = errno
    }

    /// libxlsxwriter's words for `code`, or the system's for `errno`.
    public var reason: String {
        if code != LXW_NO_ERROR.rawValue { return String(cString: lxw_strerror(lxw_error(rawValue: code))) }
        return errno == 0 ? "no reason given" : SystemErrorText.meaning(errno, japanese: false)
    }

    /// The file could not be written (opening or closing it): the message the user can act on.
    /// nil for a building step, which is the program's fault rather than the file system's.
    public var writeFailure: WriteFailure? {
        stage == .building ? nil : WriteFailure(path: path, errno: errno)
    }

    public var description: String { "\(path): \(step): \(reason)" }
}
