import Foundation

/// Where a text came from, to name it when it cannot be encoded.
public struct TextOrigin: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var sheet: String
    public var cell: String

    public init(file: String, sheet: String = "", cell: String = "") {
        self.file = file
        self.sheet = sheet
        self.cell = cell
    }

    /// `a.xlsx のシート「Sheet1」セル D7`.
    public var description: String {
        var s = file
        if !sheet.isEmpty { s += " のシート「\(sheet)」" }
        if !cell.isEmpty { s += " セル \(cell)" }
        return s
    }
}

/// One CSV field: text (neutralised against formulas) or a number we formatted ourselves.
public enum CSVField: Hashable, Sendable {
    case text(String, origin: TextOrigin?)
    /// Digits we produced (a score, a mean): written as is, never neutralised, so `-1` stays a number.
    case number(String)

    public static func text(_ s: String) -> CSVField { .text(s, origin: nil) }

    /// A score or count, or an empty field.
    public static func integer(_ n: Int?) -> CSVField { .number(n.map(String.init) ?? "") }

    /// A mean or share with two decimals, or an empty field.
    public static func decimal(_ d: Double?) -> CSVField { .number(d.map { CSVFormat.decimal($0) } ?? "") }
}

/// Number formatting that does not depend on the locale.
public enum CSVFormat {
    /// `3.666…` → `3.67`.
    public static func decimal(_ value: Double) -> String { String(format: "%.2f", locale: nil, value) }
}

/// A CSV file in memory: a header and rows.
public struct CSVTable: Hashable, Sendable {
    /// The file name inside the output folder.
    public var fileName: String
    public var header: [String]
    public var rows: [[CSVField]]

    public init(fileName: String, header: [String], rows: [[CSVField]] = []) {
        self.fileName = fileName
        self.header = header
        self.rows = rows
    }

    /// RFC 4180 text with CRLF line ends, before encoding.
    public func renderedFields() -> [[CSVField]] {
        [header.map { CSVField.text($0) }] + rows
    }

    /// The table collected from rows produced one at a time.
    public init(_ rows: CSVRows) {
        var collected: [[CSVField]] = []
        collected.reserveCapacity(rows.expectedCount)
        rows.produce { collected.append($0) }
        self.init(fileName: rows.fileName, header: rows.header, rows: collected)
    }
}

/// A CSV file whose rows are made on demand, one at a time, for the encoder to turn into bytes
/// straight away: the reports' large tables (one row per reflection and viewpoint) are never held
/// as fields.
public struct CSVRows {
    /// The file name inside the output folder.
    public var fileName: String
    public var header: [String]
    /// Roughly how many rows `produce` makes, to size buffers.
    public var expectedCount: Int
    /// Calls its argument with each row, in order.
    public var produce: (([CSVField]) -> Void) -> Void

    public init(fileName: String, header: [String], expectedCount: Int = 0,
                produce: @escaping (([CSVField]) -> Void) -> Void) {
        self.fileName = fileName
        self.header = header
        self.expectedCount = expectedCount
        self.produce = produce
    }

    /// The rows of a table already in memory.
    public init(_ table: CSVTable) {
        self.init(fileName: table.fileName, header: table.header, expectedCount: table.rows.count) { emit in
            for row in table.rows { emit(row) }
        }
    }
}

/// Protection against CSV formula injection (CWE-1236).
///
/// Excel runs a field that starts with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula.
/// Such a text field gets a leading single quote (`'=1+1`), which Excel shows as text; the
/// full-width forms `＝＋－＠` are treated the same, since some Excel versions convert them. Numbers
/// we format ourselves (scores, means) are never changed.
public enum FormulaGuard {
    /// Whether Excel would take a text beginning with these UTF-8 bytes for a formula: it starts with
    /// = + - @, a tab or CR, or the full-width ＝ ＋ － ＠ (EF BC 9D / 8B / 8D / A0).
    static func startsFormula(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = utf8.first else { return false }
        switch first {
        case 0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D: return true
        case 0xEF: return utf8.count >= 3 && utf8[1] == 0xBC && [0x9D, 0x8B, 0x8D, 0xA0].contains(utf8[2])
        default: return false
        }
    }

    public static func neutralise(_ text: String) -> String {
        var text = text
        return text.withUTF8(startsFormula) ? "'" + text : text
    }
}

/// RFC 4180 field quoting.
enum CSVQuoting {
    /// Quotes a field when it holds a comma, a quote, CR or LF; line breaks inside become LF.
    static func quote(_ field: String) -> String {
        var bytes: [UInt8] = []
        append(field, guardingFormulas: false, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends a field's UTF-8 bytes to `out`, quoted as `quote` does and, with `guardingFormulas`,
    /// neutralised first (`FormulaGuard`): what `quote(FormulaGuard.neutralise(field))` gives, written
    /// straight into the file's bytes. Scans bytes: String.contains(String) goes through Foundation
    /// and is slow on Linux, and iterating `utf8` of a String element by element is slower than its buffer.
    static func append(_ field: String, guardingFormulas: Bool, to out: inout [UInt8]) {
        var field = field
        field.withUTF8 { bytes in
            var needsQuotes = false, hasCR = false, hasQuote = false
            for byte in bytes {
                switch byte {
                case 0x0D: hasCR = true; needsQuotes = true
                case 0x22: hasQuote = true; needsQuotes = true
                case 0x2C, 0x0A: needsQuotes = true
                default: break
                }
            }
            if needsQuotes { out.append(0x22) }
            if guardingFormulas && FormulaGuard.startsFormula(bytes) { out.append(0x27) }
            guard needsQuotes else {
                out.append(contentsOf: bytes)
                return
            }
            var previousCR = false
            for byte in bytes {
                if byte == 0x0A && previousCR { previousCR = false; continue }  // CRLF → LF, already written
                previousCR = byte == 0x0D
                if byte == 0x0D && hasCR { out.append(0x0A); continue }
                if byte == 0x22 && hasQuote { out.append(0x22) }
                out.append(byte)
            }
            out.append(0x22)
        }
    }
}
