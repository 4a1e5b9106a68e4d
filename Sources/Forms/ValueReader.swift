import Core
import Foundation
import XLSX

/// Reads a cell's value by a field's type, as Excel shows it, noting what had to be normalised.
public enum ValueReader {
    /// A typed value and, when the cell had to be normalised to be read, a Japanese note saying how.
    public typealias Reading = (value: FieldValue, normalisation: String?)

    /// Reads `raw` as `type`; `choices` are used by `.choice`.
    public static func read(_ raw: CellValue, as type: FieldType, choices: [String] = []) -> Reading {
        if raw.isBlank { return (.blank, nil) }
        switch type {
        case .text: return (text(raw), nil)
        case .score:
            if case .text(let original) = raw, let n = scoreWithWords(original.foldedForComparison) {
                return (.integer(n), "「\(original.trimmedOfSpaces)」を\(n)として読みました。")
            }
            return number(raw, allowYearSuffix: false)
        case .integer: return number(raw, allowYearSuffix: true)
        case .year: return fiscalYear(raw)
        case .money: return yen(raw)
        case .choice: return choice(raw, choices: choices)
        }
    }

    /// The text Excel would show for a value: whole numbers without `.0`.
    public static func displayText(_ raw: CellValue) -> String {
        switch raw {
        case .text(let s): return s
        case .number(let d): return formatNumber(d)
        case .bool(let b): return b ? "TRUE" : "FALSE"
        case .dateTime(let dt): return dt.isoText ?? dateText(dt)
        case .error(let e): return e
        case .empty: return ""
        }
    }

    static func text(_ raw: CellValue) -> FieldValue {
        if case .error(let e) = raw { return .unreadable(e) }
        return .text(displayText(raw).trimmedOfSpaces)
    }

    static func formatNumber(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        return String(d)
    }

    /// Notes for text that had to be folded to be read as a number.
    static func foldingNote(original: String, extra: String? = nil) -> String {
        var notes: [String] = []
        if original.unicodeScalars.contains(where: { (0xFF10...0xFF19).contains($0.value) }) {
            notes.append("全角数字を半角に直して読みました")
        }
        if let extra { notes.append(extra) }
        if notes.isEmpty { notes.append("文字として入力された数字を数値として読みました") }
        return notes.joined(separator: "。") + "。"
    }

