import Forms
import XLSX

/// Small text tests the rules share: width folding, placeholders, e-mail and phone shapes.
///
/// Hand-written scalar loops rather than regular expressions: they run for every cell of every
/// sheet, and need no compilation per call. Whitespace is Unicode's White_Space property through
/// `LabelText.isWhitespace` (a switch over the same code points): the stdlib's property look-up
/// showed up in the profile of validating thousands of workbooks.
enum TextChecks {
    /// Folds full-width ASCII (`Ａ`, `１`, `＠`) to half-width, the ideographic space to a space,
    /// and trims spaces of either width at both ends.
    static func fold(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if (0xFF01...0xFF5E).contains(v), let half = Unicode.Scalar(v - 0xFEE0) {
                scalars.append(half)
            } else if v == 0x3000 {
                scalars.append(" ")
            } else {
                scalars.append(scalar)
            }
        }
        return trim(String(scalars))
    }

    /// Trims whitespace of either width (and line breaks) at both ends.
    static func trim(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var start = 0, end = scalars.count
        while start < end, LabelText.isWhitespace(scalars[start]) { start += 1 }
        while end > start, LabelText.isWhitespace(scalars[end - 1]) { end -= 1 }
        if start == 0, end == scalars.count { return text }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }

    /// Removes every whitespace scalar, so `協働 コミュニティ課` compares equal to `協働コミュニティ課`.
    static func squeeze(_ text: String) -> String {
        String(String.UnicodeScalarView(fold(text).unicodeScalars.filter { !LabelText.isWhitespace($0) }))
    }

    /// Whether text is empty or only spaces of either width.
    static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { LabelText.isWhitespace($0) }
    }

    /// A set of placeholders folded once, for `isPlaceholder`.
    struct PlaceholderSet: Sendable {
        let folded: Set<String>
        /// The longest folded placeholder, in scalars: longer texts are rejected without folding.
        let longest: Int

        init(_ placeholders: [String]) {
            folded = Set(placeholders.map { TextChecks.placeholderKey($0) })
            longest = folded.map(\.unicodeScalars.count).max() ?? 0
        }

        /// Whether the text, folded and with trailing 。or . removed, is one of the placeholders.
        func contains(_ text: String) -> Bool {
            // Real comments are long; count non-space scalars only as far as needed to tell.
            var visible = 0
            for scalar in text.unicodeScalars where !LabelText.isWhitespace(scalar) {
                visible += 1
                if visible > longest + 3 { return false }
            }
            return folded.contains(TextChecks.placeholderKey(text))
        }
    }

    /// Folds width, squeezes spaces, drops trailing 。 and . and lowercases ASCII.
    static func placeholderKey(_ text: String) -> String {
        var s = squeeze(text).lowercased()
        while let last = s.last, last == "。" || last == "." || last == "、" { s.removeLast() }
        return s
    }

    /// Whether text looks like an e-mail address: one `@`, a non-empty local part, a domain with a
    /// dot, no spaces, only ASCII. Full-width characters are folded first.
    static func isPlausibleEmail(_ text: String) -> Bool {
        let s = fold(text)
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        let local = parts[0], domain = parts[1]
        guard !local.isEmpty, !domain.isEmpty else { return false }
        let localAllowed: (Unicode.Scalar) -> Bool = { c in
            c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c) || "!#$%&'*+/=?^_`{|}~.-".unicodeScalars.contains(c))
        }
        guard local.unicodeScalars.allSatisfy(localAllowed), local.first != ".", local.last != "." else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for label in labels {
            guard !label.isEmpty, label.first != "-", label.last != "-",
                  label.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") })
            else { return false }
        }
        return labels.last!.unicodeScalars.allSatisfy { $0.properties.isAlphabetic } && labels.last!.count >= 2
    }

    /// Whether text looks like a Japanese phone number: 10 or 11 digits starting with 0, or `+81`
    /// followed by 9 or 10 digits; digits may be separated by hyphens, spaces or brackets.
    static func isPlausiblePhone(_ text: String) -> Bool {
        var s = fold(text)
        // Dashes people type in phone numbers: hyphen-minus, katakana long mark, minus signs.
        for dash in ["ー", "−", "‐", "–", "—", "―"] { s = s.replacingOccurrences(of: dash, with: "-") }
        var digits = ""
        var international = false
        for (index, c) in s.unicodeScalars.enumerated() {
            switch c {
            case "0"..."9": digits.unicodeScalars.append(c)
            case "-", " ", "(", ")": continue
            case "+" where index == 0: international = true
            default: return false
            }
        }
        if international {
            guard digits.hasPrefix("81") else { return false }
            let rest = digits.dropFirst(2)
            return (9...10).contains(rest.count) && rest.first != "0"
        }
        return digits.first == "0" && (10...11).contains(digits.count)
    }

    /// Reads a score written as text: `4`, `４`, `4点`, ` 4 `. Nil when it is not a whole number.
    static func integerFromText(_ text: String) -> Int? {
        var s = squeeze(text)
        if s.hasSuffix("点") { s.removeLast() }
        guard !s.isEmpty, s.count <= 6, s.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
        return Int(s)
    }
}
