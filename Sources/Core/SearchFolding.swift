import Foundation

/// The one fold under which texts are searched, by the 事例集's index and by `furikaeri search`: each
/// Unicode scalar on its own in NFKC, then lower-cased (so `ＮＰＯ`, `npo` and `NPO` are one word, and
/// half-width ｶﾀｶﾅ is カタカナ). Scalar by scalar, so that every folded character knows the
/// character of the original text it came from: matches are found in the folded text and shown in
/// the original. The 事例集's JavaScript folds the same way (`String.normalize('NFKC')` and
/// `toLowerCase()` on each code point), so its bigram index, built here, answers its queries.
public enum SearchFolding {
    /// The folded text.
    public static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        forEachFolded(text) { scalar, _ in out.append(scalar) }
        return String(out)
    }

    /// The folded text's scalars, each with the index (in `text.unicodeScalars`, counted from 0) of
    /// the original scalar it came from.
    public static func foldedScalars(_ text: String) -> (scalars: [Unicode.Scalar], origins: [Int]) {
        var scalars: [Unicode.Scalar] = [], origins: [Int] = []
        scalars.reserveCapacity(text.utf8.count)
        origins.reserveCapacity(text.utf8.count)
        forEachFolded(text) { scalar, origin in
            scalars.append(scalar)
            origins.append(origin)
        }
        return (scalars, origins)
    }

    /// The folded text's scalar values (for indexing, where origins are not needed).
    public static func foldedValues(_ text: String) -> [UInt32] {
        var values: [UInt32] = []
        values.reserveCapacity(text.utf8.count)
        forEachFolded(text) { scalar, _ in values.append(scalar.value) }
        return values
    }

    /// Hands each folded scalar to `body` with the index of the original scalar it came from. The
    /// commonest scalars (those that fold to themselves, ASCII letters, full-width ASCII) are folded
    /// here; only the others go through Foundation.
    @inline(__always)
    private static func forEachFolded(_ text: String, _ body: (Unicode.Scalar, Int) -> Void) {
        var view = String.UnicodeScalarView()
        var index = 0
        for scalar in text.unicodeScalars {
            defer { index += 1 }
            if foldsToItself(scalar) {
                body(scalar, index)
            } else if let ascii = asciiFold(scalar.value) {
                body(ascii, index)
            } else {
                view.removeAll(keepingCapacity: true)
                appendFolded(scalar, to: &view)
                for folded in view { body(folded, index) }
            }
        }
    }

    /// The words of a query: split at white space, each folded; empty words dropped.
    public static func words(_ query: String) -> [String] {
        query.split(whereSeparator: { $0.isWhitespace }).map { fold(String($0)) }.filter { !$0.isEmpty }
    }

    /// Whether `text` contains every word (already folded) once folded: the plain substring scan
    /// that both searches are held to.
    public static func contains(_ text: String, words: [String]) -> Bool {
        let folded = fold(text)
        return words.allSatisfy { UnicodeFolding.containsBytes(folded, $0) }
    }

    /// A piece of `text` around the first place one of `words` (folded) occurs, at most about
    /// `radius` characters either side, with the matched parts of the piece marked: pairs of
    /// (text, isMatch) in order. Nil when no word occurs.
    public static func snippet(_ text: String, words: [String], radius: Int = 30) -> [(text: String, isMatch: Bool)]? {
        let original = Array(text.unicodeScalars)
        let (folded, origins) = foldedScalars(text)
        var marked = [Bool](repeating: false, count: original.count)
        var first: Int?
        for word in words {
            let needle = Array(word.unicodeScalars)
            guard !needle.isEmpty, needle.count <= folded.count else { continue }
            var i = 0
            while i + needle.count <= folded.count {
                if folded[i] == needle[0], Array(folded[i..<i + needle.count]) == needle {
                    let start = origins[i], end = origins[i + needle.count - 1]
                    for k in start...end { marked[k] = true }
                    first = min(first ?? start, start)
                    i += needle.count
                } else {
                    i += 1
                }
            }
        }
        guard let first else { return nil }
        let from = max(0, first - radius), to = min(original.count, first + radius * 2)
        var pieces: [(text: String, isMatch: Bool)] = []
        var view = String.UnicodeScalarView(), current = marked.isEmpty ? false : marked[from]
        if from > 0 { pieces.append(("…", false)) }
        for k in from..<to {
            if marked[k] != current, !view.isEmpty {
                pieces.append((String(view), current))
                view.removeAll()
            }
            current = marked[k]
            view.append(original[k] == "\n" || original[k] == "\r" ? " " : original[k])
        }
        if !view.isEmpty { pieces.append((String(view), current)) }
        if to < original.count { pieces.append(("…", false)) }
        return pieces
    }

    /// Whether the scalar folds to itself: NFKC leaves it alone (`UnicodeFolding`'s one table) and it
    /// is not an upper-case ASCII letter.
    @inline(__always)
    static func foldsToItself(_ scalar: Unicode.Scalar) -> Bool {
        UnicodeFolding.isLeftAloneByNFKC(scalar) && !(0x41...0x5A).contains(scalar.value)
    }

    private static func appendFolded(_ scalar: Unicode.Scalar, to out: inout String.UnicodeScalarView) {
        let value = scalar.value
        if foldsToItself(scalar) {
            out.append(scalar)
        } else if let ascii = asciiFold(value) {
            out.append(ascii)
        } else {
            out.append(contentsOf: String(scalar).precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars)
        }
    }

    /// The fold of an ASCII letter, a full-width ASCII character (U+FF01–FF5E, which NFKC maps to
    /// U+0021–007E: （）！？ＮＰＯ are common in Japanese text) or the ideographic space, without
    /// Foundation; nil for any other scalar.
    @inline(__always)
    static func asciiFold(_ value: UInt32) -> Unicode.Scalar? {
        var ascii: UInt32
        switch value {
        case 0x41...0x5A: ascii = value
        case 0xFF01...0xFF5E: ascii = value - 0xFEE0
        case 0x3000: ascii = 0x20
        default: return nil
        }
        if (0x41...0x5A).contains(ascii) { ascii += 0x20 }
        return Unicode.Scalar(ascii)
    }
}
