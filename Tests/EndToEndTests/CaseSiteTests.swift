import Foundation
import Testing
import TestSupport

// The 事例集 (output/事例集/), read with readers we did not write: Python's html.parser and json
// (Tests/oracles/check_site.py) for every file, and headless Chromium for what a browser shows from
// file://, scripts run. And `furikaeri search` against a plain substring scan of the texts that
// `validate --json` reads from the same files.

/// A sheet whose texts are hostile to HTML and JavaScript: a script element, ampersands, both quotes,
/// U+2028 and a `</script>` inside the 事業名.
private var hostileSheet: [String: Any] { [
    "org": "悪意のある会", "project": "</script><b>太字</b>事業 & \"引用\"", "year": "令和6年度", "phase": "最終",
    "scores": [4, 4, 3, 4, 5, 4, 3], "seed": 7,
    "org_comment": "<script>alert(\"x&y\")</script> 'single' & \"double\" 広報\u{2028}次の行",
    "city_comment": "<img src=x onerror=alert(1)>市も広報した。",
] }

private func makeHostileSheet(at path: String) throws {
    let scratch = try makeTemporaryDirectory("hostile-spec")
    defer { try? FileManager.default.removeItem(at: scratch) }
    var spec = hostileSheet
    spec["path"] = path
    let specURL = scratch.appendingPathComponent("spec.json")
    try JSONSerialization.data(withJSONObject: [spec]).write(to: specURL)
    _ = try OpenpyxlOracle.run("make_reflection_sheets.py", [specURL.path])
}

/// What check_site.py reports about a site folder.
private func checkSite(_ folder: URL) throws -> [String: Any] {
    try PythonOracle.run("check_site.py", [folder.path]) as! [String: Any]
}

/// `process` over samples/ and the hostile sheet; returns the output folder (remove its parent).
private func processedSamples(_ extra: [String] = []) throws -> URL {
    let input = try Outputs.copyOfSamples()
    defer { try? FileManager.default.removeItem(at: input) }
    try makeHostileSheet(at: input.appendingPathComponent("R06_悪意_最終.xlsx").path)
    let (run, out) = try Outputs.process([input.path] + extra)
    #expect(run.status == 0, "\(run.stderr)")
    return out
}

/// The search's fold, written again here with whole-string Foundation calls: NFKC, then lower case.
private func fold(_ text: String) -> String { text.precomposedStringWithCompatibilityMapping.lowercased() }

/// The 事業ID of a page's key in `check_site.py`'s pages (`projects/2024-001.html#R6-…`).
private func projectID(_ key: String) -> String { String(key[key.index(after: key.lastIndex(of: "#")!)...]) }

/// The 事業IDs of the rows a dumped index shows.
private func rowIDs(_ dom: String) -> [String] {
    let regex = try! NSRegularExpression(pattern: "<tr data-id=\"([^\"]+)\"")
    return regex.matches(in: dom, range: NSRange(dom.startIndex..., in: dom)).map { String(dom[Range($0.range(at: 1), in: dom)!]) }
}

