import Core
import Foundation
import Testing
import Validation
@testable import Intake

/// `RejectionNote` on hand-made results: its order, its limit and who each item is for.
@Suite struct RejectionNoteTests {
    private func issue(_ cell: String, field: String = "scores.achievement", severity: Severity = .error) -> ValidationIssue {
        ValidationIssue(severity: severity, code: "score.missing", field: field, sheet: "S", cell: cell,
                        message: "ファイル「a.xlsx」の「\(field)」（シート「S」\(cell)）が空欄です。")
    }

    @Test func itemsComeInCellOrderAndTheDepartmentsAfterTheGroups() {
        let issues = [issue("D16", field: "city_comment"), issue("B10"), issue("AA2"), issue("C2", severity: .warning),
                      issue("", field: "org_comment")]
        let result = FileResult(path: "/w/inbox/課/a.xlsx", sha256: "x", status: .invalid, issues: [],
                                forms: [ValidatedForm(form: .init(sheet: "S", kind: .reflection, fields: [:]), issues: issues)])
        let text = RejectionNote.invalid(originalName: "課/a.xlsx", result: result)
        let lines = text.split(separator: "\n").map(String.init)
        let items = lines.filter { $0.first?.isNumber == true }
        #expect(items == [
            "1. [警告] 「scores.achievement」（シート「S」C2）が空欄です。",
            "2. [エラー] 「scores.achievement」（シート「S」AA2）が空欄です。",
            "3. [エラー] 「scores.achievement」（シート「S」B10）が空欄です。",
            "4. [エラー] 「org_comment」（シート「S」）が空欄です。",
            "5. [エラー] 「city_comment」（シート「S」D16）が空欄です。",
        ])
        #expect(RejectionNote.addressee(ofField: "city_scores.goal_setting") == .department)
        // Advice meant for the office is replaced by what the sender can do.
        let yearless = ValidationIssue(severity: .warning, code: "fiscal_year.missing", field: "fiscal_year", sheet: "S", cell: "",
                                       message: "ファイル「a.xlsx」のシート「S」に実施年度がありません。…受付（run）では受け付けた日の年度…")
        let unknown = ValidationIssue(severity: .warning, code: "department.unknown", field: "department", sheet: "S", cell: "B4",
                                      message: "…設定ファイルの departments に加えてください。")
        for language in Language.allCases {
            let note = RejectionNote.invalid(originalName: "a.xlsx", result: FileResult(
                path: "a.xlsx", sha256: "x", status: .invalid, issues: [],
                forms: [ValidatedForm(form: .init(sheet: "S", kind: .reflection, fields: [:]), issues: [yearless, unknown])]),
                language: language)
            for word in ["run", "process", "設定ファイル", "departments に", "settings", "inbox"] { #expect(!note.contains(word)) }
            #expect(note.contains(language == .ja ? "（シート「S」B4）" : "(sheet \"S\" cell B4)"))
        }
        #expect(RejectionNote.addressee(ofField: "city_role") == .group)
    }

    @Test func aNoteListsAtMostFiftyItemsThenCountsTheRest() {
        let issues = (1...9_990).map { issue("D\($0)", severity: $0 % 3 == 0 ? .warning : .error) }
        let result = FileResult(path: "a.xlsx", sha256: "x", status: .invalid, issues: [],
                                forms: [ValidatedForm(form: .init(sheet: "S", kind: .reflection, fields: [:]), issues: issues)])
        for language in Language.allCases {
            let text = RejectionNote.invalid(originalName: "a.xlsx", result: result, language: language)
            #expect(text.split(separator: "\n").filter { $0.contains(". [") }.count == RejectionNote.maxItems)
            #expect(text.utf8.count < 8_000)
            #expect(text.contains(language == .ja ? "ほかに 9940件あります（エラー 6626件・警告 3314件）。"
                                                  : "9940 more (6626 errors, 3314 warnings) are not listed."))
        }
    }
}
