import Core

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

/// A date or time as Excel holds it: a serial number of days, on the 1900 or the 1904 system.
/// An ISO 8601 `t="d"` cell keeps its text as written.
public struct ExcelDateTime: Hashable, Sendable {
    public var serial: Double
    public var is1904: Bool
    /// Text from a `t="d"` cell, kept as written.
    public var isoText: String?
    /// Whether the format shows elapsed time (`[h]:mm:ss`) rather than a point in time.
    public var isDuration: Bool

    public init(serial: Double, is1904: Bool = false, isoText: String? = nil, isDuration: Bool = false) {
        self.serial = serial
        self.is1904 = is1904
        self.isoText = isoText
        self.isDuration = isDuration
    }
}

/// A cell position, zero-based, with its A1 spelling.
public struct CellReference: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var row: Int
    public var column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// Parses `B7`, `$B$7` or `b7`; nil for anything else (`A1Reference.parse`).
    public init?(a1: String) {
        guard let (row, column) = A1Reference.parse(a1) else { return nil }
        self.init(row: row, column: column)
    }

    /// The A1 spelling, such as `D7`.
    public var a1: String {
        // Up to 3 letters and 7 digits (Excel needs 3 and 7) fit a small string: written in place, nothing allocated.
        // Reports ask for tens of thousands of these.
        guard (0..<18_278).contains(column), (0..<9_999_999).contains(row) else {
            return A1Reference.columnLetters(column) + String(row + 1)
        }
        return String(unsafeUninitializedCapacity: 10) { buffer in
            var letters = 0
            var n = column + 1
            while n > 0 {  // least significant letter first, reversed below
                buffer[letters] = UInt8(65 + (n - 1) % 26)
                n = (n - 1) / 26
                letters += 1
            }
            buffer[0..<letters].reverse()
            var digits = 0
            var number = row + 1
            repeat { digits += 1; number /= 10 } while number > 0
            number = row + 1
            for index in stride(from: letters + digits - 1, through: letters, by: -1) {
                buffer[index] = UInt8(48 + number % 10)
                number /= 10
            }
            return letters + digits
        }
    }
    public var description: String { a1 }

    public static func < (lhs: CellReference, rhs: CellReference) -> Bool {
        (lhs.row, lhs.column) < (rhs.row, rhs.column)
    }
}

/// A rectangle of cells, such as a merged range `A2:A9`.
public struct CellRange: Hashable, Sendable, CustomStringConvertible {
    public var start: CellReference
    public var end: CellReference

    public init(start: CellReference, end: CellReference) {
        self.start = CellReference(row: min(start.row, end.row), column: min(start.column, end.column))
        self.end = CellReference(row: max(start.row, end.row), column: max(start.column, end.column))
    }

    /// Parses `A1:B2`, or a single cell `A1` as a one-cell range.
    public init?(a1: String) {
        let parts = a1.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2,
              let first = CellReference(a1: String(parts[0])),
              let last = CellReference(a1: String(parts.last!)) else { return nil }
        self.init(start: first, end: last)
    }

    public func contains(_ ref: CellReference) -> Bool {
        (start.row...end.row).contains(ref.row) && (start.column...end.column).contains(ref.column)
    }

    public var a1: String { start.a1 + ":" + end.a1 }
    public var description: String { a1 }
}

/// Every value on one worksheet, with its merged ranges: what form extraction works on.
/// Empty cells are left out.
public struct SheetGrid: Hashable, Sendable {
    public var name: String
    public var cells: [CellReference: CellValue]
    public var merged: [CellRange]
    /// Cells holding a formula whose result was never stored (left out of `cells`).
    public var uncalculatedFormulas: Set<CellReference>
    /// In-cell dropdown lists, with the items of lists drawn from this sheet filled in.
    public var listValidations: [ListValidation]

    public init(name: String, cells: [CellReference: CellValue] = [:], merged: [CellRange] = [],
                uncalculatedFormulas: Set<CellReference> = [], listValidations: [ListValidation] = []) {
        self.name = name
        self.cells = cells
        self.merged = merged
        self.uncalculatedFormulas = uncalculatedFormulas
        self.listValidations = listValidations
    }

    /// The items of the dropdown lists covering `ref`.
    public func listItems(at ref: CellReference) -> [String] {
        listValidations.filter { $0.covers(ref) }.flatMap(\.items)
    }

    public subscript(_ ref: CellReference) -> CellValue { cells[ref] ?? .empty }

    /// The merged range that covers `ref`, if any.
    public func mergedRange(containing ref: CellReference) -> CellRange? {
        merged.first { $0.contains(ref) }
    }
}
