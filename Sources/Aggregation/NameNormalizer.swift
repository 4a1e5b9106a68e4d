import Core
import Foundation

/// Normalises names for linking: NFKC, then every kind of space removed.
public enum NameNormalizer {
    /// `ＮＰＯ法人　みどり の会` → `NPO法人みどりの会`.
    public static func normalize(_ text: String) -> String {
        // Most names are already normal; skip Foundation (slow on Linux) for them.
        if isNormal(text) { return text }
        let nfkc = text.precomposedStringWithCompatibilityMapping
        var scalars = String.UnicodeScalarView()
        for scalar in nfkc.unicodeScalars where !scalar.properties.isWhitespace {
            scalars.append(scalar)
        }
        return String(scalars)
    }

    /// Whether NFKC leaves `text` as it is and it holds no whitespace: every character is printable
    /// ASCII (not space), hiragana, katakana, a CJK unified ideograph, ・ ー 々 〆 or 〇. None of these
    /// has a compatibility or canonical decomposition that changes it, and without combining marks
    /// nothing can compose. Full-width letters, half-width katakana, ideographic spaces and the like
    /// fall outside and go through Foundation.
    public static func isNormal(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            switch scalar.value {
            case 0x21...0x7E, 0x3005...0x3007, 0x3041...0x3096, 0x30A1...0x30FA, 0x30FB, 0x30FC, 0x4E00...0x9FFF:
                return true
            default:
                return false
            }
        }
    }
}

/// 令和/平成 labels for a fiscal year given as the Western year of its April.
public enum FiscalYearLabel {
    /// `2024` → `令和6年度`, `2019` → `令和元年度`, `2018` → `平成30年度`.
    public static func japanese(_ year: Int) -> String { FiscalYearText.japanese(year) }

    /// `2024` → `R6`, `2018` → `H30`: short, ASCII, for IDs.
    public static func short(_ year: Int) -> String {
        year >= 2019 ? "R\(year - 2018)" : "H\(year - 1988)"
    }
}

/// A 64-bit FNV-1a hash: small, fixed across platforms and runs (unlike `Hasher`).
public enum StableHash {
    public static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    /// The hash as upper-case hexadecimal, 16 digits.
    public static func hex(_ text: String) -> String {
        let digits = String(fnv1a(text), radix: 16, uppercase: true)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
