import Core

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
