import Foundation
import Testing
import TestSupport

// Stable identities: an organisation's code is given once and kept (the codes file beside process's
// outputs; the ledger for a workspace), and 事業ID is the same wherever a project appears.

/// The codes file: code → normalised 団体名.
private func readCodes(_ path: String) throws -> [String: String] {
    var codes: [String: String] = [:]
    for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") where !line.hasPrefix("#") {
        let parts = line.split(separator: "\t")
        codes[String(parts[1])] = String(parts[0])
    }
    return codes
}

/// 事業名 → (事業ID, 団体名) in a 事業別 CSV.
private func projects(_ folder: URL, _ year: String) throws -> [String: (id: String, org: String)] {
    var out: [String: (id: String, org: String)] = [:]
    for row in try Outputs.csvRows(folder.appendingPathComponent("ふりかえり_事業別_\(year).csv")).dropFirst() {
        out[row[3]] = (row[1], row[2])
    }
    return out
}

@Test func processKeepsEveryCodeInTheCodesFileAcrossRunsAndYears() throws {
    let parent = try makeTemporaryDirectory("stable-codes")
    defer { try? FileManager.default.removeItem(at: parent) }
    // First run: only 令和6's files. 地域防災ネットワーク柳沢 (令和5, 令和7) comes later and sorts before
    // 歩こう会西原 and 環境市民の会にしとうきょう: given codes in name order, theirs would shift.
    let first = parent.appendingPathComponent("in-r6")
    try FileManager.default.createDirectory(at: first, withIntermediateDirectories: true)
    for name in try FileManager.default.contentsOfDirectory(atPath: TestPaths.samples.path)
    where name.hasPrefix("R06_") || name.hasPrefix("P06_") {
        try FileManager.default.copyItem(at: TestPaths.samples.appendingPathComponent(name), to: first.appendingPathComponent(name))
    }
    let (run1, out1) = try Outputs.process([first.path, "--anonymize"], output: parent.appendingPathComponent("first"))
    #expect(run1.status == 0, "\(run1.stderr)")
    let codesPath = parent.appendingPathComponent("団体コード表_非公開.tsv").path
    let codes1 = try readCodes(codesPath)
    #expect(codes1["歩こう会西原"] != nil && codes1["地域防災ネットワーク柳沢"] == nil)
    #expect(!(try FileManager.default.contentsOfDirectory(atPath: out1.path)).contains { $0.contains("コード") },
            "the codes file is not among the outputs")

    let (run2, out2) = try Outputs.process([TestPaths.samples.path, "--anonymize"], output: parent.appendingPathComponent("second"))
    #expect(run2.status == 0, "\(run2.stderr)")
    let codes2 = try readCodes(codesPath)
    for (name, code) in codes1 { #expect(codes2[name] == code, "\(name) was \(code), now \(codes2[name] ?? "-")") }
    #expect(codes2["地域防災ネットワーク柳沢"] != nil && Set(codes2.values).count == codes2.count)
    let walking1 = try projects(out1, "令和6年度")["健康ウォーキングマップづくり"]!
    let walking2 = try projects(out2, "令和6年度")["健康ウォーキングマップづくり"]!
    #expect(walking1.org == codes1["歩こう会西原"] && walking2.org == walking1.org && walking2.id == walking1.id)

    // Two years reported separately, joined by code and 事業ID; the same 事業ID without --anonymize.
    let (r5run, r5) = try Outputs.process([TestPaths.samples.path, "--anonymize", "--year", "R5"], output: parent.appendingPathComponent("r5"))
    let (r6run, r6) = try Outputs.process([TestPaths.samples.path, "--anonymize", "--year", "R6"], output: parent.appendingPathComponent("r6"))
    let (plainRun, plain) = try Outputs.process([TestPaths.samples.path], output: parent.appendingPathComponent("plain"))
    #expect(r5run.status == 0 && r6run.status == 0 && plainRun.status == 0)
    let tagengo5 = try projects(r5, "令和5年度")["多言語情報提供事業"]!, tagengo6 = try projects(r6, "令和6年度")["多言語情報提供事業"]!
    #expect(tagengo5.org == tagengo6.org && tagengo5.org == codes2["NPO法人にしとうきょう多文化ネット"])
    #expect(try projects(plain, "令和5年度")["多言語情報提供事業"]!.id == tagengo5.id)
    // 経年比較 of 令和6 shows 令和5's step under the 事業ID of 令和5's own outputs.
    let trend = try Outputs.sheets(r6.appendingPathComponent("ふりかえり集計_令和6年度.xlsx"))["経年比較"]!
    #expect(trend.values.contains { $0 as? String == tagengo5.id }, "経年比較 has \(tagengo5.id)")
    #expect(trend.values.contains { $0 as? String == tagengo6.id })
}

