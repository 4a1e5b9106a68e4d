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
