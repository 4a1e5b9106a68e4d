import Core
import Foundation

/// A cell's text reduced to a key that survives the ways staff retype labels.
///
/// Matching must not care about NFKC differences, spaces of either width, line breaks, a leading
/// `*`/`＊`/`※`, a trailing colon or a missing part in parentheses. Circled numbers (①) are read
/// before NFKC, which would otherwise turn ① into a bare 1.
public struct LabelText: Hashable, Sendable {
    /// The number printed before the label: ① or `1.` or `(1)`; nil when there is none.
    public var number: Int?
    /// NFKC, no whitespace, no leading marks or number, no trailing colon, lowercased.
    public var key: String
    /// `key` with every parenthesised part removed: `団体のコメント(今後…)` → `団体のコメント`.
    public var keyWithoutParentheses: String

    /// Normalises `text`. Costs one NFKC pass; callers index a sheet once and reuse the result.
    public init(_ text: String) {
        var scalars = Substring(text).unicodeScalars.drop(while: LabelText.isLeadingNoise)
        var number: Int?
        if let first = scalars.first, let n = LabelText.circledNumber(first) {
            number = n
            scalars = scalars.dropFirst().drop(while: LabelText.isLeadingNoise)
        }
        var kept = String.UnicodeScalarView()
        let fast = scalars.allSatisfy(UnicodeFolding.isLeftAloneByNFKC)
        if fast {
            // Fast path: fold ASCII capitals and drop whitespace in one pass, no NFKC.
            for scalar in scalars where !LabelText.isSpace(scalar) {
                kept.append(("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32)! : scalar)
            }
        } else {
            let folded = String(String.UnicodeScalarView(scalars)).precomposedStringWithCompatibilityMapping
            for scalar in folded.unicodeScalars where !LabelText.isWhitespace(scalar) { kept.append(scalar) }
        }
        var key = fast ? String(kept) : String(kept).lowercased()
        while let first = key.unicodeScalars.first, LabelText.isLeadingNoise(first) {
            key.removeFirst()
        }
        if number == nil, let (n, rest) = LabelText.splitPrintedNumber(key) {
            number = n
            key = rest
        }
        while let last = key.last, last == ":" || last == "】" || last == "]" { key.removeLast() }
        self.number = number
        self.key = key
        self.keyWithoutParentheses = LabelText.removingParentheses(key)
    }

    /// Unicode's White_Space property, by a switch: the property look-up is costly per scalar.
    public static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// ASCII whitespace (the only whitespace a scalar left alone by NFKC can be).
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\n" || scalar == "\r" || scalar == "\t"
    }

    /// ①–⑳, ❶–❿ and ➀–➉ as 1–20; nil for any other scalar.
    public static func circledNumber(_ scalar: Unicode.Scalar) -> Int? {
        let v = scalar.value
        switch v {
        case 0x2460...0x2473: return Int(v - 0x2460) + 1
        case 0x2776...0x277F: return Int(v - 0x2776) + 1
        case 0x2780...0x2789: return Int(v - 0x2780) + 1
        case 0x278A...0x2793: return Int(v - 0x278A) + 1
        default: return nil
        }
    }

    /// Marks that decorate the start of a label: asterisks for required fields, bullets, spaces.
    static func isLeadingNoise(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "*", "＊", "※", "・", "■", "□", "●", "○", "◆", "◇", "★", "☆", "◎", "【", "[": return true
        default: return LabelText.isWhitespace(scalar)
        }
    }

    /// Reads a printed number such as `1.`, `1)`, `(1)` or `1、` at the start of a folded key.
    /// A bare leading digit (`2024年度`) is not a label number and is left alone.
    static func splitPrintedNumber(_ key: String) -> (Int, String)? {
        var scalars = Substring(key).unicodeScalars[...]
        let opened = scalars.first == "("
        if opened { scalars = scalars.dropFirst() }
        var value = 0, digits = 0
        while let s = scalars.first, ("0"..."9").contains(s), digits < 2 {
            value = value * 10 + Int(s.value - 48)
            digits += 1
            scalars = scalars.dropFirst()
        }
        guard digits > 0, let next = scalars.first else { return nil }
        if opened {
            guard next == ")" else { return nil }
        } else {
            guard next == "." || next == ")" || next == "、" || next == "," || next == ":" else { return nil }
        }
        scalars = scalars.dropFirst()
        return (value, String(String.UnicodeScalarView(scalars)))
    }

    /// Removes `(…)` parts (NFKC has already turned `（）` into `()`); an unclosed `(` ends the text.
    static func removingParentheses(_ key: String) -> String {
        guard key.utf8.contains(UInt8(ascii: "(")) else { return key }
        var out = String.UnicodeScalarView()
        var depth = 0
        for scalar in key.unicodeScalars {
            if scalar == "(" { depth += 1; continue }
            if scalar == ")" { if depth > 0 { depth -= 1 }; continue }
            if depth == 0 { out.append(scalar) }
        }
        return String(out)
    }
}

extension String {
    /// NFKC with all whitespace removed: how choices and values are compared.
    var foldedForComparison: String {
        var kept = String.UnicodeScalarView()
        for scalar in UnicodeFolding.nfkc(self).unicodeScalars where !LabelText.isWhitespace(scalar) {
            kept.append(scalar)
        }
        return String(kept)
    }

    /// Trimmed of whitespace of either width, including line breaks.
    var trimmedOfSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !LabelText.isWhitespace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !LabelText.isWhitespace($0) }) ?? first
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return self }
        return String(scalars[first...last])
    }
}
