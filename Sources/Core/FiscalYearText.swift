import Foundation

/// The one reading of fiscal years as staff write them (the Western year of April: 令和6年度 → 2024):
/// a 実施年度 cell, `--year` or a setting (`parse`), and years inside longer text (`years(in:)`: a
/// title, a file name, a folder), where a date such as `令和7年3月31日` or `R7.3.31` is not a year.
public enum FiscalYearText {
    /// Reads a 実施年度 cell's text, already folded (NFKC, no spaces): 令和6年度, 令和元年度, R6, R.6, H30,
    /// 平成30年度, 2024年度, 2024 (a note in parentheses may follow); nil when it is not a year.
    public static func parse(folded: String) -> Int? {
        let s = folded.uppercased()
        let eras: [(prefixes: [String], base: Int)] = [
            (["令和", "R"], 2018), (["平成", "H"], 1988),
        ]
        for era in eras {
            for prefix in era.prefixes where s.hasPrefix(prefix) {
                var rest = Substring(s.dropFirst(prefix.count))
                if rest.first == "." { rest = rest.dropFirst() }
                let n: Int
                if rest.hasPrefix("元") {
                    n = 1
                    rest = rest.dropFirst()
                } else {
                    let digits = rest.prefix { ("0"..."9").contains($0) }
                    guard !digits.isEmpty, digits.count <= 2, let v = Int(digits) else { return nil }
                    n = v
                    rest = rest.dropFirst(digits.count)
                }
                guard n >= 1, isYearTail(rest) else { return nil }
                return era.base + n
            }
        }
        let digits = s.prefix { ("0"..."9").contains($0) }
        guard digits.count == 4, let year = Int(digits), isYearTail(s.dropFirst(4)) else { return nil }
        return year
    }

    /// What may follow the year: nothing, 年度, 年, or a note in parentheses such as `(2024年度)`.
    static func isYearTail(_ rest: Substring) -> Bool {
        var tail = rest
        for suffix in ["年度", "年"] where tail.hasPrefix(suffix) {
            tail = tail.dropFirst(suffix.count)
            break
        }
        return tail.isEmpty || tail.hasPrefix("(")
    }

    /// Every fiscal year the text names, in order (the Western year of April: 令和6年度 → 2024).
    public static func years(in text: String) -> [Int] {
        // Every year has a digit (ASCII or full-width) or is a first year (元年度); most text has neither.
        guard text.unicodeScalars.contains(where: { ("0"..."9").contains($0) || (0xFF10...0xFF19).contains($0.value) || $0 == "元" })
        else { return [] }
        // NFKC keeping the spaces: they part words, and `R6 …` is a year where `R6ふりかえり` is not.
        let scalars = Array(UnicodeFolding.nfkc(text).unicodeScalars)
        var years: [Int] = []
        var i = 0
        func digits(from start: Int, max: Int) -> (value: Int, end: Int)? {
            var end = start, value = 0
            while end < scalars.count, end - start < max, ("0"..."9").contains(scalars[end]) {
                value = value * 10 + Int(scalars[end].value - 48)
                end += 1
            }
            guard end > start, end == scalars.count || !("0"..."9").contains(scalars[end]) else { return nil }
            return (value, end)
        }
        func has(_ first: Unicode.Scalar, _ second: Unicode.Scalar? = nil, at position: Int) -> Bool {
            guard position < scalars.count, scalars[position] == first else { return false }
            guard let second else { return true }
            return position + 1 < scalars.count && scalars[position + 1] == second
        }
        func hasNendo(at position: Int) -> Bool { has("年", "度", at: position) }
        // Letters of any script (kanji and kana included) and digits; `_` separates words in file names.
        func isWordCharacter(_ s: Unicode.Scalar) -> Bool { s != "_" && (s.properties.isAlphabetic || ("0"..."9").contains(s)) }
        while i < scalars.count {
            let previous: Unicode.Scalar? = i > 0 ? scalars[i - 1] : nil
            let scalar = scalars[i]
            if has("令", "和", at: i) || has("平", "成", at: i) {
                let base = scalar == "令" ? 2018 : 1988
                let start = i + 2
                if has("元", at: start), hasNendo(at: start + 1) {
                    years.append(base + 1); i = start + 3; continue
                }
                if let (n, end) = digits(from: start, max: 2), n >= 1, hasNendo(at: end) {
                    years.append(base + n); i = end + 2; continue
                }
            } else if "RrHh".unicodeScalars.contains(scalar), previous.map({ !isWordCharacter($0) }) ?? true {
                let base = scalar == "R" || scalar == "r" ? 2018 : 1988
                if let (n, end) = digits(from: i + 1, max: 2), n >= 1 {
                    if hasNendo(at: end) { years.append(base + n); i = end + 2; continue }
                    let next: Unicode.Scalar? = end < scalars.count ? scalars[end] : nil
                    // R6 standing alone (R6_…, R6 …, (R6)) is a year; R6.3.31, R6/3, R6年3月, R6A and
                    // R6ネット are not, nor is the R of a word (法人R6).
                    if next == nil || !(isWordCharacter(next!) || [".", "/", "-"].contains(next!)) {
                        years.append(base + n); i = end; continue
                    }
                }
            } else if ("1"..."2").contains(scalar), previous.map({ !("0"..."9").contains($0) }) ?? true,
                      let (n, end) = digits(from: i, max: 4), end - i == 4, (1989...2200).contains(n), hasNendo(at: end) {
                years.append(n); i = end + 2; continue
            }
            i += 1
        }
        return years
    }
}

extension FiscalYearText {
    /// NFKC without whitespace: full-width digits and letters become ASCII.
    public static func fold(_ text: String) -> String {
        var kept = String.UnicodeScalarView()
        for scalar in UnicodeFolding.nfkc(text).unicodeScalars where !scalar.properties.isWhitespace {
            kept.append(scalar)
        }
        return String(kept)
    }

    /// Reads a year as staff type it anywhere (a 実施年度 cell, `--year`, a setting): 令和6年度, R6, 2024年度,
    /// 2024, full-width digits too; nil for anything else.
    public static func parse(_ text: String) -> Int? { parse(folded: fold(text)) }

    /// The fiscal year (Western year of April) of a day.
    public static func containing(year: Int, month: Int) -> Int { month >= 4 ? year : year - 1 }

    /// `2024` → `令和6年度`, `2019` → `令和元年度`, `2018` → `平成30年度`.
    public static func japanese(_ year: Int) -> String {
        if year >= 2019 { return year == 2019 ? "令和元年度" : "令和\(year - 2018)年度" }
        return year == 1989 ? "平成元年度" : "平成\(year - 1988)年度"
    }
}