@Suite(.serialized) struct CaseSiteTests {
    @Test func everyFileIsWellFormedLocalAndEscaped() throws {
        let out = try processedSamples()
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        let site = out.appendingPathComponent("事例集")
        let facts = try checkSite(site)
        #expect((facts["problems"] as! [String]).isEmpty, "\(facts["problems"]!)")
        let files = facts["files"] as! [String]
        #expect(files.contains("index.html") && files.contains("data.js") && files.contains("site.js") && files.contains("site.css"))
        // No hidden temporary folder or file is left beside or inside the site.
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).allSatisfy { !$0.hasPrefix(".") })
        #expect(files.allSatisfy { !($0 as NSString).lastPathComponent.hasPrefix(".") })

        let data = facts["data"] as! [String: Any]
        let ids = data["ids"] as! [String]
        let pages = facts["pages"] as! [String: [String: Any]]
        #expect(ids.count >= 15)
        #expect(pages.keys.map(projectID).sorted() == ids.sorted(), "one page (article) per listed project")
        #expect(Set(data["pages"] as! [String]) == Set(pages.keys), "the list links each project to its article")
        // Several projects share a file (at most CaseSite.projectsPerFile), each year's in files of their own.
        let pageFiles = Set(files.filter { $0.hasPrefix("projects/") })
        #expect(pageFiles == Set(pages.keys.map { String($0.prefix { $0 != "#" }) }))
        #expect(pageFiles.count < ids.count && pageFiles.allSatisfy { $0.range(of: #"^projects/20[0-9]{2}-[0-9]{3}\.html$"#, options: .regularExpression) != nil })
        #expect(data["raw_lt"] as? Bool == false, "data.js writes every < as \\u003c")
        #expect(data["raw_u2028"] as? Bool == false, "data.js escapes U+2028/2029")
        let index = facts["index"] as! [String: Any]
        #expect(index["lang"] as? String == "ja")
        #expect(index["scripts"] as? [String] == ["data.js", "site.js"])
        #expect((index["labels"] as! [String: String]).count == 7)

        // The hostile texts are shown as text on their page, which holds no script at all.
        let hostile = try #require(pages.values.first { ($0["h1"] as? String)?.contains("太字") == true })
        let text = hostile["text"] as! String
        #expect(hostile["h1"] as? String == "</script><b>太字</b>事業 & \"引用\"")
        #expect(text.contains("<script>alert(\"x&y\")</script> 'single' & \"double\" 広報"), "\(text)")
        #expect(text.contains("<img src=x onerror=alert(1)>市も広報した。"))
        #expect((hostile["scripts"] as! [Any]).isEmpty)
        // Every text reaches data.js intact.
        let texts = data["texts"] as! [String]
        #expect(texts.contains(hostileSheet["org_comment"] as! String))
    }

    @Test(.enabled(if: Chromium.path != nil, "needs headless Chromium (Debian package chromium)"))
    func chromiumShowsTheProjectsAQueryInTheURLFinds() throws {
        let out = try processedSamples()
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        let site = out.appendingPathComponent("事例集")
        let facts = try checkSite(site)
        let pages = facts["pages"] as! [String: [String: Any]]
        let index = site.appendingPathComponent("index.html").path
        // Expected: the pages whose text (read by html.parser from the static page) holds the word.
        func expected(_ word: String) -> Set<String> {
            Set(pages.filter { fold($0.value["text"] as! String).contains(fold(word)) }.keys.map(projectID))
        }
        let all = try Chromium.dumpDOM(Chromium.fileURL(index))
        #expect(Set(rowIDs(all)) == Set(pages.keys.map(projectID)))

        let koho = try Chromium.dumpDOM(Chromium.fileURL(index, fragment: "q=広報"))
        let found = rowIDs(koho)
        #expect(found.count >= 5)
        #expect(Set(found) == expected("広報"), "\(found)")
        #expect(koho.contains("<mark>広報</mark>"))
        #expect(koho.contains("data-count=\"\(found.count)\""))
        let ms = try #require(koho.firstMatch(of: #/data-ms="([0-9.]+)"/#).map { Double($0.1)! })
        #expect(ms < 1000)
        // ?q= works as #q= does; a filter in the URL narrows the rows.
        #expect(Set(rowIDs(try Chromium.dumpDOM(Chromium.fileURL(index, query: "q=広報")))) == Set(found))
        let r7 = rowIDs(try Chromium.dumpDOM(Chromium.fileURL(index, fragment: "q=広報&year=2025")))
        #expect(!r7.isEmpty && r7.allSatisfy { $0.hasPrefix("R7-") } && Set(r7) == Set(found.filter { $0.hasPrefix("R7-") }))
        // Width and case folded; several words must all occur in one text.
        let data = facts["data"] as! [String: Any]
        let docTexts = data["texts"] as! [String], docIDs = data["doc_ids"] as! [String]
        let npo = Set(zip(docTexts, docIDs).filter { fold($0.0).contains("npo") }.map(\.1))
        #expect(Set(rowIDs(try Chromium.dumpDOM(Chromium.fileURL(index, fragment: "q=ＮＰＯ")))) == npo)
        #expect(rowIDs(try Chromium.dumpDOM(Chromium.fileURL(index, fragment: "q=広報 存在しない語"))).isEmpty)

        // A hostile text found by the search is shown as text: no element is made from it.
        let hostile = try Chromium.dumpDOM(Chromium.fileURL(index, fragment: "q=alert"))
        #expect(rowIDs(hostile).count == 1)
        #expect(hostile.contains("&lt;script&gt;<mark>alert</mark>(\"x&amp;y\")&lt;/script&gt;"), "\(hostile)")
        #expect(!hostile.contains("<script>alert") && !hostile.contains("<img src=\"x\""))
    }

    @Test(.enabled(if: Chromium.path != nil, "needs headless Chromium (Debian package chromium)"))
    func aProjectPageRendersToAScreenshotAndPrintsAlone() throws {
        let out = try processedSamples()
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        let site = out.appendingPathComponent("事例集")
        let pages = try checkSite(site)["pages"] as! [String: [String: Any]]
        func file(_ key: String) -> String { String(key.prefix { $0 != "#" }) }
        // A project with a chart (a project whose 最終 went back, such as 省エネ's 令和5 with only
        // 「特になし」, has none) in a file that holds other projects too.
        let key = try #require(pages.keys.sorted().first { key in
            (pages[key]!["ids"] as! [String]).contains { $0.hasSuffix("-r1-chart") }
                && pages.keys.filter { file($0) == file(key) }.count > 2
        })
        let path = site.appendingPathComponent(file(key)).path
        let url = Chromium.fileURL(path, fragment: projectID(key))
        let png = try Chromium.screenshot(url, width: 1000, height: 1400)
        #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 1000 && height == 1400)
        // A page with a chart, tables and text compresses to far more than a blank one (~5 KB).
        #expect(png.count > 40_000, "\(png.count) bytes")
        // The DOM holds the chart and the score table.
        let dom = try Chromium.dumpDOM(url)
        #expect(dom.contains("<svg class=\"chart\" role=\"img\""))
        #expect(dom.contains("<table class=\"scores\">"))
        // The project's address prints that project alone; the file without one prints every project,
        // each from a new page.
        let alone = try Chromium.printedPageCount(url), whole = try Chromium.printedPageCount(Chromium.fileURL(path))
        let inFile = pages.keys.filter { file($0) == file(key) }.count
        #expect(alone >= 1 && alone <= 4, "\(alone) pages")
        #expect(whole >= inFile && whole > alone, "\(whole) pages for \(inFile) projects")
    }

    @Test func englishSitesHoldNoJapaneseOfTheirOwn() throws {
        let out = try processedSamples(["--lang", "en"])
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        let site = out.appendingPathComponent("事例集")
        let index = try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("<html lang=\"en\">"))
        let japanese = index.unicodeScalars.filter { (0x3040...0x30FF).contains($0.value) || (0x4E00...0x9FFF).contains($0.value) }
        #expect(japanese.isEmpty, "\(String(String.UnicodeScalarView(japanese)))")
        let facts = try checkSite(site)
        #expect((facts["problems"] as! [String]).isEmpty)
        let page = try #require((facts["pages"] as! [String: [String: Any]]).values.first)
        let text = page["text"] as! String
        for label in ["Facts", "Reflections", "Proposal", "Over the years"] { #expect(text.contains(label), "\(label)") }
        let pageFile = try #require(try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent("projects").path).first)
        let html = try String(contentsOf: site.appendingPathComponent("projects/" + pageFile), encoding: .utf8)
        #expect(html.contains(">Back to the list</a>") && html.contains("<html lang=\"en\">"))
        for label in ["基本情報", "企画提案書", "これまでの歩み", "事例集の一覧へ戻る"] { #expect(!text.contains(label), "\(label)") }
    }

    @Test func runWritesTheSiteAndSearchEqualsASubstringScan() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        try f.dropSamples()
        try makeHostileSheet(at: f.pool + "/R06_悪意_最終.xlsx")
        try f.drop("R06_悪意_最終.xlsx")
        let run = try f.furikaeri(["run"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: f.workspace + "/output/事例集/index.html"))
        #expect(!FileManager.default.fileExists(atPath: f.workspace + "/output/事例集_公開用"))
        // run makes it from the latest year's report, report from every form read again: the same site.
        let review = f.root.appendingPathComponent("review").path
        #expect(try f.furikaeri(["report", "--year", "令和6年度", "--output", review]).status == 0)
        let fromRun = IntakeFixture.files(under: f.workspace + "/output/事例集"), fromReport = IntakeFixture.files(under: review + "/事例集")
        #expect(fromRun == fromReport && fromRun.filter { $0.hasPrefix("projects/") }.count >= 2)
        for name in fromRun {
            #expect(FileManager.default.contents(atPath: f.workspace + "/output/事例集/" + name)
                    == FileManager.default.contents(atPath: review + "/事例集/" + name), "\(name)")
        }

        // The oracle: every searchable text of the accepted files, as validate --json reads them.
        let validated = try runFurikaeri(["validate", "--json", f.workspace + "/archive"])
        let json = try JSONSerialization.jsonObject(with: Data(validated.stdout.utf8)) as! [String: Any]
        var texts: [(file: String, field: String, text: String)] = []
        let keys = ["org_comment", "city_comment", "outlook", "theme", "local_issue", "purpose", "description",
                    "expected_effect", "org_role", "city_role"]
        for case let file as [String: Any] in json["files"] as! [Any] where file["status"] as? String == "valid" {
            let name = ((file["path"] as! String) as NSString).lastPathComponent
            for case let form as [String: Any] in file["forms"] as! [Any] {
                let fields = form["fields"] as! [String: Any]
                for key in keys { if let text = fields[key] as? String, !text.isEmpty { texts.append((name, key, text)) } }
                for (viewpoint, value) in fields["comments"] as? [String: Any] ?? [:] {
                    if let text = value as? String, !text.isEmpty { texts.append((name, "comments." + viewpoint, text)) }
                }
            }
        }
        #expect(texts.count > 100)
        for query in ["広報", "ボランティア", "地域 参加", "会", "市の", "npo", "ＮＰＯ", "<script>", "\"double\"", "存在しない語"] {
            let words = query.split(separator: " ").map { fold(String($0)) }
            let expected = Set(texts.filter { t in words.allSatisfy { fold(t.text).contains($0) } }.map { "\($0.file)|\($0.field)|\($0.text)" })
            let result = try f.furikaeri(["search", "--json"] + query.split(separator: " ").map(String.init))
            #expect(result.status == 0, "\(result.stderr)")
            let answer = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
            let hits = answer["hits"] as! [[String: Any]]
            let got = Set(hits.map { "\(($0["file"] as! String as NSString).lastPathComponent)|\($0["field"]!)|\($0["text"]!)" })
            #expect(got == expected, "\(query): \(got.symmetricDifference(expected))")
            #expect(answer["count"] as? Int == hits.count && hits.count == got.count)
            let short = words.contains { $0.unicodeScalars.count < 3 }, long = words.contains { $0.unicodeScalars.count >= 3 }
            #expect(answer["method"] as? String == (short && long ? "fts5+instr" : long ? "fts5" : "instr"))
            for hit in hits {
                #expect((hit["project_id"] as! String).hasPrefix("R"))
                #expect((hit["snippet"] as! String).contains("【"))
            }
        }
        // For people: one line per text and its snippet, then the count.
        let plain = try f.furikaeri(["search", "広報"])
        #expect(plain.stdout.contains("【広報】") && plain.stdout.hasSuffix(" 件\n"))
        let english = try f.furikaeri(["search", "--lang", "en", "存在しない語"])
        #expect(english.stdout == "No text matches.\n")
        #expect(try f.furikaeri(["search"]).status == 2)

        // A withdrawn sheet is found no more, and leaves the 事例集.
        #expect(try f.furikaeri(["search", "alert"]).stdout.hasSuffix("2 件\n"), "org_comment and city_comment")
        let withdraw = try f.furikaeri(["withdraw", "R06_悪意_最終.xlsx", "--reason", "試験"])
        #expect(withdraw.status == 0, "\(withdraw.stdout)\(withdraw.stderr)")
        #expect(try f.furikaeri(["search", "alert"]).stdout == "該当する文章はありません。\n")
        let data = try String(contentsOfFile: f.workspace + "/output/事例集/data.js", encoding: .utf8)
        #expect(!data.contains("悪意のある会") && data.contains("多世代食堂"))
    }

    @Test func evaluatedProjectsShowTheEvaluatorsMeanBesideTheGroupAndTheCity() throws {
        typealias Round = ThirdPartyEvaluationRoundTripTests
        let f = try Round.workspaceWithSheets(["委員A", "委員B"])
        defer { f.remove() }
        try Round.fill(Round.sheet(f, "委員A"), f.pool + "/A.xlsx", ["--seed", "1"])
        try Round.fill(Round.sheet(f, "委員B"), f.pool + "/B.xlsx", ["--seed", "2"])
        try f.drop("A.xlsx")
        try f.drop("B.xlsx")
        #expect(try f.furikaeri(["run"]).status == 0)
        // The oracle: the long CSV's scores, averaged here per project and viewpoint.
        let rows = try Round.csvRows(f.workspace + "/output/2024/第三者評価_令和6年度.csv").dropFirst()
        var scores: [String: [String: [Double]]] = [:]
        for row in rows where row[5] != "" && Int(row[5]) != nil { scores[row[1], default: [:]][row[6], default: []].append(Double(row[7])!) }
        #expect(scores.count == 3)
        let pages = try checkSite(URL(fileURLWithPath: f.workspace + "/output/事例集"))["pages"] as! [String: [String: Any]]
        for (id, byViewpoint) in scores {
            let text = try #require(pages.first { projectID($0.key) == id }?.value["text"] as? String)
            #expect(text.contains("第三者"), "\(id)")
            for (viewpoint, values) in byViewpoint {
                let mean = values.reduce(0, +) / Double(values.count)
                let shown = mean == mean.rounded() ? String(Int(mean)) : String(format: "%.1f", mean)
                // The table row: the viewpoint, 団体, 市, then 第三者.
                #expect(text.range(of: "\(viewpoint)\n?[0-9]\n?[0-9]\n?\(shown)", options: .regularExpression) != nil,
                        "\(id) \(viewpoint) \(shown)")
            }
        }
        let unevaluated = try #require(pages.first { !scores.keys.contains(projectID($0.key)) })
        #expect(!(unevaluated.value["text"] as! String).contains("第三者"))
    }

    @Test func anonymisedSiteNamesNoOrganisation() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        try f.dropSamples()
        #expect(try f.furikaeri(["run"]).status == 0)
        let report = try f.furikaeri(["report", "--year", "令和6年度", "--anonymize"])
        #expect(report.status == 0, "\(report.stderr)")
        let site = f.workspace + "/output/事例集_公開用"
        let facts = try checkSite(URL(fileURLWithPath: site))
        #expect((facts["problems"] as! [String]).isEmpty)
        #expect(((facts["data"] as! [String: Any])["ids"] as! [String]).count >= 15, "every year, not only the review's")
        let validated = try runFurikaeri(["validate", "--json", TestPaths.samples.path])
        let files = (try JSONSerialization.jsonObject(with: Data(validated.stdout.utf8)) as! [String: Any])["files"] as! [[String: Any]]
        let orgs = Set(files.flatMap { ($0["forms"] as! [[String: Any]]).compactMap { ($0["fields"] as! [String: Any])["org_name"] as? String } }
            .map(Outputs.folded))
        #expect(orgs.count >= 9)
        var hits: [String] = []
        for name in IntakeFixture.files(under: site) {
            let text = Outputs.folded(try String(contentsOfFile: site + "/" + name, encoding: .utf8))
            for org in orgs where text.contains(org) { hits.append("\(name): \(org)") }
        }
        #expect(hits.isEmpty, "\(hits)")
        let index = try String(contentsOfFile: site + "/index.html", encoding: .utf8)
        #expect(index.contains("団体名は記号に置き換えています"))
        // The office's own site still names them.
        let own = try String(contentsOfFile: f.workspace + "/output/事例集/data.js", encoding: .utf8)
        #expect(orgs.contains { Outputs.folded(own).contains($0) })
    }
}
