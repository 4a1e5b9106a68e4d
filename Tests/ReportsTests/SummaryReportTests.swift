import Foundation
import Testing
import TestSupport
@testable import Aggregation
@testable import Reports

/// Writes the fixture run into a fresh folder and returns it.
private func writeFixture(_ options: ReportOptions = ReportOptions(replaceUnencodable: true)) throws -> (URL, [String]) {
    let dir = try makeTemporaryDirectory("reports")
    let report = try SummaryReport(files: ReportFixtures.files, options: options)
    let names = try report.write(to: dir.path)
    return (dir, names)
}

private func workbookFacts(_ url: URL) throws -> [String: Any] {
    try PythonOracle.run("summary_oracle.py", ["workbook", url.path]) as! [String: Any]
}

private func sheet(_ facts: [String: Any], _ name: String) -> [String: Any] {
    (facts["sheet_facts"] as! [String: Any])[name] as! [String: Any]
}

private func cells(_ facts: [String: Any], _ name: String) -> [String: Any] {
    sheet(facts, name)["cells"] as! [String: Any]
}

private func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }

@Test func outputFolderHoldsAWorkbookPerYearAndTheCSVFiles() throws {
    let (dir, names) = try writeFixture()
    defer { try? FileManager.default.removeItem(at: dir) }
    #expect(names == [
        "ふりかえり集計_令和5年度.xlsx", "ふりかえり集計_令和6年度.xlsx",
        "ふりかえり_事業別_令和5年度.csv", "ふりかえり_中間_令和5年度.csv", "ふりかえり_視点別_令和5年度.csv",
        "ふりかえり_コメント_令和5年度.csv",
        "ふりかえり_事業別_令和6年度.csv", "ふりかえり_中間_令和6年度.csv", "ふりかえり_視点別_令和6年度.csv",
        "ふりかえり_コメント_令和6年度.csv",
        "ふりかえり_検証結果_令和5年度.csv", "ふりかえり_検証結果_令和6年度.csv", "ふりかえり_検証結果_年度不明.csv",
        "ふりかえり_経年比較.csv",
    ])
    let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".") }
    #expect(left.isEmpty, "temporary files left behind: \(left)")
}

@Test func aYearWithProposalsOnlyStillGetsItsWorkbookWithoutAnEmptyChart() throws {
    let dir = try makeTemporaryDirectory("reports-proposals")
    defer { try? FileManager.default.removeItem(at: dir) }
    let files = [ReportFixtures.valid("in/p1.xlsx", ReportFixtures.midoriProposal),
                 ReportFixtures.valid("in/p2.xlsx", ReportFixtures.readingProposal)]
    let names = try SummaryReport(files: files, options: ReportOptions(replaceUnencodable: true)).write(to: dir.path)
    let workbook = try #require(names.first { $0.hasSuffix(".xlsx") })
    let facts = try workbookFacts(dir.appendingPathComponent(workbook))
    #expect((facts["sheets"] as? [String]) == SummaryWorkbook.sheetNames)
    #expect((sheet(facts, "経年比較")["charts"] as? [Any])?.isEmpty == true)
    #expect((cells(facts, "経年比較").values.compactMap { $0 as? String }).contains { $0.contains("ふりかえりシートがまだない") })
    #expect((sheet(facts, "概要")["charts"] as? [Any])?.count == 1)
}

@Test func workbookHasItsElevenSheetsAndHandComputedFigures() throws {
    let (dir, _) = try writeFixture()
    defer { try? FileManager.default.removeItem(at: dir) }
    let facts = try workbookFacts(dir.appendingPathComponent("ふりかえり集計_令和6年度.xlsx"))
    #expect(facts["sheets"] as? [String] == SummaryWorkbook.sheetNames)
    let overview = cells(facts, "概要")
    #expect(overview["A1"] as? String == "協働事業ふりかえり集計 令和6年度")
    #expect(number(overview["B4"]) == 2)      // ふりかえりシート
    #expect(number(overview["B5"]) == 2)      // 企画提案書
    #expect(number(overview["B7"]) == 1)      // 照合できない (親子広場)
    #expect(number(overview["B8"]) == 1)      // 未提出 (読み聞かせ)
    #expect(number(overview["B9"]) == 3.5)    // (29 + 20) / 14
    #expect(number(overview["B10"]) == 1)     // a score ≤ 2: 親子広場
    #expect(number(overview["B11"]) == 1)     // gap ≥ 2: 公園清掃 ③
    #expect(number(overview["B12"]) == 5)     // 令和6's files: a, b, p1, p2 and bad (c is 令和5's, broken of no year)
    #expect(number(overview["B13"]) == 4 && number(overview["B14"]) == 1 && number(overview["B15"]) == 0)
    // ①: 5 and 2.
    #expect(overview["A19"] as? String == "①協働の有効性")
    #expect(number(overview["B19"]) == 3.5)
    let viewpoints = cells(facts, "視点別")
    #expect(viewpoints["A4"] as? String == "①協働の有効性")
    #expect(number(viewpoints["B4"]) == 2)
    #expect(abs(number(viewpoints["E4"])! - 4.5.squareRoot()) < 1e-9)   // sample SD of 5, 2
    #expect(number(viewpoints["F4"]) == 0 && number(viewpoints["G4"]) == 1 && number(viewpoints["J4"]) == 1)
    #expect(number(viewpoints["K4"]) == 0.5)
    let projects = cells(facts, "事業別")
    // Rows in order of normalised names: みどりの会 (hiragana) before 子育てネット (kanji).
    #expect(projects["B2"] as? String == "みどりの会" && projects["B3"] as? String == "子育てネット")
    #expect(number(projects["P3"]).map { abs($0 - 20.0 / 7.0) < 1e-9 } == true)
    #expect(projects["R3"] as? String == "①協働の有効性・④目的の達成度")
    #expect(projects["S2"] as? String == "③目的の共有")
    #expect(projects["H2"] as? String == "委託")
}

