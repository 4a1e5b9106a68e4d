import Foundation
import Testing
import TestSupport

@Suite(.serialized) struct ReportCommandTests {
    func workspaceWithSamples() throws -> IntakeFixture {
        let f = try IntakeFixture()
        try f.dropSamples()
        #expect(try f.furikaeri(["run"]).status == 0)
        return f
    }

    @Test func theYearlyReviewHasTheYearsOutputsTheComparisonAndTheMissingList() throws {
        let f = try workspaceWithSamples()
        defer { f.remove() }
        let result = try f.furikaeri(["report", "--year", "令和6年度"])
        #expect(result.status == 0)
        let dir = f.workspace + "/output/年次レビュー_令和6年度"
        let names = IntakeFixture.files(under: dir)
        #expect(names.contains("ふりかえり集計_令和6年度.xlsx") && names.contains("ふりかえり_経年比較.csv")
                && names.contains("未提出一覧_令和6年度.csv"))
        let comparison = String(decoding: FileManager.default.contents(atPath: dir + "/ふりかえり_経年比較.csv") ?? Data(), as: UTF8.self)
        #expect(comparison.contains("令和5年度") && comparison.contains("令和6年度") && !comparison.contains("令和7年度"))
        let missing = String(decoding: FileManager.default.contents(atPath: dir + "/未提出一覧_令和6年度.csv") ?? Data(), as: UTF8.self)
        #expect(missing.hasPrefix("\u{FEFF}年度,団体名,事業名,理由"))
        #expect(missing.contains("小規模公園・緑地活用事業"))
        try runOracle("dump_cells.py", [dir + "/ふりかえり集計_令和6年度.xlsx"])
    }

    @Test func anonymizedCP932ReviewHasNoOrganisationNames() throws {
        let f = try workspaceWithSamples()
        defer { f.remove() }
        let out = f.root.appendingPathComponent("review").path
        let result = try f.furikaeri(["report", "--year", "2025", "--anonymize", "--encoding", "cp932", "--output", out])
        #expect(result.status == 0)
        let missing = FileManager.default.contents(atPath: out + "/未提出一覧_令和7年度.csv") ?? Data()
        let text = String(data: missing, encoding: .shiftJIS) ?? ""
        #expect(text.contains("団体A0") && !text.contains("地域防災ネットワーク柳沢"))
        #expect(text.contains("防災まち歩きワークショップ"))
    }

    @Test func aYearThatCannotBeReadIsRefusedWithHowToWriteIt() throws {
        let f = try IntakeFixture()
        defer { f.remove() }
        let result = try f.furikaeri(["report", "--year", "去年"])
        #expect(result.status != 0 && result.stderr.contains("令和6年度"))
    }
}
