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

    func javaScript() -> Data {
        var labels: [String] = [], labelIndex: [String: Int] = [:]
        var docs: [(project: Int, label: Int, text: String)] = []
        func add(_ project: Int, _ label: String, _ value: String) {
            guard !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return }
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
        let index = Self.bigramIndex(docs.map(\.text))
        let data: JSONValue = .object([
            "ui": ui(),
            "projects": .array(rows),
            "labels": .array(labels.map(JSONValue.string)),
            "docs": .array(docs.map { .array([.int($0.project), .int($0.label), .string($0.text)]) }),
            "index": .object(index.mapValues(JSONValue.string)),
        ])
        var bytes = Array("window.\(Self.globalName) = ".utf8)
        bytes += HTMLText.javaScriptLiteral(data)
        bytes += Array(";\n".utf8)
        return Data(bytes)
    }

    /// Bigram → posting list (see the type's comment).
    static func bigramIndex(_ texts: [String]) -> [String: String] {
        // Each text's distinct bigrams (two scalars packed in one integer), found in parallel; the
        // lists are then joined in text order.
        let perText: [[UInt64]] = Parallel.map(count: texts.count) { i in
            let scalars = SearchFolding.foldedScalars(texts[i]).scalars
            guard scalars.count >= 2 else { return [] }
            var seen = Set<UInt64>()
            seen.reserveCapacity(scalars.count)
            for k in 0..<(scalars.count - 1) { seen.insert(UInt64(scalars[k].value) << 32 | UInt64(scalars[k + 1].value)) }
            return Array(seen)
        }
        var lists: [UInt64: [Int]] = [:]
        for (i, bigrams) in perText.enumerated() {
            for bigram in bigrams { lists[bigram, default: []].append(i) }
        }
        var out: [String: String] = [:]
        out.reserveCapacity(lists.count)
        for (bigram, numbers) in lists {
            var key = String.UnicodeScalarView()
            key.append(Unicode.Scalar(UInt32(bigram >> 32))!)
            key.append(Unicode.Scalar(UInt32(bigram & 0xFFFF_FFFF))!)
            var text = "", last = 0
            for (k, n) in numbers.enumerated() {
                if k > 0 { text += "," }
                text += String(n - last, radix: 36)
                last = n
            }
            out[String(key)] = text
        }
        return out
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
