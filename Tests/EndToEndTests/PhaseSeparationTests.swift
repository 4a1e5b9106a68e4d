import Foundation
import Testing
import TestSupport

// 中間 and 最終 kept apart, on samples/ plus R06_こそだてフェスタ_最終.xlsx (こそだて then has both a
// 中間 and a 最終 in 令和6). The year's figures are recomputed from the input workbooks with openpyxl
// (Tests/oracles/final_means.py) and compared with the workbook.

private let viewpointKeys = ["effectiveness", "goal_setting", "goal_sharing", "achievement", "cooperation",
                             "beneficiary_satisfaction", "org_satisfaction"]

@Test func yearFiguresUseOnlyTheFinalReflectionRecomputedFromTheInputs() throws {
    let input = try Outputs.copyOfSamples()
    defer { try? FileManager.default.removeItem(at: input) }
    try Outputs.addKosodateFinal(to: input)
    let (run, out) = try Outputs.process([input.path])
    defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
    #expect(run.status == 0, "\(run.stderr)")

    // Which files are valid comes from validate's JSON contract; everything else from openpyxl.
    let validation = try runFurikaeri(["validate", "--json", input.path])
    let json = try JSONSerialization.jsonObject(with: Data(validation.stdout.utf8)) as! [String: Any]
    let valid = (json["files"] as! [[String: Any]]).filter { $0["status"] as? String == "valid" }
        .map { URL(fileURLWithPath: $0["path"] as! String).lastPathComponent }
    var expected = try JSONSerialization.jsonObject(
        with: Data(contentsOf: TestPaths.fixtures.appendingPathComponent("forms/samples_expected.json"))) as! [String: Any]
    expected["R06_こそだてフェスタ_最終.xlsx"] = expected["R06_こそだてフェスタ_中間.xlsx"]  // same cells
    let scratch = try makeTemporaryDirectory("final-means")
    defer { try? FileManager.default.removeItem(at: scratch) }
    let expectedURL = scratch.appendingPathComponent("expected.json"), validURL = scratch.appendingPathComponent("valid.json")
    try JSONSerialization.data(withJSONObject: expected).write(to: expectedURL)
    try JSONSerialization.data(withJSONObject: valid).write(to: validURL)
    let recomputed = try PythonOracle.run("final_means.py", ["means", expectedURL.path, input.path, validURL.path])
        as! [String: [String: Any]]
    #expect(recomputed["2024"]?["count"] as? Int == 4, "多言語, 多世代食堂, ウォーキング, こそだて最終: \(recomputed)")
    #expect(recomputed["2024"]?["interim"] as? Int == 2, "こそだて, 省エネ")

    for (year, label) in [(2023, "令和5年度"), (2024, "令和6年度")] {
        let figures = recomputed[String(year)]!
        let book = try Outputs.sheets(out.appendingPathComponent("ふりかえり集計_\(label).xlsx"))
        #expect(Outputs.number(book["概要"]!["B4"]) == Double(figures["count"] as! Int), "\(label) count")
        #expect(abs(Outputs.number(book["概要"]!["B9"])! - (figures["all"] as! Double)) < 1e-9, "\(label) overall mean")
        let means = figures["viewpoints"] as! [String: Double]
        for (offset, key) in viewpointKeys.enumerated() {
            // 視点別: the group's table has its header on row 3, ① on row 4; 平均 in column C.
            let shown = Outputs.number(book["視点別"]!["C\(4 + offset)"])
            #expect(shown.map { abs($0 - means[key]!) < 1e-9 } == true, "\(label) \(key): \(String(describing: shown)) vs \(means[key]!)")
        }
        // 経年比較 shows the same means for this year.
        let trend = book["経年比較"]!
        let column = ["B", "C", "D", "E"].first { trend["\($0)2"] as? String == label }!
        for (offset, key) in viewpointKeys.enumerated() {
            #expect(abs(Outputs.number(trend["\(column)\(3 + offset)"])! - means[key]!) < 1e-9, "経年比較 \(label) \(key)")
        }
    }

    // One row per project and phase; こそだて's 最終 in 事業別, its 中間 in 中間ふりかえり.
    let r6 = try Outputs.sheets(out.appendingPathComponent("ふりかえり集計_令和6年度.xlsx"))
    for sheet in ["事業別", "中間ふりかえり"] {
        let ids = r6[sheet]!.filter { $0.key.hasPrefix("A") && $0.key != "A1" }.map { $0.value as! String }
        #expect(Set(ids).count == ids.count, "\(sheet) repeats a 事業ID: \(ids.sorted())")
    }
    let projects = try Outputs.csvRows(out.appendingPathComponent("ふりかえり_事業別_令和6年度.csv"))
    let interim = try Outputs.csvRows(out.appendingPathComponent("ふりかえり_中間_令和6年度.csv"))
    #expect(projects.count == 5 && interim.count == 3)
    #expect(Set(projects.dropFirst().map { $0[1] }).count == 4 && projects.dropFirst().allSatisfy { $0[4] == "最終" })
    #expect(interim.dropFirst().allSatisfy { $0[4] == "中間" })
    let kosodateFinal = projects.first { $0[3] == "こそだてフェスタ@西東京" }!
    let kosodateInterim = interim.first { $0[3] == "こそだてフェスタ@西東京" }!
    #expect(Array(kosodateFinal[9...15]) == Outputs.kosodateFinalScores.map(String.init))
    #expect(kosodateFinal[1] == kosodateInterim[1], "one 事業ID for both phases")
    // 省エネ has only a 中間: 最終未提出, with its 中間 noted.
    let missing = r6["未提出・未照合"]!
    let shoene = missing.first { $0.key.hasPrefix("C") && $0.value as? String == "省エネ家計簿講座" }
    #expect(shoene != nil)
    #expect(missing.values.contains { $0 as? String == "こそだてフェスタ@西東京" } == false, "こそだて has its 最終")
    let viewpointRows = try Outputs.csvRows(out.appendingPathComponent("ふりかえり_視点別_令和6年度.csv"))
    let pairs = viewpointRows.dropFirst().map { "\($0[1])/\($0[5])" }
    #expect(Set(pairs).count == pairs.count && viewpointRows.dropFirst().allSatisfy { $0[4] != "中間" })
}

