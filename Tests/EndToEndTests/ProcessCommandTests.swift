import Foundation
import Testing
import TestSupport

// End-to-end tests of `furikaeri process` on samples/ (build first: swift build --product furikaeri).
// The figures below were worked out by hand from scripts/make_samples.py: in 令和6年度 five
// reflections are valid — 多言語 [5,4,4,4,5,4,5] (市 ① 2), こそだて中間 [4,4,4,3,4,4,4],
// 多世代食堂 [5,5,4,4,4,5,5], ウォーキング [4,4,4,4,3,4,4], 省エネ中間 [4,4,4,3,4,4,4]; 小規模公園の最終 is
// invalid (3.5 and a blank), so its proposal P06 has no final reflection. The year's figures use
// the three 最終 only (多言語, 多世代食堂, ウォーキング); the two 中間 are listed apart.
// Proposals of 令和6: 多言語, こそだて, 小規模公園, ケアラー, 多世代食堂, 省エネ (6). Four have no valid 最終:
// こそだて and 省エネ (中間 only), 小規模公園 (最終 invalid), ケアラー (中間 invalid). ウォーキング has no
// proposal in 令和6 (its first is P07), so it is the one 未照合 reflection; the other four link.

private let samples = TestPaths.samples.path

/// Personal values of the sample proposals (scripts/make_samples.py).
private let samplePersonalData = [
    "架空 花子", "見本 太郎", "仮名 次郎", "試験 三郎", "例示 四郎", "模擬 五月", "参考 六花",
    "西東京市南町9-99-1", "西東京市柳沢9-99-2", "西東京市ひばりが丘9-99-3", "西東京市西原町9-99-4",
    "西東京市田無町9-99-5", "西東京市緑町9-99-6", "西東京市泉町9-99-7",
    "042-000-1001", "042-000-1002", "042-000-1003", "042-000-1004", "042-000-1005", "042-000-1006", "042-000-1007",
    "hibari@example.org", "bosai@example.jp", "hidamari@example.org", "walk@example.jp", "tabunka@example.org",
    "midori@example.jp", "art@example.org",
    "見本 七海", "仮名 八郎", "西東京市保谷町9-99-8", "西東京市東町9-99-9", "042-000-1008", "042-000-1009",
    "kosodate@example.org", "eco@example.jp",
]

private func process(_ arguments: [String]) throws -> (BinaryRun, URL) {
    let out = try makeTemporaryDirectory("process").appendingPathComponent("out")
    return (try runFurikaeri(["process"] + arguments + ["--output", out.path]), out)
}

private func oracle(_ arguments: [String]) throws -> [String: Any] {
    try PythonOracle.run("summary_oracle.py", arguments) as! [String: Any]
}

private func csvRows(_ url: URL, _ encoding: String = "utf-8-sig") throws -> [[String]] {
    try oracle(["csv", url.path, encoding])["rows"] as! [[String]]
}

private func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }

