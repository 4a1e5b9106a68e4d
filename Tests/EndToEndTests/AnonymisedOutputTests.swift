import Foundation
import Testing
import TestSupport

// Nothing identifying with --anonymize: every output file (workbooks unzipped) is searched for every
// organisation name, personal value and input file name, after folding width and spaces.

/// The organisation names and personal values of every form of samples/, from the fixture that
/// lists each sheet's fields (Tests/Fixtures/forms/samples_expected.json).
private func sampleNamesAndPersonalValues() throws -> (orgs: Set<String>, personal: Set<String>) {
    let expected = try JSONSerialization.jsonObject(
        with: Data(contentsOf: TestPaths.fixtures.appendingPathComponent("forms/samples_expected.json"))) as! [String: [String: Any]]
    var orgs = Set<String>(), personal = Set<String>()
    for sheets in expected.values {
        for case let facts as [String: Any] in sheets.values {
            let fields = facts["fields"] as? [String: [String: Any]] ?? [:]
            func value(_ key: String) -> String? { (fields[key]?["value"] as? [String: Any])?["v"] as? String }
            if let org = value("org_name") { orgs.insert(org) }
            for key in ["representative", "address", "phone", "email"] { if let v = value(key) { personal.insert(v) } }
        }
    }
    return (orgs, personal)
}

/// samples/ with two files renamed after people and organisations, one of them with a comment that
/// names its organisation and representative in other widths and spacing.
private func identifyingInputs() throws -> (URL, [String]) {
    let dir = try Outputs.copyOfSamples()
    let fm = FileManager.default
    try fm.moveItem(at: dir.appendingPathComponent("P06_多世代食堂_企画提案書.xlsx"), to: dir.appendingPathComponent("仮名次郎_提案.xlsx"))
    try fm.removeItem(at: dir.appendingPathComponent("R06_多世代食堂_最終.xlsx"))
    let replaced = try PythonOracle.run("replace_text.py", [
        TestPaths.samples.appendingPathComponent("R06_多世代食堂_最終.xlsx").path,
        dir.appendingPathComponent("こども食堂ひだまり 見本 太郎さん_最終.xlsx").path,
        "地域の居場所として定着した。", "ＮＰＯ法人　こども食堂 ひだまりと仮名　次郎さんのおかげで定着した。",
    ]) as! [String: Any]
    #expect((replaced["replaced"] as! [String]).count == 1)
    return (dir, try fm.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".xlsx") })
}

@Test func anAnonymisedRunHoldsNoNamePersonalValueOrFileName() throws {
    let (input, inputNames) = try identifyingInputs()
    defer { try? FileManager.default.removeItem(at: input) }
    let (run, out) = try Outputs.process([input.path, "--anonymize"])
    defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
    #expect(run.status == 0, "\(run.stderr)")
    let (orgs, personal) = try sampleNamesAndPersonalValues()
    #expect(orgs.count >= 10 && personal.count >= 30)
    let stems = inputNames.map { ($0 as NSString).deletingPathExtension }
    let needles = (Array(orgs) + Array(personal) + inputNames + stems + [input.path]).map(Outputs.folded)
    let texts = try Outputs.texts(in: out)
    #expect(texts.count >= 17)
    var hits: [String] = []
    for (name, text) in texts {
        let folded = Outputs.folded(text)
        for needle in needles where folded.contains(needle) { hits.append("\(name): \(needle)") }
        #expect(!Outputs.folded(name).contains("仮名次郎"))
    }
    #expect(hits.isEmpty, "\(hits.sorted())")

    // Submissions are named by 提出ID, sheets by number.
    let issues = try ["令和5年度", "令和6年度", "令和7年度"].flatMap {
        try Outputs.csvRows(out.appendingPathComponent("ふりかえり_検証結果_\($0).csv")).dropFirst()
    }
    #expect(issues.count > 30)
    #expect(issues.allSatisfy { $0[0].hasPrefix("提出-") && $0[0].count == 13 })
    #expect(issues.allSatisfy { $0[5].isEmpty || $0[5].hasPrefix("シート") }, "\(issues.map { $0[5] })")
    let missing = try Outputs.sheets(out.appendingPathComponent("ふりかえり集計_令和6年度.xlsx"))["未提出・未照合"]!
    #expect(missing.values.contains { ($0 as? String)?.hasPrefix("提出-") == true }, "unlinked ウォーキング named by 提出ID")
    // The comment is kept, its names replaced.
    let comments = try Outputs.csvRows(out.appendingPathComponent("ふりかえり_コメント_令和6年度.csv"))
    #expect(comments.contains { $0[7].contains("団体A") && $0[7].contains("＊＊＊") && $0[7].hasSuffix("さんのおかげで定着した。") },
            "\(comments.map { $0[7] })")
}

@Test func withoutAnonymizePathsAreRelativeToTheInputFolder() throws {
    let (input, _) = try identifyingInputs()
    defer { try? FileManager.default.removeItem(at: input) }
    let (run, out) = try Outputs.process([input.path])
    defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
    #expect(run.status == 0, "\(run.stderr)")
    for (name, text) in try Outputs.texts(in: out) {
        #expect(!text.contains(input.path) && !text.contains(FileManager.default.temporaryDirectory.path), "\(name) holds an absolute path")
    }
    let issues = try Outputs.csvRows(out.appendingPathComponent("ふりかえり_検証結果_令和6年度.csv"))
    #expect(try Outputs.csvRows(out.appendingPathComponent("ふりかえり_検証結果_令和5年度.csv"))
        .contains { $0[0] == "R05_防災まち歩き_最終.xlsx" && $0[5] == "R5防災" })
    // A personal value in a file name is masked even without --anonymize.
    #expect(issues.contains { $0[0] == "＊＊＊_提案.xlsx" }, "\(issues.map { $0[0] })")
}
