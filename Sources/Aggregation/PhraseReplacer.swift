import Core
import Foundation

/// Replaces many phrases in a text in one pass, longest match first.
///
/// With `ignoringWidthAndSpaces`, phrases match whatever the width of their letters and digits and
/// whatever spaces sit inside them (`架空 花子` matches `架空花子` and `架空　花子`; `NPO` matches `ＮＰＯ`):
/// phrases are stored normalised (`NameNormalizer`) and each text is compared in the same form,
/// the replacement covering the original characters.
///
/// The phrases sit in a trie of Unicode scalars, so the cost grows with the text's length, not
/// with the number or the shared prefixes of the phrases (thousands of phone numbers that all
/// start with `03-` stay cheap). Two bit tables of first scalars and first pairs let most texts
/// through without touching the trie.
public struct PhraseReplacer: Sendable {
    /// Trie edges in one table, keyed by parent node and scalar (`node << 21 | scalar`); node 0 is
    /// the root. One table instead of a dictionary per node keeps 40,000 phrases cheap to index.
    private var edges: [UInt64: Int32] = [:]
    private var nodeCount = 1
    /// For each node, the index in `replacements` of the phrase that ends there, or -1.
    private var terminal: [Int32] = [-1]
    private var replacements: [String] = []
    private var firstScalars = [Bool](repeating: false, count: 65_536)
    private var firstPairs = [Bool](repeating: false, count: 65_536)
    /// Whether phrases match ignoring width and spaces.
    public private(set) var ignoresWidthAndSpaces = false

    @inline(__always)
    private static func edge(_ node: Int, _ scalar: Unicode.Scalar) -> UInt64 {
        UInt64(node) << 21 | UInt64(scalar.value)
    }

