import Aggregation
import Core
import Forms
import Foundation
import Validation

/// `data.js`: the list's rows, every searchable text, and a character-bigram index of the texts,
/// built here once so that the browser only looks up the query's bigrams.
///
/// ```js
/// window.FURIKAERI_CASES = {
///   "ui": {…the page's words…},
///   "projects": [{"id","year","yearLabel","org","name","dept","form","category","phases":[…],"mean","page"}],
///   "labels": ["団体のコメント（最終）", …],
///   "docs": [[project, label, text], …],
///   "index": {"広報": "3,a,1k", …}
/// }
/// ```
///
/// A text is indexed under every pair of neighbouring characters of its folded form
/// (`SearchFolding`: NFKC and lower case, character by character). A posting list is the ascending
/// numbers of the texts holding the bigram, each written as its difference from the one before, in
/// base 36, joined by commas. `site.js` intersects the lists of a word's bigrams and then checks each
/// candidate text for the word itself (a one-character word is looked for in every text).
struct CaseSiteSearchData {
    var projects: [CaseSite.SiteProject]
    var text: CaseSiteText

    /// The global the site's script reads.
    static let globalName = "FURIKAERI_CASES"

    /// data.js, handed to `write` a piece of about 1 MB at a time as it is made: the texts first, then
    /// the index (built before any is written: the texts are folded and indexed on every core).
    func javaScript(into write: (Data) throws -> Void) throws {
        var labels: [String] = [], labelIndex: [String: Int] = [:]
        var docs: [(project: Int, label: Int, text: String)] = []
        func add(_ project: Int, _ label: String, _ value: String) {
            guard value.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else { return }
            let l: Int
            if let known = labelIndex[label] { l = known } else { l = labels.count; labelIndex[label] = l; labels.append(label) }
            docs.append((project, l, value))
        }
        var rows: [JSONValue] = []
        for (i, project) in projects.enumerated() {
            add(i, text.projectName, project.projectName)
            for row in project.rows {
                let s = row.submission
                add(i, text.of(text.orgCommentShort, phase: s.phase), s.orgComment)
                add(i, text.of(text.cityComment, phase: s.phase), s.cityComment)
                add(i, text.of(text.outlook, phase: s.phase), s.outlook)
                for v in Viewpoint.allCases { add(i, text.of(text.viewpointComment(v), phase: s.phase), s.viewpointComments[v] ?? "") }
            }
            if let p = project.proposal {
                for (label, value) in [(text.theme, p.theme), (text.localIssue, p.localIssue), (text.purpose, p.purpose),
                                       (text.description, p.description), (text.expectedEffect, p.expectedEffect),
                                       (text.orgRole, p.orgRole), (text.cityRole, p.cityRole)] {
                    add(i, text.ofProposal(label), value)
                }
            }
            var phases: [String] = []
            for row in project.rows where !phases.contains(text.phaseFilter(row.submission.phase)) {
                phases.append(text.phaseFilter(row.submission.phase))
            }
            if phases.isEmpty { phases = [text.proposalOnly] }
            let mean = project.main?.mean
            rows.append(.object([
                "id": .string(project.id), "year": .int(project.year), "yearLabel": .string(text.yearLabel(project.year)),
                "org": .string(project.orgName), "name": .string(project.projectName), "dept": .string(project.department),
                "form": .string(project.proposal?.collaborationForm ?? ""), "category": .string(project.proposal?.category ?? ""),
                "phases": .array(phases.map(JSONValue.string)),
                "mean": mean.map { .double(($0 * 100).rounded() / 100) } ?? .null,
                "page": .string(project.page),
            ]))
        }
        // The object is written member by member (in the JSON writer's key order), each piece by the
        // JSON writer, so that 150,000 texts are never one tree of JSON values in memory.
        let index = Self.bigramIndex(docs.map(\.text))
        var out = Data("window.\(Self.globalName) = {".utf8)
        var piece: [UInt8] = []
        func emit(_ ascii: String) { piece.append(contentsOf: ascii.utf8) }
        func flush() throws {
            HTMLText.appendJavaScriptSafe(piece, to: &out)
            piece.removeAll(keepingCapacity: true)
            if out.count >= 1 << 20 {
                try write(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        emit("\"docs\":[")
        for (n, doc) in docs.enumerated() {
            if n > 0 { emit(",") }
            // [project, label, "text"], as the JSON writer writes that array, without making it.
            emit("[\(doc.project),\(doc.label),")
            JSONValue.encodeString(doc.text, into: &piece)
            emit("]")
            if piece.count > 1 << 16 { try flush() }
        }
        emit("],\"index\":{")
        // Packed bigrams sort as their two characters do by code point: the JSON writer's key order.
        for (n, entry) in index.sorted(by: { $0.key < $1.key }).enumerated() {
            if n > 0 { emit(",") }
            JSONValue.string(Self.bigramText(entry.key)).encode(into: &piece)
            emit(":\"")
            piece.append(contentsOf: entry.value.bytes)  // digits and commas: nothing to escape
            emit("\"")
            if piece.count > 1 << 16 { try flush() }
        }
        emit("},\"labels\":")
        JSONValue.array(labels.map(JSONValue.string)).encode(into: &piece)
        emit(",\"projects\":")
        JSONValue.array(rows).encode(into: &piece)
        emit(",\"ui\":")
        ui().encode(into: &piece)
        emit("};\n")
        try flush()
        if !out.isEmpty { try write(out) }
    }

    /// Bigram (two scalars packed, the first in the high half) → posting list (see the type's comment).
    static func bigramIndex(_ texts: [String]) -> [UInt64: PostingList] {
        // The lists are written as they grow (a list of 10,000 numbers as integers would take 80 KB;
        // written, about 25 KB), from texts folded in parallel a chunk at a time.
        var lists: [UInt64: PostingList] = [:]
        let chunk = 4096
        for start in stride(from: 0, to: texts.count, by: chunk) {
            let end = min(texts.count, start + chunk)
            // Each text's distinct bigrams, in ascending order (sorted, not hashed: a text has few).
            let perText: [[UInt64]] = Parallel.map(count: end - start) { k in
                let values = SearchFolding.foldedValues(texts[start + k])
                guard values.count >= 2 else { return [] }
                var bigrams: [UInt64] = []
                bigrams.reserveCapacity(values.count - 1)
                for j in 0..<(values.count - 1) { bigrams.append(UInt64(values[j]) << 32 | UInt64(values[j + 1])) }
                bigrams.sort()
                var distinct = 0
                for i in bigrams.indices where distinct == 0 || bigrams[distinct - 1] != bigrams[i] {
                    bigrams[distinct] = bigrams[i]
                    distinct += 1
                }
                bigrams.removeLast(bigrams.count - distinct)
                return bigrams
            }
            for (k, bigrams) in perText.enumerated() {
                for bigram in bigrams { lists[bigram, default: PostingList()].append(start + k) }
            }
        }
        return lists
    }

    /// The two characters of a packed bigram.
    static func bigramText(_ bigram: UInt64) -> String {
        var key = String.UnicodeScalarView()
        key.append(Unicode.Scalar(UInt32(bigram >> 32))!)
        key.append(Unicode.Scalar(UInt32(bigram & 0xFFFF_FFFF))!)
        return String(key)
    }

    /// A posting list as its text: differences in base 36, joined by commas.
    struct PostingList {
        var bytes: [UInt8] = []
        var last = 0

        mutating func append(_ n: Int) {
            if !bytes.isEmpty { bytes.append(UInt8(ascii: ",")) }
            let delta = bytes.isEmpty ? n : n - last
            last = n
            // Digits most significant first, written in place (ten million postings: no array each).
            var width = 1, power = 36
            while power <= delta { width += 1; power *= 36 }
            let start = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: width))
            var rest = delta
            for k in stride(from: start + width - 1, through: start, by: -1) {
                let d = UInt8(rest % 36)
                bytes[k] = d < 10 ? 0x30 + d : 0x61 + d - 10
                rest /= 36
            }
        }
    }

    /// The words `site.js` shows, in the run's language (the script holds none of its own).
    private func ui() -> JSONValue {
        .object([
            "lang": .string(text.htmlLang),
            "all": .string(text.all),
            "noResults": .string(text.t("該当する事業はありません。", "No project matches.")),
            "results": .string(text.t("{n}件の事業が見つかりました。", "{n} project(s) found.")),
            "listed": .string(text.t("{n}件の事業を表示しています。", "{n} project(s) listed.")),
            "moreMatches": .string(text.t("ほか{n}か所", "and {n} more")),
            "notStated": .string(text.notStated),
            "matches": .string(text.matches),
            "phaseOrder": .array([Phase.interim, Phase.final].map { .string(text.phaseFilter($0)) } + [.string(text.proposalOnly)]),
        ])
    }
}
