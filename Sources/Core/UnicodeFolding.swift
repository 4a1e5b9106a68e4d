import Foundation

/// NFKC, the fold under which staff's retyped text (full-width digits, half-width kana, ① …) compares
/// equal, with a fast path: Foundation's NFKC is the costly step of reading a sheet, and most text is
/// made only of characters it leaves alone.
public enum UnicodeFolding {
    /// `text` in NFKC; returned as it is when every scalar is one NFKC leaves alone.
    public static func nfkc(_ text: String) -> String {
        text.unicodeScalars.allSatisfy(isLeftAloneByNFKC) ? text : text.precomposedStringWithCompatibilityMapping
    }

    /// Whether NFKC leaves the scalar as it is, whatever surrounds it: the one table of the fast
    /// paths (`nfkc`, `LabelText`, `NameNormalizer`, `PhraseReplacer`). None of these scalars has a
    /// compatibility or canonical decomposition, and none is a combining mark, so a text made only of
    /// them is its own NFKC. Full-width letters, half-width kana, ① and the like fall outside.
    @inline(__always)
    public static func isLeftAloneByNFKC(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E, 0x0A, 0x0D, 0x09: return true
        case 0x3001...0x3003, 0x3005...0x3007: return true            // 、。〃 々〆〇
        case 0x3008...0x3011, 0x3014...0x301B: return true            // 〈〉《》「」『』【】 〔〕〖〗〘〙〚〛
        case 0x3041...0x3096, 0x30A1...0x30FC: return true            // kana, ・ ー (not the combining marks 3099–309C)
        case 0x4E00...0x9FFF: return true                             // CJK unified ideographs
        default: return false
        }
    }

    /// `isLeftAloneByNFKC` and not a space, tab or line break: a scalar that a fold which also
    /// removes whitespace keeps as it is.
    @inline(__always)
    public static func isKeptAsItIs(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value > 0x20 && isLeftAloneByNFKC(scalar)
    }

    /// Whether `needle`'s UTF-8 bytes occur in `haystack`'s: a substring test without Foundation's
    /// locale-aware search, for text already folded.
    public static func containsBytes(_ haystack: String, _ needle: String) -> Bool {
        var haystack = haystack, needle = needle
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in
                guard let first = n.first else { return true }
                guard h.count >= n.count else { return false }
                for start in 0...(h.count - n.count) where h[start] == first {
                    if memcmp(h.baseAddress! + start, n.baseAddress!, n.count) == 0 { return true }
                }
                return false
            }
        }
    }
}
