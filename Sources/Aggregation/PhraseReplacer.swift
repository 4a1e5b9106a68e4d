/// Replaces many phrases in a text in one pass, longest match first.
///
/// Indexed by each phrase's first two Unicode scalars, so the cost grows with the text's length,
/// not with the number of phrases: thousands of personal values or 団体名 stay cheap.
public struct PhraseReplacer: Sendable {
    private struct Pair: Hashable { var a: Unicode.Scalar; var b: Unicode.Scalar }
    private var index: [Pair: [(phrase: [Unicode.Scalar], replacement: String)]] = [:]

    /// Phrases shorter than two scalars are ignored: they would match almost anywhere.
    public init(_ pairs: [(phrase: String, replacement: String)]) {
        for (phrase, replacement) in pairs {
            let scalars = Array(phrase.unicodeScalars)
            guard scalars.count >= 2 else { continue }
            index[Pair(a: scalars[0], b: scalars[1]), default: []].append((scalars, replacement))
        }
        for key in index.keys {
            // Longest first; equal lengths by phrase, so the result never depends on input order.
            index[key]!.sort { ($0.phrase.count, String(String.UnicodeScalarView($0.phrase))) > ($1.phrase.count, String(String.UnicodeScalarView($1.phrase))) }
        }
    }

    public var isEmpty: Bool { index.isEmpty }

    /// The text with every phrase replaced.
    public func replace(in text: String) -> String {
        guard !index.isEmpty else { return text }
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 2 else { return text }
        var out = String.UnicodeScalarView()
        var i = 0, changed = false
        while i < scalars.count {
            if i + 1 < scalars.count, let candidates = index[Pair(a: scalars[i], b: scalars[i + 1])],
               let hit = candidates.first(where: { matches($0.phrase, scalars, at: i) }) {
                out.append(contentsOf: hit.replacement.unicodeScalars)
                i += hit.phrase.count
                changed = true
            } else {
                out.append(scalars[i])
                i += 1
            }
        }
        return changed ? String(out) : text
    }

    private func matches(_ phrase: [Unicode.Scalar], _ scalars: [Unicode.Scalar], at start: Int) -> Bool {
        guard start + phrase.count <= scalars.count else { return false }
        for k in 2..<phrase.count where scalars[start + k] != phrase[k] { return false }
        return true
    }
}
