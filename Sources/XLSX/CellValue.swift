/// One cell's value, as the reader hands it out: a closed set, like calamine's `Data`.
public enum CellValue: Hashable, Sendable {
    /// Text from a shared string, an inline string or a formula's string result.
    case text(String)
    /// A number that no date format claims.
    case number(Double)
    /// `TRUE` or `FALSE`.
    case bool(Bool)
    /// A number shown with a date or time format, or an ISO 8601 `t="d"` cell.
    case dateTime(ExcelDateTime)
    /// An error value such as `#DIV/0!`.
    case error(String)
    /// Nothing: a cell that exists in the file but holds no value.
    case empty

    /// Whether the value is `.empty` or text made only of spaces of either width.
    public var isBlank: Bool {
        switch self {
        case .empty: return true
        case .text(let s): return s.unicodeScalars.allSatisfy(Self.isWhitespace)
        default: return false
        }
    }

    /// Unicode's White_Space property, spelled out: looking the property up was a noticeable cost,
    /// as every cell of every sheet is asked whether it is blank.
    @inline(__always)
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }
}
