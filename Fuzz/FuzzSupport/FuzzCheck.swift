#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import XLSX

/// Invariants the harnesses check on everything the reader and the extractor hand out. A broken
/// invariant aborts, so libFuzzer reports it like a crash and keeps the input.
public enum FuzzCheck {
    /// Stops the process with `message` on stderr: the input showed a defect.
    public static func fail(_ message: String) -> Never {
        let line = Array("fuzz invariant broken: \(message)\n".utf8)
        _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        abort()
    }

    /// A reader error must be one of the documented `XLSXError` cases that a file can cause (not
    /// `sheetIndexOutOfRange`, which only a caller's mistake can cause), with messages for staff.
    public static func readerError(_ error: Error) -> XLSXError {
        guard let error = error as? XLSXError else { fail("not an XLSXError: \(type(of: error)) \(error)") }
        if case .sheetIndexOutOfRange = error { fail("sheetIndexOutOfRange for a sheet the workbook listed") }
        if error.japaneseMessage.isEmpty || error.englishMessage.isEmpty { fail("empty message for \(error)") }
        return error
    }

    /// A cell position the reader can hand out.
    public static func reference(_ ref: CellReference) {
        if ref.row < 0 || ref.column < 0 { fail("negative cell reference \(ref.row),\(ref.column)") }
        _ = ref.a1
    }

    /// A merged range: corners in order and not negative.
    public static func range(_ range: CellRange) {
        reference(range.start)
        reference(range.end)
        if range.start.row > range.end.row || range.start.column > range.end.column { fail("unordered range \(range)") }
        _ = range.a1
    }

    /// A value as the reader hands it out; dates are rendered as `inspect` renders them.
    public static func value(_ value: CellValue) {
        switch value {
        case .number(let d): if !d.isFinite { fail("non-finite number \(d)") }
        case .dateTime(let date):
            if !date.serial.isFinite { fail("non-finite date serial") }
            _ = date.isoString
        case .text, .bool, .error, .empty: break
        }
    }
}