@Test func aBrokenCodesFileIsAUsageErrorThatNamesTheLine() throws {
    let parent = try makeTemporaryDirectory("bad-codes")
    defer { try? FileManager.default.removeItem(at: parent) }
    let codes = parent.appendingPathComponent("codes.tsv")
    try "# comment\n団体A01\tみどりの会\nみどりの会\n".write(to: codes, atomically: true, encoding: .utf8)
    let (run, _) = try Outputs.process([TestPaths.samples.path, "--anonymize", "--codes", codes.path],
                                       output: parent.appendingPathComponent("out"))
    #expect(run.status == 2 && run.stderr.contains("3 行目"), "\(run.status) \(run.stderr)")
}

@Suite(.serialized) struct WorkspaceCodeTests {
    @Test func aWorkspaceGivesAnOrganisationOneCodeInEveryYearsReview() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        try f.dropSamples()
        #expect(try f.furikaeri(["run"]).status == 0)
        // 令和5's review knows 令和5's organisations only; 令和6 adds NPO法人こども食堂ひだまり, which sorts
        // before NPO法人にしとうきょう多文化ネット (多言語).
        let r5 = f.root.appendingPathComponent("r5"), r6 = f.root.appendingPathComponent("r6")
        #expect(try f.furikaeri(["report", "--year", "令和5年度", "--anonymize", "--output", r5.path]).status == 0)
        #expect(try f.furikaeri(["report", "--year", "令和6年度", "--anonymize", "--output", r6.path]).status == 0)
        let tagengo5 = try projects(r5, "令和5年度")["多言語情報提供事業"]!, tagengo6 = try projects(r6, "令和6年度")["多言語情報提供事業"]!
        #expect(tagengo5.org.hasPrefix("団体") && tagengo5.org == tagengo6.org)
        // Rerunning gives the same bytes.
        let again = f.root.appendingPathComponent("r5-again")
        #expect(try f.furikaeri(["report", "--year", "令和5年度", "--anonymize", "--output", again.path]).status == 0)
        for name in ["ふりかえり_事業別_令和5年度.csv", "未提出一覧_令和5年度.csv"] {
            #expect(FileManager.default.contents(atPath: r5.appendingPathComponent(name).path)
                    == FileManager.default.contents(atPath: again.appendingPathComponent(name).path), "\(name)")
        }
    }
}

@Suite(.serialized) struct WorkspaceSettingsInReviewTests {
    @Test func theReviewUsesTheWorkspacesPhaseSetting() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        try f.dropSamples()
        #expect(try f.furikaeri(["run"]).status == 0)
        let final = f.root.appendingPathComponent("final"), latest = f.root.appendingPathComponent("latest")
        #expect(try f.furikaeri(["report", "--year", "令和6年度", "--output", final.path]).status == 0)
        let settings = f.workspace + "/furikaeri.yml"
        let text = try String(contentsOfFile: settings, encoding: .utf8)
        #expect(text.contains("  statistics_phase: final\n"))
        try text.replacingOccurrences(of: "  statistics_phase: final\n", with: "  statistics_phase: latest\n")
            .write(toFile: settings, atomically: true, encoding: .utf8)
        #expect(try f.furikaeri(["report", "--year", "令和6年度", "--output", latest.path]).status == 0)
        // 多言語, 多世代食堂, ウォーキング; with latest also the 中間 of こそだて and 省エネ.
        #expect(try Outputs.csvRows(final.appendingPathComponent("ふりかえり_事業別_令和6年度.csv")).count == 4)
        #expect(try Outputs.csvRows(latest.appendingPathComponent("ふりかえり_事業別_令和6年度.csv")).count == 6)
    }
}
