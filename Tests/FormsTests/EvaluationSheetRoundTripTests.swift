import Foundation
import Templates
import TestSupport
import Testing
import XLSX
@testable import Forms

/// The 第三者評価票 written by `EvaluationSheetWriter` reads back: its facts from their cells, the
/// evaluator's inputs blank at theirs, through our reader and through openpyxl's cells.
@Suite struct EvaluationSheetRoundTripTests {
    static let project = EvaluationSheetProject(
        projectID: "R6-1A2B3C4D", fiscalYear: 2024, orgName: "NPO法人にしとうきょう多文化ネット", projectName: "多言語情報提供事業",
        department: "文化振興課", collaborationForm: "委託", category: "継続ステップアップ部門",
        localIssue: "外国籍市民に市の情報が届かない", purpose: "生活情報を多言語で届ける", expectedEffect: "暮らしの不安が減る",
        orgScores: [.effectiveness: 5, .goalSetting: 4], cityScores: [.effectiveness: 2],
        orgComment: "翻訳ボランティアの高齢化が課題です。", cityComment: "次年度も委託で継続します。")

    @Test(arguments: ReadBack.allCases)
    func factsReadBackAndTheEvaluatorsInputsAreBlank(via route: ReadBack) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("評価票.xlsx").path
        var second = Self.project
        second.projectID = "R6-99999999"
        try EvaluationSheetWriter.write(projects: [Self.project, second], evaluator: "委員A", to: path)
        let forms = try route.forms(at: path)
        #expect(forms.map(\.sheet) == ["R6-1A2B3C4D", "R6-99999999"])
        let form = try #require(forms.first)
        #expect(form.kind == .evaluation)
        let facts: [(String, String, FieldValue)] = [
            ("project_id", "B3", .text("R6-1A2B3C4D")), ("fiscal_year", "D3", .fiscalYear(2024)),
            ("org_name", "B4", .text("NPO法人にしとうきょう多文化ネット")), ("project_name", "B5", .text("多言語情報提供事業")),
            ("department", "B6", .text("文化振興課")), ("collaboration_form", "D6", .text("委託")),
            ("category", "F6", .text("継続ステップアップ部門")), ("local_issue", "B7", .text("外国籍市民に市の情報が届かない")),
            ("purpose", "B8", .text("生活情報を多言語で届ける")), ("expected_effect", "B9", .text("暮らしの不安が減る")),
            ("org_comment", "B19", .text("翻訳ボランティアの高齢化が課題です。")),
            ("city_comment", "B20", .text("次年度も委託で継続します。")), ("evaluator", "B25", .text("委員A")),
            ("overall", "B22", .blank), ("findings", "B23", .blank), ("suggestions", "B24", .blank), ("evaluated_on", "E25", .blank),
        ]
        for (key, a1, value) in facts {
            #expect(form[key]?.cell.a1 == a1, "\(key)")
            #expect(form[key]?.value == value, "\(key)")
        }
        for (offset, viewpoint) in Viewpoint.allCases.enumerated() {
            // The evaluator's column, not the 団体's (C) nor the 市's (D) printed beside it.
            #expect(form["scores.\(viewpoint.rawValue)"]?.cell.a1 == "E\(12 + offset)")
            #expect(form["scores.\(viewpoint.rawValue)"]?.value == .blank)
            #expect(form["city_scores.\(viewpoint.rawValue)"] == nil)
        }
        #expect(form.fields.count == facts.count + Viewpoint.allCases.count)
    }
}
