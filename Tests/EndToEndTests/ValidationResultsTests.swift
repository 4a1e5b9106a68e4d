import Foundation
import Testing
import TestSupport

// 検証結果 per year (accepted and rejected files, nothing from other years); empty results and a year
// outside the settings are errors; process never reads a summary workbook furikaeri wrote.

@Test func processWritesEachYearsValidationResultsWithThatYearsFilesOnly() throws {
    let (run, out) = try Outputs.process([TestPaths.samples.path])
    defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
    #expect(run.status == 0, "\(run.stderr)")
    let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
    #expect(!names.contains("ふりかえり_検証結果.csv") && !names.contains("ふりかえり_検証結果_年度不明.csv"))
    for (year, prefixes) in [("令和5年度", ["R05_", "P05_"]), ("令和6年度", ["R06_", "P06_", "第三者評価/E06_"]), ("令和7年度", ["P07_"])] {
        let rows = try Outputs.csvRows(out.appendingPathComponent("ふりかえり_検証結果_\(year).csv")).dropFirst()
        let files = Set(rows.map { $0[0] })
        #expect(files.allSatisfy { name in prefixes.contains { name.hasPrefix($0) } }, "\(year): \(files.sorted())")
        #expect(rows.contains { $0[1] == "受理" } && rows.contains { $0[1] == "要修正" && $0[2] == "エラー" }, "\(year)")
        // The workbook's 検証結果 holds the same rows.
        let sheet = try Outputs.sheets(out.appendingPathComponent("ふりかえり集計_\(year).xlsx"))["検証結果"]!
        let sheetFiles = Set(sheet.filter { $0.key.hasPrefix("A") && $0.key != "A1" }.compactMap { $0.value as? String })
        #expect(sheetFiles == files, "\(year)")
    }
}

@Test func aWorkspaceReviewListsTheYearsRejectedFilesAndNoOtherYear() throws {
    let f = try IntakeFixture()
    defer { f.remove() }
    try f.dropSamples()
    #expect(try f.furikaeri(["run"]).status == 0)
    let out = f.root.appendingPathComponent("r6")
    #expect(try f.furikaeri(["report", "--year", "令和6年度", "--output", out.path]).status == 0)
    let rows = try Outputs.csvRows(out.appendingPathComponent("ふりかえり_検証結果_令和6年度.csv")).dropFirst()
    let files = Set(rows.map { $0[0] })
    #expect(files.allSatisfy { $0.hasPrefix("R06_") || $0.hasPrefix("P06_") }, "\(files.sorted())")
    #expect(rows.contains { $0[0] == "R06_アート展_最終.xlsx" && $0[1] == "要修正" && $0[3] == "score.unreadable" })
    #expect(rows.contains { $0[0] == "R06_多世代食堂_最終.xlsx" && $0[1] == "受理" })
    // run's own outputs too.
    let runRows = try Outputs.csvRows(URL(fileURLWithPath: f.workspace + "/output/2024/ふりかえり_検証結果_令和6年度.csv")).dropFirst()
    #expect(runRows.contains { $0[0] == "R06_ケアラー支援_中間.xlsx" && $0[1] == "要修正" })
    #expect(runRows.allSatisfy { !$0[0].hasPrefix("R05_") })
}

@Test func emptyResultsAndYearsOutsideTheSettingsAreErrorsThatWriteNothing() throws {
    let empty = try makeTemporaryDirectory("empty-input")
    defer { try? FileManager.default.removeItem(at: empty) }
    let (none, noneOut) = try Outputs.process([empty.path])
    defer { try? FileManager.default.removeItem(at: noneOut.deletingLastPathComponent()) }
    #expect(none.status == 4 && none.stderr.contains(".xlsx") && !FileManager.default.fileExists(atPath: noneOut.path))
    let (outside, outsideOut) = try Outputs.process([TestPaths.samples.path, "--year", "令和99年度"])
    defer { try? FileManager.default.removeItem(at: outsideOut.deletingLastPathComponent()) }
    #expect(outside.status == 2 && outside.stderr.contains("範囲"), "\(outside.stderr)")
    let (noData, noDataOut) = try Outputs.process([TestPaths.samples.path, "--year", "2030", "--lang", "en"])
    defer { try? FileManager.default.removeItem(at: noDataOut.deletingLastPathComponent()) }
    #expect(noData.status == 4 && noData.stderr.contains("FY2030") && !FileManager.default.fileExists(atPath: noDataOut.path))

    let f = try IntakeFixture()
    defer { f.remove() }
    try f.make([.init(name: "a.xlsx", org: "みどりの会", project: "公園清掃")])
    try f.drop("a.xlsx")
    #expect(try f.furikaeri(["run"]).status == 0)
    let review = f.root.appendingPathComponent("review")
    let year2030 = try f.furikaeri(["report", "--year", "2030", "--output", review.path])
    #expect(year2030.status == 4 && year2030.stderr.contains("令和12年度") && !FileManager.default.fileExists(atPath: review.path))
    let year2050 = try f.furikaeri(["report", "--year", "2050", "--output", review.path])
    #expect(year2050.status == 2 && year2050.stderr.contains("範囲"))
}

@Test func processSkipsTheSummaryWorkbooksItWroteWithANote() throws {
    let parent = try makeTemporaryDirectory("own-outputs")
    defer { try? FileManager.default.removeItem(at: parent) }
    let out = parent.appendingPathComponent("out")
    let (first, _) = try Outputs.process([TestPaths.samples.path], output: out)
    #expect(first.status == 0)
    let facts = try Outputs.oracle(["workbook", out.appendingPathComponent("ふりかえり集計_令和6年度.xlsx").path])
    #expect((facts["properties"] as! [String: Any])["keywords"] as? String == "furikaeri-summary")
    let (second, _) = try Outputs.process([TestPaths.samples.path, out.path], output: out)
    #expect(second.status == 0, "\(second.stderr)")
    #expect(second.stdout.contains("ファイル 33 件（受理 27・要修正 6・読み取り不可 0）"), "\(second.stdout)")
    #expect(second.stderr.contains("ふりかえり集計_令和6年度.xlsx") && second.stderr.contains("読み飛ばしました"))
    let rows = try Outputs.csvRows(out.appendingPathComponent("ふりかえり_検証結果_令和6年度.csv"))
    #expect(!rows.contains { $0[0].contains("ふりかえり集計") })
}

/// A run that only rejects files rewrites that year's outputs, so its 検証結果 lists them at once
/// rather than after the next accepted sheet.
@Test func aRunThatOnlyRejectsAFileListsItInThatYearsValidationResults() throws {
    let f = try IntakeFixture()
    defer { f.remove() }
    let accepted = "R06_多世代食堂_最終.xlsx", rejected = "R06_アート展_最終.xlsx"
    for name in [accepted, rejected] {
        try FileManager.default.copyItem(atPath: TestPaths.samples.path + "/" + name, toPath: f.pool + "/" + name)
    }
    try f.drop(accepted)
    #expect(try f.furikaeri(["run"]).status == 0)
    let csv = URL(fileURLWithPath: f.workspace + "/output/2024/ふりかえり_検証結果_令和6年度.csv")
    #expect(try Outputs.csvRows(csv).dropFirst().allSatisfy { $0[0] != rejected })
    try f.drop(rejected)
    #expect(try f.furikaeri(["run"]).status == 0)
    #expect(try Outputs.csvRows(csv).dropFirst().contains { $0[0] == rejected && $0[1] == "要修正" })
}