    @inline(__always)
    private static func slot(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Int {
        Int((a.value &* 0x9E37_79B1 ^ b.value &* 0x85EB_CA6B) >> 16 & 0xFFFF)
    }

    /// Phrases shorter than two scalars are ignored: they would match almost anywhere. When one
    /// phrase is given twice, the replacement that sorts first wins, so input order never matters.
    public init(_ pairs: [(phrase: String, replacement: String)], ignoringWidthAndSpaces: Bool = false) {
        ignoresWidthAndSpaces = ignoringWidthAndSpaces
        let pairs = ignoringWidthAndSpaces ? pairs.map { (NameNormalizer.normalize($0.phrase), $0.replacement) } : pairs
        let ordered = pairs.sorted { a, b in
            a.phrase != b.phrase ? ByteOrder.less(a.phrase, b.phrase) : ByteOrder.less(a.replacement, b.replacement)
        }
        for (phrase, replacement) in ordered {
            let scalars = Array(phrase.unicodeScalars)
            guard scalars.count >= 2 else { continue }
            var node = 0
            for scalar in scalars {
                let key = Self.edge(node, scalar)
                if let next = edges[key] {
                    node = Int(next)
                } else {
                    terminal.append(-1)
                    edges[key] = Int32(nodeCount)
                    node = nodeCount
                    nodeCount += 1
                }
            }
            guard terminal[node] < 0 else { continue }
            terminal[node] = Int32(replacements.count)
            replacements.append(replacement)
            firstScalars[Int(scalars[0].value & 0xFFFF)] = true
            firstPairs[Self.slot(scalars[0], scalars[1])] = true
        }
    }

    public var isEmpty: Bool { replacements.isEmpty }

    /// The text with every phrase replaced.
    public func replace(in text: String) -> String {
        guard !replacements.isEmpty else { return text }
        if ignoresWidthAndSpaces, !text.unicodeScalars.allSatisfy(UnicodeFolding.isKeptAsItIs) {
            return replaceFolded(in: text)
        }
        let view = text.unicodeScalars
        var out: String.UnicodeScalarView?
        var copiedUpTo = view.startIndex
        var i = view.startIndex
        while i != view.endIndex {
            let next = view.index(after: i)
            guard next != view.endIndex else { break }
            let a = view[i]
            if firstScalars[Int(a.value & 0xFFFF)], firstPairs[Self.slot(a, view[next])],
               let (end, replacement) = longestMatch(in: view, at: i) {
                // Copy only once something matched: most texts hold no phrase and are returned as is.
                if out == nil { out = String.UnicodeScalarView() }
                out!.append(contentsOf: view[copiedUpTo..<i])
                out!.append(contentsOf: replacements[replacement].unicodeScalars)
                copiedUpTo = end
                i = end
                continue
            }
            i = next
        }
        guard var result = out else { return text }
        result.append(contentsOf: view[copiedUpTo...])
        return String(result)
    }

    /// `replace(in:)` for a text that normalising changes: matched on its folded scalars, each of
    /// which knows the original scalar it came from; a match replaces the original scalars it spans.
    private func replaceFolded(in text: String) -> String {
        let view = text.unicodeScalars
        let (folded, origin, ends) = WidthFolding.fold(view)
        var out = String.UnicodeScalarView()
        var copiedUpTo = view.startIndex
        var i = 0
        while i + 1 < folded.count {
            let a = folded[i]
            if firstScalars[Int(a.value & 0xFFFF)], firstPairs[Self.slot(a, folded[i + 1])],
               origin[i] >= copiedUpTo, let (end, replacement) = longestMatch(in: folded, at: i) {
                out.append(contentsOf: view[copiedUpTo..<origin[i]])
                out.append(contentsOf: replacements[replacement].unicodeScalars)
                copiedUpTo = ends[end - 1]
                i = end
                continue
            }
            i += 1
        }
        out.append(contentsOf: view[copiedUpTo...])
        return String(out)
    }

    /// `longestMatch` over folded scalars: the end offset of the longest phrase at `start`.
    private func longestMatch(in scalars: [Unicode.Scalar], at start: Int) -> (Int, Int)? {
        var node = 0, position = start
        var best: (Int, Int)?
        while position < scalars.count, let next = edges[Self.edge(node, scalars[position])] {
            node = Int(next)
            position += 1
            if terminal[node] >= 0 { best = (position, Int(terminal[node])) }
        }
        return best
    }

    /// The end of the longest phrase that starts at `start`, with its replacement's index.
    private func longestMatch(in view: String.UnicodeScalarView, at start: String.UnicodeScalarView.Index)
        -> (String.UnicodeScalarView.Index, Int)? {
        var node = 0, position = start
        var best: (String.UnicodeScalarView.Index, Int)?
        while position != view.endIndex, let next = edges[Self.edge(node, view[position])] {
            node = Int(next)
            position = view.index(after: position)
            if terminal[node] >= 0 { best = (position, Int(terminal[node])) }
        }
        return best
    }
}

/// The scalar-by-scalar form of `NameNormalizer.normalize` that `PhraseReplacer` compares texts in:
/// NFKC, spaces removed, each folded scalar remembering the original one it came from.
enum WidthFolding {
    /// The folded scalars of a text and, for each, where its original scalars start and end.
    static func fold(_ view: String.UnicodeScalarView)
        -> ([Unicode.Scalar], [String.UnicodeScalarView.Index], [String.UnicodeScalarView.Index]) {
        var folded: [Unicode.Scalar] = [], origin: [String.UnicodeScalarView.Index] = []
        var ends: [String.UnicodeScalarView.Index] = []
        folded.reserveCapacity(view.count)
        origin.reserveCapacity(view.count)
        ends.reserveCapacity(view.count)
        var i = view.startIndex
        while i != view.endIndex {
            let scalar = view[i], next = view.index(after: i)
            defer { i = next }
            if UnicodeFolding.isKeptAsItIs(scalar) {  // most of a Japanese text: no folding at all
                folded.append(scalar)
                origin.append(i)
                ends.append(next)
            } else if scalar.properties.isWhitespace {
                // dropped
            } else if (0xFF01...0xFF5E).contains(scalar.value) {
                folded.append(Unicode.Scalar(scalar.value - 0xFEE0)!)  // full-width ASCII
                origin.append(i)
                ends.append(next)
            } else {
                for f in String(scalar).precomposedStringWithCompatibilityMapping.unicodeScalars
                where !f.properties.isWhitespace {
                    // A half-width voiced mark joins the kana before it, as NFKC of the whole text does.
                    if f.value == 0x3099 || f.value == 0x309A, let last = folded.last {
                        let joined = (String(last) + String(f)).precomposedStringWithCanonicalMapping.unicodeScalars
                        if joined.count == 1 {
                            folded[folded.count - 1] = joined.first!
                            ends[ends.count - 1] = next
                            continue
                        }
                    }
                    folded.append(f)
                    origin.append(i)
                    ends.append(next)
                }
            }
        }
        return (folded, origin, ends)
    }
}
