import Foundation
import Forms
import XLSX

/// How cell and field values are spelled in the ledger's columns, and read back.
enum LedgerCoding {
    static func encode(_ raw: CellValue) -> (kind: String, text: String?, number: Double?) {
        switch raw {
        case .text(let s): return ("text", s, nil)
        case .number(let d): return ("number", nil, d)
        case .bool(let b): return ("bool", nil, b ? 1 : 0)
        case .dateTime(let date): return (date.is1904 ? "date1904" : "date", date.isoText, date.serial)
        case .error(let s): return ("error", s, nil)
        case .empty: return ("empty", nil, nil)
        }
    }

    static func decodeRaw(kind: String, text: String?, number: Double?) -> CellValue {
        switch kind {
        case "text": return .text(text ?? "")
        case "number": return .number(number ?? 0)
        case "bool": return .bool((number ?? 0) != 0)
        case "date", "date1904":
            return .dateTime(ExcelDateTime(serial: number ?? 0, is1904: kind == "date1904", isoText: text))
        case "error": return .error(text ?? "")
        default: return .empty
        }
    }

    static func encode(_ value: FieldValue) -> (kind: String, text: String?, number: Double?) {
        switch value {
        case .blank: return ("blank", nil, nil)
        case .text(let s): return ("text", s, nil)
        case .integer(let i): return ("integer", nil, Double(i))
        case .decimal(let d): return ("decimal", nil, d)
        case .fiscalYear(let y): return ("fiscal_year", nil, Double(y))
        case .yen(let y): return ("yen", nil, Double(y))
        case .unreadable(let s): return ("unreadable", s, nil)
        }
    }

    static func decodeValue(kind: String, text: String?, number: Double?) -> FieldValue {
        switch kind {
        case "text": return .text(text ?? "")
        case "integer": return .integer(Int(number ?? 0))
        case "decimal": return .decimal(number ?? 0)
        case "fiscal_year": return .fiscalYear(Int(number ?? 0))
        case "yen": return .yen(Int(number ?? 0))
        case "unreadable": return .unreadable(text ?? "")
        default: return .blank
        }
    }

    /// ISO 8601 in UTC with milliseconds, so text order is time order: `2024-05-01T09:30:00.250Z`.
    ///
    /// Written by hand rather than with `ISO8601DateFormatter`: intake stamps every file it takes, and
    /// making a formatter (ICU) per stamp cost more than the SQLite insert it went into. The text is
    /// the one `ISO8601DateFormatter` writes with `.withInternetDateTime, .withFractionalSeconds`
    /// (fractions of a millisecond cut off).
    static func timestamp(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let (days, millisecondOfDay) = milliseconds.quotientAndRemainderFloored(dividingBy: 86_400_000)
        let civil = ExcelDateTime.civilFromDays(Int(days))
        let seconds = millisecondOfDay / 1000
        var text = ExcelDateTime.dateText(year: civil.year, month: civil.month, day: civil.day)
        text += "T" + pad(seconds / 3600, 2) + ":" + pad(seconds / 60 % 60, 2) + ":" + pad(seconds % 60, 2)
        text += "." + pad(millisecondOfDay % 1000, 3) + "Z"
        return text
    }

    private static func pad(_ number: Int64, _ width: Int) -> String {
        let digits = String(number)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

extension Int64 {
    /// Quotient rounded towards minus infinity and a remainder that is never negative.
    fileprivate func quotientAndRemainderFloored(dividingBy divisor: Int64) -> (Int64, Int64) {
        let (q, r) = quotientAndRemainder(dividingBy: divisor)
        return r < 0 ? (q - 1, r + divisor) : (q, r)
    }
}