@Test func workbookHasChartsConditionalFormatsAndPrintSetup() throws {
    let (dir, _) = try writeFixture()
    defer { try? FileManager.default.removeItem(at: dir) }
    let facts = try workbookFacts(dir.appendingPathComponent("ふりかえり集計_令和6年度.xlsx"))
    let overviewChart = (sheet(facts, "概要")["charts"] as! [[String: Any]]).first
    #expect(overviewChart?["type"] as? String == "BarChart")
    #expect(overviewChart?["barDir"] as? String == "bar")
    let distribution = (sheet(facts, "視点別")["charts"] as! [[String: Any]]).first
    #expect(distribution?["grouping"] as? String == "stacked")
    #expect(distribution?["series"] as? Int == 5)
    let trend = (sheet(facts, "経年比較")["charts"] as! [[String: Any]]).first
    #expect(trend?["type"] as? String == "LineChart")
    #expect(trend?["series"] as? Int == 7)

    let projects = sheet(facts, "事業別")
    let rules = projects["conditional_formats"] as! [[String: Any]]
    #expect(rules.first?["type"] as? String == "colorScale")
    #expect(rules.first?["range"] as? String == "I2:P3")
    #expect(rules.first?["colors"] as? Int == 3)
    #expect(projects["freeze_panes"] as? String == "D2")
    #expect(projects["auto_filter"] as? String == "A1:T3")

    for name in SummaryWorkbook.sheetNames {
        let s = sheet(facts, name)
        #expect(s["orientation"] as? String == "landscape", "\(name)")
        #expect(s["paper_size"] as? Int == 9, "\(name)")
        // Printed at 80%, never shrunk to fit: wide tables go on over several pages.
        #expect(s["fit_to_page"] as? Bool == false && (s["scale"] as? Int) == 80, "\(name)")
        #expect((s["header"] as? [String: Any])?["left"] as? String == "令和6年度", "\(name)")
        #expect((s["footer"] as? [String: Any])?["center"] as? String == "&P / &N", "\(name)")
        #expect(!((s["column_widths"] as? [String: Any]) ?? [:]).isEmpty, "\(name)")
    }
    #expect((sheet(facts, "コメント一覧")["wrapped_cells"] as! [String]).contains("G2"))
    #expect((facts["properties"] as? [String: Any])?["created"] as? String == "2024-04-01T00:00:00")
}

@Test func sameInputWritesTheSameBytes() throws {
    let (first, names) = try writeFixture()
    let (second, _) = try writeFixture()
    defer { try? FileManager.default.removeItem(at: first); try? FileManager.default.removeItem(at: second) }
    for name in names {
        let a = try Data(contentsOf: first.appendingPathComponent(name))
        let b = try Data(contentsOf: second.appendingPathComponent(name))
        #expect(a == b, "\(name) differs between runs")
    }
}

