import Foundation
import Intake
import Testing

@Test func statusCountsPerYearAndListsMissingReflections() throws {
    let t = try TestWorkspace()
    defer { t.remove() }
    try t.drop("p1.xlsx", "valid;2024;会A;事業A;;proposal")
    try t.drop("p2.xlsx", "valid;2024;会B;事業B;;proposal")
    try t.drop("p3.xlsx", "valid;2024;会C;事業C;;proposal")
    try t.drop("r1.xlsx", "valid;2024;会A;事業A;最終")
    try t.drop("r3.xlsx", "valid;2024;会C;事業C;中間")
    try t.drop("bad.xlsx", "invalid;2024;会D;事業D;最終")
    try t.drop("old.xlsx", "valid;2023;会A;事業A;最終")
    try t.runOnce()
    try t.drop("r1again.xlsx", "valid;2024;会Ａ;事業Ａ;最終\n")
    try t.drop("same as old.xlsx", "valid;2023;会A;事業A;最終")
    try t.runOnce()
    let years = try t.ledger.yearStatuses()
    #expect(years.map(\.fiscalYear) == [2023, 2024])
    let y2024 = years[1]
    #expect(y2024.reflections == 2 && y2024.proposals == 3 && y2024.superseded == 1 && y2024.rejected == 1)
    #expect(y2024.missing.map(\.projectName) == ["事業B", "事業C"])
    // 事業C's interim sheet arrived: said, not only the proposal.
    #expect(y2024.missing.map(\.reason) == ["企画提案書あり", "企画提案書あり・中間ふりかえりシートあり"])
    #expect(years[0].duplicates == 1 && years[0].reflections == 1)
    let report = try StatusReport.read(workspace: t.workspace, ledger: t.ledger, settings: .defaults)
    let text = StatusText.render(report)
    #expect(text.contains("令和6年度（2024）") && text.contains("会B「事業B」") && text.contains("処理待ち 0件"))
    #expect(text.contains("差戻し（訂正待ち） 1件") && text.contains("    - rejected/bad.xlsx（bad.xlsx、エラー 1件、"))
}