@Test func aProjectWithOnlyAnInterimIsListedAsFinalMissingEvenWithoutAProposal() throws {
    let input = try makeTemporaryDirectory("interim-only")
    defer { try? FileManager.default.removeItem(at: input) }
    // ウォーキング has no proposal in 令和6; made into a 中間 it is 最終未提出 and not in the figures.
    try FileManager.default.copyItem(at: TestPaths.samples.appendingPathComponent("R06_こそだてフェスタ_中間.xlsx"),
                                     to: input.appendingPathComponent("中間.xlsx"))
    let (run, out) = try Outputs.process([input.path])
    defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
    #expect(run.status == 0, "\(run.stderr)")
    let book = try Outputs.sheets(out.appendingPathComponent("ふりかえり集計_令和6年度.xlsx"))
    #expect(Outputs.number(book["概要"]!["B4"]) == 0 && Outputs.number(book["概要"]!["B8"]) == 1)
    #expect(book["未提出・未照合"]!["C3"] as? String == "こそだてフェスタ@西東京")
    #expect(book["中間ふりかえり"]!["C2"] as? String == "こそだてフェスタ@西東京")
    #expect(book["事業別"]!["A2"] == nil)
}

@Test func theLatestPhaseSettingCountsTheInterimWhenNoFinalWasGiven() throws {
    let config = try makeTemporaryDirectory("phase-setting").appendingPathComponent("furikaeri.yml")
    defer { try? FileManager.default.removeItem(at: config.deletingLastPathComponent()) }
    try "rules:\n  statistics_phase: latest\n".write(to: config, atomically: true, encoding: .utf8)
    let (run, out) = try Outputs.process([TestPaths.samples.path, "--config", config.path])
    defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
    #expect(run.status == 0, "\(run.stderr)")
    let overview = try Outputs.sheets(out.appendingPathComponent("ふりかえり集計_令和6年度.xlsx"))["概要"]!
    #expect(Outputs.number(overview["B4"]) == 5)   // the three 最終 and the 中間 of こそだて and 省エネ
    #expect(Outputs.number(overview["B8"]) == 4)   // still 最終未提出

    try "rules:\n  statistics_phase: 中間\n".write(to: config, atomically: true, encoding: .utf8)
    let (bad, badOut) = try Outputs.process([TestPaths.samples.path, "--config", config.path])
    defer { try? FileManager.default.removeItem(at: badOut.deletingLastPathComponent()) }
    #expect(bad.status == 2 && bad.stderr.contains("statistics_phase"), "\(bad.status) \(bad.stderr)")
}