@Test func csvFilesReadBackWithPythonInUTF8() throws {
    let (dir, _) = try writeFixture()
    defer { try? FileManager.default.removeItem(at: dir) }
    let result = try PythonOracle.run("summary_oracle.py", ["csv", dir.appendingPathComponent("ふりかえり_事業別_令和6年度.csv").path, "utf-8-sig"]) as! [String: Any]
    let rows = result["rows"] as! [[String]]
    #expect(result["bom"] as? Bool == true)
    #expect(result["crlf_only"] as? Bool == true)
    #expect(rows[0] == Columns.projectsCSV)
    #expect(rows.count == 3)
    let midori = rows.first { $0[3] == "公園清掃" }!
    #expect(midori[0] == "令和6年度" && midori[1].hasPrefix("R6-") && midori[4] == "最終" && midori[8] == "委託")
    #expect(Array(midori[9...16]) == ["5", "4", "4", "3", "5", "4", "4", "4.14"])
    // Injection: formulas neutralised, the outlook's comma, quotes and line break survive.
    #expect(midori[17] == "'=HYPERLINK(\"http://evil.example\",\"x\")")
    #expect(midori[18] == "'-特になし、+継続、@SUM(1)")
    #expect(midori[19] == "髙橋さんと協力, 来年は\"拡大\"\n二行目")
    // A personal value typed into a comment is masked.
    let comments = try PythonOracle.run("summary_oracle.py", ["csv", dir.appendingPathComponent("ふりかえり_コメント_令和6年度.csv").path, "utf-8-sig"]) as! [String: Any]
    #expect((comments["rows"] as! [[String]]).contains { $0[7] == "会場が狭い（＊＊＊さん宅）" })
    // Each year's validation results hold that year's files; an unreadable file, of no known year, its own.
    func issueRows(_ name: String) throws -> [[String]] {
        (try PythonOracle.run("summary_oracle.py", ["csv", dir.appendingPathComponent(name).path, "utf-8-sig"]) as! [String: Any])["rows"] as! [[String]]
    }
    let unknown = try issueRows("ふりかえり_検証結果_年度不明.csv"), r6 = try issueRows("ふりかえり_検証結果_令和6年度.csv")
    #expect(unknown.count == 2 && unknown.contains { $0[2] == "エラー" && $0[3] == "file.not_zip" && $0[7].hasPrefix("'=") })
    #expect(r6.contains { $0[0] == "in/a.xlsx" && $0[1] == "受理" && $0[7] == "問題はありません。" })
    #expect(r6.contains { $0[0] == "in/bad.xlsx" && $0[1] == "要修正" })
    #expect(!r6.contains { $0[0] == "in/c_2023.xlsx" || $0[0] == "in/broken.xlsx" })
    let validationSheet = cells(try workbookFacts(dir.appendingPathComponent("ふりかえり集計_令和6年度.xlsx")), "検証結果")
    #expect(validationSheet.values.contains { ($0 as? String)?.contains("年度の分からないファイルが 1 件") == true })
}

@Test func csvFilesReadBackWithPythonInCP932() throws {
    let (dir, _) = try writeFixture(ReportOptions(encoding: .cp932, replaceUnencodable: true))
    defer { try? FileManager.default.removeItem(at: dir) }
    let result = try PythonOracle.run("summary_oracle.py", ["csv", dir.appendingPathComponent("ふりかえり_事業別_令和6年度.csv").path, "cp932"]) as! [String: Any]
    let rows = result["rows"] as! [[String]]
    #expect(result["bom"] as? Bool == false)
    #expect(rows[0] == Columns.projectsCSV)
    #expect(rows.first { $0[3] == "親子広場" }?[17] == "〓野家で打合せをした")
    #expect(rows.first { $0[3] == "公園清掃" }?[19].hasPrefix("髙橋さん") == true)
}

@Test func cp932WithoutReplaceFailsAndNamesTheCell() throws {
    let dir = try makeTemporaryDirectory("reports")
    defer { try? FileManager.default.removeItem(at: dir) }
    #expect {
        try SummaryReport(files: ReportFixtures.files, options: ReportOptions(encoding: .cp932)).write(to: dir.path)
    } throws: { error in
        guard case ReportError.unencodable(let list) = error else { return false }
        return !list.isEmpty && list.allSatisfy { $0.character == "𠮷" && $0.origin?.file == "in/b.xlsx" && !$0.origin!.cell.isEmpty }
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
}

@Test func noPersonalDataInAnyOutputByte() throws {
    for anonymize in [false, true] {
        let (dir, names) = try writeFixture(ReportOptions(replaceUnencodable: true, anonymize: anonymize))
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in names {
            let dump = try PythonOracle.run("summary_oracle.py", ["text", dir.appendingPathComponent(name).path]) as! [String: Any]
            let text = dump["text"] as! String
            #expect(!text.isEmpty)
            for value in ReportFixtures.personal {
                #expect(!text.contains(value), "\(name) contains personal value \(value)")
            }
            if anonymize {
                for org in ["みどりの会", "子育てネット", "読書サークル"] {
                    #expect(!text.contains(org), "\(name) still names \(org)")
                }
            }
        }
    }
}

@Test func anonymizedOutputUsesStableOrganisationCodes() throws {
    let (dir, _) = try writeFixture(ReportOptions(replaceUnencodable: true, anonymize: true))
    defer { try? FileManager.default.removeItem(at: dir) }
    let rows = (try PythonOracle.run("summary_oracle.py", ["csv", dir.appendingPathComponent("ふりかえり_事業別_令和6年度.csv").path, "utf-8-sig"]) as! [String: Any])["rows"] as! [[String]]
    // Normalised names in order: 子育てネット, 悪い例の会 (invalid, not counted), みどりの会, 読書サークル.
    #expect(Set(rows.dropFirst().map { $0[2] }) == ["団体A01", "団体A02"])
}

@Test(.enabled(if: PythonOracle.isInstalled("soffice")))
func libreOfficeOpensTheWorkbook() throws {
    let (dir, _) = try writeFixture()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("lo")
    let result = try PythonOracle.run("summary_oracle.py", ["libreoffice", dir.appendingPathComponent("ふりかえり集計_令和6年度.xlsx").path, out.path]) as! [String: Any]
    #expect(result["ok"] as? Bool == true, "\(result)")
    let csv = (result["csv"] as? [[String]]) ?? []
    #expect(csv.first?.first == "協働事業ふりかえり集計 令和6年度")
    #expect(csv.contains { $0.first == "ふりかえりシート（件）" && $0.count > 1 && $0[1] == "2" })
}
