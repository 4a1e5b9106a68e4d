import Core
import Testing
@testable import Validation

@Suite struct HumanReportTests {
    func results(_ language: Language) -> [FileResult] {
        let validator = Validator(language: language)
        let bad = Build.reflection(scores: [.achievement: .integer(6)])
        let warn = Build.proposal { $0["phone"] = Build.text("phone", "電話番号", "C23", "12") }
        let unreadable = ValidationIssue(severity: .error, code: "reader.not_a_zip", field: "", sheet: "", cell: "", message: "読めません")
        return [
            FileResult(path: "in/a.xlsx", sha256: "x", status: .invalid, issues: [],
                       forms: [ValidatedForm(form: bad, issues: validator.validate(bad, file: "in/a.xlsx"))]),
            FileResult(path: "in/b.xlsx", sha256: "x", status: .valid, issues: [],
                       forms: [ValidatedForm(form: warn, issues: validator.validate(warn, file: "in/b.xlsx"))]),
            FileResult(path: "in/c.xlsx", sha256: "x", status: .unreadable, issues: [unreadable], forms: []),
            FileResult(path: "in/d.xlsx", sha256: "x", status: .valid, issues: [],
                       forms: [ValidatedForm(form: Build.reflection(), issues: [])]),
        ]
    }

    @Test func japaneseReportGroupsIssuesUnderTheirFileAndEndsWithTotal() {
        let lines = HumanReport.render(results(.ja), language: .ja).split(separator: "\n").map(String.init)
        #expect(lines[0] == "✗ in/a.xlsx（不備あり: エラー 1件・警告 0件）")
        #expect(lines[1].hasPrefix("  [エラー] score.out_of_range: ファイル「a.xlsx」の「④目的の達成度」の評価"))
        #expect(lines[2] == "✓ in/b.xlsx（受付可・警告 1件）")
        #expect(lines[3].hasPrefix("  [警告] contact.phone_format: "))
        #expect(lines[4] == "✗ in/c.xlsx（読み取れません）")
        #expect(lines[5] == "  [エラー] reader.not_a_zip: 読めません")
        #expect(lines[6] == "✓ in/d.xlsx（問題なし）")
        #expect(lines[7] == "合計 4ファイル: 受付可 2・不備あり 1・読み取れない 1（エラー 2件・警告 1件）")
        #expect(lines.count == 8)
    }

    @Test func englishReportHasTheSameShape() {
        let lines = HumanReport.render(results(.en), language: .en).split(separator: "\n").map(String.init)
        #expect(lines[0] == "✗ in/a.xlsx (invalid: 1 error, 0 warnings)")
        #expect(lines[1].hasPrefix("  [error] score.out_of_range: a.xlsx, sheet \"ふりかえり\" cell D10"))
        #expect(lines[2] == "✓ in/b.xlsx (acceptable, 1 warning)")
        #expect(lines.last == "Total 4 files: 2 valid, 1 invalid, 1 unreadable (2 errors, 1 warning)")
    }

    @Test func exitStatusIsZeroOnlyWhenEveryFileIsValid() {
        let all = results(.ja)
        #expect(HumanReport.exitStatus(all) == 1)
        #expect(HumanReport.exitStatus([all[1], all[3]]) == 0)
        #expect(HumanReport.exitStatus([all[2]]) == 1)
        #expect(HumanReport.exitStatus([]) == 0)
    }
}
