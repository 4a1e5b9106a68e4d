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
        let folded = String(String.UnicodeScalarView(scalars)).precomposedStringWithCompatibilityMapping
        var kept = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars where !scalar.properties.isWhitespace {
            kept.append(scalar)
        }
        var key = String(kept).lowercased()
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
        default: return scalar.properties.isWhitespace
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
        guard key.contains("(") else { return key }
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
        for scalar in precomposedStringWithCompatibilityMapping.unicodeScalars
        where !scalar.properties.isWhitespace {
            kept.append(scalar)
        }
        return String(kept)
    }

    /// Trimmed of whitespace of either width, including line breaks.
    var trimmedOfSpaces: String {
        trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