@Test func processWritesTheSamplesFiguresAsComputedByHand() throws {
    let (run, out) = try process([samples])
    defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("ファイル 33 件（受理 27・要修正 6・読み取り不可 0）"))
    let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
    #expect(names.contains("ふりかえり集計_令和6年度.xlsx") && names.contains("ふりかえり_検証結果_令和6年度.csv"))
    #expect(!names.contains { $0.hasPrefix(".") }, "temporary files left: \(names)")

    let facts = try oracle(["workbook", out.appendingPathComponent("ふりかえり集計_令和6年度.xlsx").path])
    let sheets = facts["sheet_facts"] as! [String: [String: Any]]
    let overview = sheets["概要"]!["cells"] as! [String: Any]
    #expect(number(overview["B4"]) == 3)                                   // 最終 reflections
    #expect(number(overview["B5"]) == 6)                                   // the six P06 proposals
    #expect(number(overview["B6"]) == 2 && number(overview["B7"]) == 1)    // linked; ウォーキング unlinked
    #expect(number(overview["B8"]) == 4)                                   // こそだて, 小規模公園, ケアラー, 省エネ
    #expect(abs(number(overview["B9"])! - 90.0 / 21.0) < 1e-9)             // (31+32+27) / 21
    #expect(number(overview["B10"]) == 0 && number(overview["B11"]) == 1)  // no score ≤ 2; 多言語 gap 3
    #expect(number(overview["B16"]) == 2)                                  // 中間: こそだて, 省エネ
    #expect(abs(number(overview["B19"])! - 14.0 / 3.0) < 1e-9)             // ① (5+5+4) / 3
    let viewpoints = sheets["視点別"]!["cells"] as! [String: Any]
    #expect(viewpoints["A8"] as? String == "⑤協力体制")
    #expect(abs(number(viewpoints["C8"])! - 4.0) < 1e-9)                   // 5,4,3
    #expect(number(viewpoints["D8"]) == 4)                                 // median
    #expect(abs(number(viewpoints["E8"])! - 1.0) < 1e-9)                   // sample SD: 2 / 2
    #expect(number(viewpoints["H8"]) == 1 && number(viewpoints["I8"]) == 1 && number(viewpoints["J8"]) == 1)
    #expect(abs(number(viewpoints["K8"])! - 2.0 / 3.0) < 1e-9)
    let missing = sheets["未提出・未照合"]!["cells"] as! [String: Any]
    #expect(missing["C3"] as? String == "こそだてフェスタ@西東京")
    #expect((missing["C4"] as? String)?.contains("小規模公園") == true)
    #expect(missing["C5"] as? String == "ケアラー（在宅介護者）支援…傾聴と認知症から学ぶ")
    #expect(missing["C6"] as? String == "省エネ家計簿講座")
    #expect(missing["C10"] as? String == "健康ウォーキングマップづくり")
    let trend = sheets["経年比較"]!["cells"] as! [String: Any]
    #expect(trend["B2"] as? String == "令和5年度" && trend["C2"] as? String == "令和6年度" && trend["D2"] == nil)

    let wide = try csvRows(out.appendingPathComponent("ふりかえり_事業別_令和6年度.csv"))
    #expect(wide.count == 4)
    let shokudo = wide.first { $0[3] == "多世代食堂でつながるまち" }!
    #expect(shokudo[0] == "令和6年度" && shokudo[4] == "最終" && Array(shokudo[9...16]) == ["5", "5", "4", "4", "4", "5", "5", "4.57"])
}