    /// Scores and whole numbers: `4`, `"4"`, `"４"`, `"4点"`, `"2年目"` (integer fields), `3.5` → decimal.
    static func number(_ raw: CellValue, allowYearSuffix: Bool) -> Reading {
        switch raw {
        case .number(let d): return (wholeOrDecimal(d), nil)
        case .text(let original):
            var s = original.foldedForComparison
            var extra: String?
            if s.hasSuffix("点") {
                s.removeLast()
                extra = "「\(original.trimmedOfSpaces)」の「点」を除いて読みました"
            } else if allowYearSuffix {
                for suffix in ["年目", "年次", "年"] where s.hasSuffix(suffix) {
                    s.removeLast(suffix.count)
                    extra = "「\(original.trimmedOfSpaces)」を数字として読みました"
                    break
                }
                if s.hasPrefix("第") { s.removeFirst() }
            }
            guard let d = Double(s), d.isFinite, s.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || $0 == "." || $0 == "-" })
            else { return (.unreadable(original.trimmedOfSpaces), nil) }
            return (wholeOrDecimal(d), foldingNote(original: original, extra: extra))
        default:
            return (.unreadable(displayText(raw)), nil)
        }
    }

    /// A level chosen from a list that spells out its meaning: `4：良い`, `4:良い`, `4 良い`, `4．良い`
    /// (folded: no spaces, half-width) → 4. The digit must be followed by words, so `4.5` and `45` are
    /// not read here.
    static func scoreWithWords(_ folded: String) -> Int? {
        var scalars = folded.unicodeScalars[...]
        guard let digit = scalars.first, ("1"..."5").contains(digit) else { return nil }
        scalars = scalars.dropFirst()
        if let separator = scalars.first, [":", ".", "、", ")", "-"].contains(separator) { scalars = scalars.dropFirst() }
        guard let word = scalars.first, !("0"..."9").contains(word), word != ".", word != "点" else { return nil }
        return Int(digit.value - 48)
    }

    static func wholeOrDecimal(_ d: Double) -> FieldValue {
        if d == d.rounded(), abs(d) < 1e15 { return .integer(Int(d)) }
        return .decimal(d)
    }

    /// 令和6年度, 令和元年度, R6, H30, 平成30年度, 2024年度, 2024 → the Western year of the April start.
    static func fiscalYear(_ raw: CellValue) -> Reading {
        switch raw {
        case .number(let d):
            if d == d.rounded(), (1900...2200).contains(d) { return (.fiscalYear(Int(d)), nil) }
            return (.unreadable(displayText(raw)), nil)
        case .text(let original):
            guard let year = FiscalYearText.parse(folded: original.foldedForComparison) else {
                return (.unreadable(original.trimmedOfSpaces), nil)
            }
            let fullWidth = original.unicodeScalars.contains { (0xFF10...0xFF19).contains($0.value) }
            return (.fiscalYear(year), fullWidth ? "全角数字を半角に直して読みました。" : nil)
        case .dateTime(let dt):
            guard let date = calendarDate(dt) else { return (.unreadable(displayText(raw)), nil) }
            let year = date.month >= 4 ? date.year : date.year - 1
            return (.fiscalYear(year), "日付（\(dateText(dt))）を含む年度として読みました。")
        default:
            return (.unreadable(displayText(raw)), nil)
        }
    }

    /// 1,200,000円, ¥1,200,000, \1,200,000, 120万円, 1.2万円, 1,200千円, plain numbers → yen.
    static func yen(_ raw: CellValue) -> Reading {
        switch raw {
        case .number(let d):
            guard d.isFinite, abs(d) < 1e15 else { return (.unreadable(displayText(raw)), nil) }
            return (.yen(Int(d.rounded())), nil)
        case .text(let original):
            guard let amount = parseYen(original.foldedForComparison) else {
                return (.unreadable(original.trimmedOfSpaces), nil)
            }
            return (.yen(amount), foldingNote(original: original, extra: "「\(original.trimmedOfSpaces)」を\(amount)円として読みました"))
        default:
            return (.unreadable(displayText(raw)), nil)
        }
    }

    static func parseYen(_ folded: String) -> Int? {
        var s = folded
        for noise in ["¥", "\\", "円", ",", "金", "也", "税込", "(税込)"] { s = s.replacingOccurrences(of: noise, with: "") }
        guard !s.isEmpty else { return nil }
        func decimal(_ part: Substring) -> Double? {
            guard !part.isEmpty, part.allSatisfy({ ("0"..."9").contains($0) || $0 == "." }) else { return nil }
            return Double(part)
        }
        var total = 0.0
        var rest = Substring(s)
        if let man = rest.firstIndex(of: "万") {
            guard let v = decimal(rest[..<man]) else { return nil }
            total += v * 10_000
            rest = rest[rest.index(after: man)...]
        }
        if let sen = rest.firstIndex(of: "千") {
            guard let v = decimal(rest[..<sen]), rest[rest.index(after: sen)...].isEmpty else { return nil }
            total += v * 1_000
            rest = rest[rest.endIndex...]
        }
        if !rest.isEmpty {
            guard let v = decimal(rest) else { return nil }
            total += v
        }
        guard total < 1e15 else { return nil }
        return Int(total.rounded())
    }

    /// A choice: kept as the canonical choice when it matches one after folding (or names exactly one
    /// of them inside longer text, such as 生活文化スポーツ部文化振興課); otherwise the text as written.
    static func choice(_ raw: CellValue, choices: [String]) -> Reading {
        let shown = displayText(raw).trimmedOfSpaces
        if case .error = raw { return (.unreadable(shown), nil) }
        if choices.contains(shown) { return (.text(shown), nil) }
        let folded = shown.foldedForComparison
        if let exact = choices.first(where: { $0.foldedForComparison == folded }) {
            return (.text(exact), "「\(shown)」を「\(exact)」として読みました。")
        }
        let containing = choices.filter { !$0.isEmpty && folded.contains($0.foldedForComparison) }
        if containing.count == 1 {
            return (.text(containing[0]), "「\(shown)」を「\(containing[0])」として読みました。")
        }
        return (.text(shown), nil)
    }

    /// Year, month and day of a date cell (`ExcelDateTime.components`, the one conversion); nil when
    /// the serial is out of range.
    static func calendarDate(_ dt: ExcelDateTime) -> (year: Int, month: Int, day: Int)? {
        guard dt.serial.isFinite, dt.serial >= 0, dt.serial < 2_958_466 else { return nil }
        let parts = dt.components
        return (parts.year, parts.month, parts.day)
    }

    static func dateText(_ dt: ExcelDateTime) -> String {
        guard let d = calendarDate(dt) else { return String(dt.serial) }
        return ExcelDateTime.dateText(year: d.year, month: d.month, day: d.day)
    }
}
