/// Replaces many phrases in a text in one pass, longest match first.
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
    public init(_ pairs: [(phrase: String, replacement: String)]) {
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