/// Every reflection of 令和5 links to its same-year proposal (one spelled with a full-width space and ＠),
/// so the breakdowns by 協働の形態 and 募集区分 are filled. Means worked out by hand from
/// scripts/make_samples.py — 令和5: 多言語 ① 5 (委託, 継続), こそだて 5 (共催, 新規), ケアラー 4 (補助・助成,
/// 継続), 省エネ 4 (委託, 新規); 小規模公園中間 (事業協力, 新規) is a 中間 and not in the figures.
@Test func processFillsTheBreakdownsByCollaborationFormAndCategory() throws {
    let (run, out) = try process([samples])
    defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
    #expect(run.status == 0, "\(run.stderr)")

    let r5 = try oracle(["workbook", out.appendingPathComponent("ふりかえり集計_令和5年度.xlsx").path])["sheet_facts"]
        as! [String: [String: Any]]
    let overview5 = r5["概要"]!["cells"] as! [String: Any]
    #expect(number(overview5["B4"]) == 4 && number(overview5["B5"]) == 5)
    #expect(number(overview5["B6"]) == 4 && number(overview5["B7"]) == 0)  // all linked, ＠ and 全角空白 too
    #expect(number(overview5["B8"]) == 1)                                   // 小規模公園: 中間 only
    #expect(abs(number(overview5["B9"])! - 117.0 / 28.0) < 1e-9)           // (31+33+28+25) / 28
    let forms5 = r5["協働形態別"]!["cells"] as! [String: Any]
    #expect(forms5["A3"] as? String == "共催" && number(forms5["B3"]) == 1 && number(forms5["C3"]) == 5)
    #expect(forms5["A4"] as? String == "委託" && number(forms5["B4"]) == 2 && number(forms5["C4"]) == 4.5)
    #expect(forms5["A5"] as? String == "補助・助成" && number(forms5["B5"]) == 1 && number(forms5["C5"]) == 4)
    let categories5 = r5["部門別"]!["cells"] as! [String: Any]
    #expect(categories5["A3"] as? String == "新規チャレンジ部門" && number(categories5["B3"]) == 2)
    #expect(number(categories5["C3"]) == 4.5)                               // (5+4) / 2
    #expect(categories5["A4"] as? String == "継続ステップアップ部門" && number(categories5["B4"]) == 2)
    #expect(number(categories5["C4"]) == 4.5)                               // (5+4) / 2

    // 令和6: 多世代食堂 ① 5 (補助・助成, 新規), 多言語 5 (委託, 継続; P06 spelled ＮＰＯ法人 with a space),
    // ウォーキング 4 (no proposal); こそだて and 省エネ gave only a 中間.
    let r6 = try oracle(["workbook", out.appendingPathComponent("ふりかえり集計_令和6年度.xlsx").path])["sheet_facts"]
        as! [String: [String: Any]]
    let forms6 = r6["協働形態別"]!["cells"] as! [String: Any]
    #expect(forms6["A3"] as? String == "(提案書なし)" && number(forms6["B3"]) == 1)
    #expect(forms6["A4"] as? String == "委託" && number(forms6["B4"]) == 1 && number(forms6["C4"]) == 5)
    #expect(forms6["A5"] as? String == "補助・助成" && number(forms6["B5"]) == 1 && number(forms6["C5"]) == 5)
    let categories6 = r6["部門別"]!["cells"] as! [String: Any]
    #expect(categories6["A5"] as? String == "継続ステップアップ部門" && number(categories6["B5"]) == 1)
    #expect(number(categories6["C5"]) == 5)                                 // 多言語 alone

    // The CSV columns 募集区分 / 募集の種類 / 協働の形態 are filled for every linked reflection.
    for year in ["令和5年度", "令和6年度"] {
        let rows = try csvRows(out.appendingPathComponent("ふりかえり_事業別_\(year).csv"))
        #expect(Array(rows[0][6...8]) == ["募集区分", "募集の種類", "協働の形態"])
        for row in rows.dropFirst() where row[3] != "健康ウォーキングマップづくり" {
            #expect(row[6...8].allSatisfy { !$0.isEmpty }, "\(year) \(row[3]) has no proposal columns")
        }
        let tagengo = rows.first { $0[3] == "多言語情報提供事業" }
        #expect(tagengo.map { Array($0[6...8]) } == ["継続ステップアップ部門", "自由テーマ型", "委託"])
    }
    let kosodate = try csvRows(out.appendingPathComponent("ふりかえり_事業別_令和5年度.csv")).first { $0[3] == "こそだてフェスタ@西東京" }
    #expect(kosodate.map { Array($0[6...8]) } == ["新規チャレンジ部門", "テーマ設定型", "共催"])
}

