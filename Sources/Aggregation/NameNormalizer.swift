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

    /// Whether NFKC leaves `text` as it is and it holds no whitespace (`UnicodeFolding.isKeptAsItIs`).
    /// Full-width letters, half-width katakana, ideographic spaces and the like go through Foundation.
    public static func isNormal(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy(UnicodeFolding.isKeptAsItIs)
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