@Test func processOutputHoldsNoPersonalDataEvenAnonymised() throws {
    for extra in [[], ["--anonymize"]] {
        let (run, out) = try process([samples] + extra)
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        #expect(run.status == 0, "\(run.stderr)")
        // Every file, the 事例集's in its subfolders included.
        for name in IntakeFixture.files(under: out.path) {
            let text = try oracle(["text", out.appendingPathComponent(name).path])["text"] as! String
            for value in samplePersonalData { #expect(!text.contains(value), "\(name) holds \(value)") }
            if !extra.isEmpty {
                for org in ["NPO法人こども食堂ひだまり", "歩こう会西原", "こそだてフェスタ実行委員会"] {
                    #expect(!text.contains(org), "\(name) names \(org)")
                }
            }
        }
    }
}

@Test func processIsByteForByteDeterministic() throws {
    let (first, a) = try process([samples])
    let (second, b) = try process([samples])
    defer {
        try? FileManager.default.removeItem(at: a.deletingLastPathComponent())
        try? FileManager.default.removeItem(at: b.deletingLastPathComponent())
    }
    #expect(first.status == 0 && second.status == 0)
    // The 事例集 too, file by file.
    #expect(IntakeFixture.files(under: a.path) == IntakeFixture.files(under: b.path))
    #expect(IntakeFixture.files(under: a.path).contains("事例集/data.js"))
    for name in IntakeFixture.files(under: a.path) {
        let x = try Data(contentsOf: a.appendingPathComponent(name)), y = try Data(contentsOf: b.appendingPathComponent(name))
        #expect(x == y, "\(name) differs")
    }
}

@Test func cp932FailsOnACharacterItCannotHoldAndReplaceGoesOn() throws {
    let input = try makeTemporaryDirectory("process-input")
    defer { try? FileManager.default.removeItem(at: input) }
    let edited = input.appendingPathComponent("R06_多世代食堂_最終.xlsx")
    let replaced = try PythonOracle.run("replace_text.py", [
        TestPaths.samples.appendingPathComponent("R06_多世代食堂_最終.xlsx").path, edited.path,
        "ボランティアの高齢化が課題。", "𠮷田さんの店で=SUM(1)の話",
    ]) as! [String: Any]
    let cells = replaced["replaced"] as! [String]
    #expect(cells.count == 1)
    let (failed, out1) = try process([edited.path, "--encoding", "cp932"])
    defer { try? FileManager.default.removeItem(at: out1.deletingLastPathComponent()) }
    #expect(failed.status == 1)
    #expect(failed.stderr.contains("𠮷") && failed.stderr.contains("U+20BB7") && failed.stderr.contains("R06_多世代食堂_最終.xlsx"))
    #expect(failed.stderr.contains(String(cells[0].split(separator: "!").last!)), "names the cell: \(failed.stderr)")
    let writtenOnFailure = (try? FileManager.default.contentsOfDirectory(atPath: out1.path)) ?? []
    #expect(writtenOnFailure.isEmpty, "nothing is written when the run fails: \(writtenOnFailure)")

    let (ok, out2) = try process([edited.path, "--encoding", "cp932", "--replace"])
    defer { try? FileManager.default.removeItem(at: out2.deletingLastPathComponent()) }
    #expect(ok.status == 0, "\(ok.stderr)")
    #expect(ok.stdout.contains("〓"))
    let rows = try csvRows(out2.appendingPathComponent("ふりかえり_事業別_令和6年度.csv"), "cp932")
    #expect(rows[0][0] == "年度")
    #expect(rows[1][17] == "〓田さんの店で=SUM(1)の話")
}

@Test func textThatLooksLikeAFormulaIsNeutralisedInTheCSV() throws {
    let input = try makeTemporaryDirectory("process-input")
    defer { try? FileManager.default.removeItem(at: input) }
    let edited = input.appendingPathComponent("R06_多世代食堂_最終.xlsx")
    _ = try PythonOracle.run("replace_text.py", [
        TestPaths.samples.appendingPathComponent("R06_多世代食堂_最終.xlsx").path, edited.path,
        "地域の居場所として定着した。", "=HYPERLINK(\"http://example.com\",\"開く\")",
    ])
    let (run, out) = try process([edited.path])
    defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
    #expect(run.status == 0, "\(run.stderr)")
    let rows = try csvRows(out.appendingPathComponent("ふりかえり_事業別_令和6年度.csv"))
    #expect(rows[1][18] == "'=HYPERLINK(\"http://example.com\",\"開く\")")
    // The workbook keeps it as text, never as a formula.
    let facts = try oracle(["workbook", out.appendingPathComponent("ふりかえり集計_令和6年度.xlsx").path])
    let comments = (facts["sheet_facts"] as! [String: [String: Any]])["コメント一覧"]!["cells"] as! [String: Any]
    #expect(comments.values.contains { ($0 as? String) == "=HYPERLINK(\"http://example.com\",\"開く\")" })
}

@Test func yearOptionWritesOnlyThatYear() throws {
    let (run, out) = try process([samples, "--year", "R5"])
    defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
    #expect(run.status == 0, "\(run.stderr)")
    let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
    #expect(names.contains("ふりかえり集計_令和5年度.xlsx") && !names.contains("ふりかえり集計_令和6年度.xlsx"))
    #expect(names.contains("ふりかえり_経年比較.csv"))
}

@Test func badArgumentsGetAClearMessageInEitherLanguage() throws {
    let (missing, _) = try process(["/nonexistent/folder"])
    #expect(missing.status != 0 && missing.stderr.contains("見つかりません"))
    let (english, _) = try process(["/nonexistent/folder", "--lang", "en"])
    #expect(english.status != 0 && english.stderr.contains("does not exist"))
    let (year, _) = try process([samples, "--year", "来年"])
    #expect(year.status != 0 && year.stderr.contains("令和6年度"))
    let (encoding, _) = try process([samples, "--encoding", "sjis"])
    #expect(encoding.status != 0 && encoding.stderr.contains("cp932"))
}
