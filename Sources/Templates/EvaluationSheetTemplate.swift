import Core
import Foundation
import Forms
import XLSXWriting

/// The facts one 第三者評価票 prints about a project (locked), taken from the ledger.
public struct EvaluationSheetProject: Sendable, Hashable {
    /// 事業ID such as `R6-1A2B3C4D`: what the returned sheet is matched by.
    public var projectID: String
    /// Western year of April (2024 = 令和6年度).
    public var fiscalYear: Int?
    /// 団体名, or its code (`団体A01`) on anonymised sheets.
    public var orgName: String
    public var projectName: String
    public var department: String
    public var collaborationForm: String
    public var category: String
    public var localIssue: String
    public var purpose: String
    public var expectedEffect: String
    /// The 団体's and the 市's own scores (ふりかえりシート).
    public var orgScores: [Viewpoint: Int]
    public var cityScores: [Viewpoint: Int]
    public var orgComment: String
    public var cityComment: String

    public init(projectID: String, fiscalYear: Int?, orgName: String, projectName: String, department: String = "",
                collaborationForm: String = "", category: String = "", localIssue: String = "", purpose: String = "",
                expectedEffect: String = "", orgScores: [Viewpoint: Int] = [:], cityScores: [Viewpoint: Int] = [:],
                orgComment: String = "", cityComment: String = "") {
        self.projectID = projectID
        self.fiscalYear = fiscalYear
        self.orgName = orgName
        self.projectName = projectName
        self.department = department
        self.collaborationForm = collaborationForm
        self.category = category
        self.localIssue = localIssue
        self.purpose = purpose
        self.expectedEffect = expectedEffect
        self.orgScores = orgScores
        self.cityScores = cityScores
        self.orgComment = orgComment
        self.cityComment = cityComment
    }
}

/// Writes evaluator workbooks: one sheet per project, the facts locked, the evaluator's inputs unlocked.
public enum EvaluationSheetWriter {
    /// Writes one evaluator's workbook at `path` (whole or not at all), one sheet per project, named by
    /// its 事業ID. `evaluator` (a name or a code) is put in the evaluator's cell, which stays editable.
    public static func write(projects: [EvaluationSheetProject], evaluator: String, to path: String,
                             overwrite: Bool = true) throws {
        try TemplateWriter.writeWhole(to: path, overwrite: overwrite) { workbook, styles in
            let template = EvaluationSheetTemplate(workbook: workbook, styles: styles)
            for project in projects { template.build(project, evaluator: evaluator) }
        }
    }
}

/// One 第三者評価票 sheet, in the labels of `FormDefinition.evaluation`.
///
/// Layout (A1): title A1:F1; 事業ID A3→B3, 実施年度 C3→D3; 団体名 A4→B4:F4; 事業名 A5→B5:F5;
/// 担当課 A6→B6, 協働の形態 C6→D6, 募集区分 E6→F6; 地域課題, 事業の目的, 期待される効果 A7:A9→B:F;
/// header row 11 (ふりかえりの視点 A11:B11, 団体の評価 C11, 市の評価 D11, *評価者の評価 E11);
/// viewpoints rows 12–18 (A:B label, C and D the facts, E the evaluator's score); 団体のコメント and
/// 市のコメント rows 19–20; *総合評価 A22→B22; *所見 A23→B23:F23; 改善への提案 A24→B24:F24;
/// *評価者 A25→B25:C25, 記入日 D25→E25:F25.
struct EvaluationSheetTemplate {
    let workbook: XLSXWorkbook
    let styles: TemplateStyles
    static let lastColumn = 5
    static let headerRow = 10

    var fact: XLSXFormat { styles.fact }
    var factNumber: XLSXFormat { styles.factNumber }

    /// Adds the sheet of one project.
    func build(_ project: EvaluationSheetProject, evaluator: String) {
        let definition = FormDefinition.evaluation()
        func label(_ key: String) -> String { definition.field(key)!.label }
        func message(_ key: String) -> String { definition.field(key)!.inputMessage }
        let name = project.projectID.isEmpty ? TemplateWriter.sheetName(.evaluation) : String(project.projectID.prefix(31))
        let sheet = workbook.addSheet(name)
        let last = Self.lastColumn
        sheet.columnWidth(0, 0, 18)
        sheet.columnWidth(1, 1, 22)
        sheet.columnWidth(2, 4, 13)
        sheet.columnWidth(5, 5, 22)
        sheet.merge(0, 0, 0, last, definition.title, styles.title)
        sheet.rowHeight(0, 28)

        sheet.text(2, 0, label("project_id"), styles.label)
        sheet.text(2, 1, project.projectID, fact)
        sheet.text(2, 2, label("fiscal_year"), styles.label)
        sheet.merge(2, 3, 2, last, project.fiscalYear.map(FiscalYearText.japanese) ?? "", fact)
        for (row, key, value) in [(3, "org_name", project.orgName), (4, "project_name", project.projectName)] {
            sheet.text(row, 0, label(key), styles.label)
            sheet.merge(row, 1, row, last, value, fact)
        }
        sheet.text(5, 0, label("department"), styles.label)
        sheet.text(5, 1, project.department, fact)
        sheet.text(5, 2, label("collaboration_form"), styles.label)
        sheet.text(5, 3, project.collaborationForm, fact)
        sheet.text(5, 4, label("category"), styles.label)
        sheet.text(5, 5, project.category, fact)
        for (offset, (key, value)) in [("local_issue", project.localIssue), ("purpose", project.purpose),
                                       ("expected_effect", project.expectedEffect)].enumerated() {
            let row = 6 + offset
            sheet.text(row, 0, label(key), styles.label)
            sheet.merge(row, 1, row, last, value, fact)
            sheet.rowHeight(row, Self.height(value, charactersPerLine: 50))
        }

        // The viewpoints: the 団体's and the 市's scores beside the evaluator's.
        let table = definition.viewpointTable!
        let top = Self.headerRow, first = top + 1
        sheet.merge(top, 0, top, 1, table.viewpointHeader, styles.label)
        sheet.text(top, 2, "団体の評価", styles.label)
        sheet.text(top, 3, "市の評価", styles.label)
        sheet.text(top, 4, table.scoreHeaders[0], styles.label)
        sheet.blank(top, 5, styles.label)
        for (offset, viewpoint) in Viewpoint.allCases.enumerated() {
            let row = first + offset
            sheet.merge(row, 0, row, 1, viewpoint.label, styles.question)
            number(sheet, row, 2, project.orgScores[viewpoint])
            number(sheet, row, 3, project.cityScores[viewpoint])
            sheet.blank(row, 4, styles.score)
            sheet.blank(row, 5, fact)
            sheet.rowHeight(row, 22)
        }
        let scoreItems = ["1", "2", "3", "4", "5"]
        sheet.validate(first, 4, first + 6, 4, .list(scoreItems), title: "評価者の評価",
                           message: "視点ごとに 1（低い）〜5（高い）を選んでください（必須）。",
                           errorMessage: "評価は 1 から 5 までの整数で入力してください。")
        let commentsRow = first + 7
        for (offset, (key, value)) in [("org_comment", project.orgComment), ("city_comment", project.cityComment)].enumerated() {
            let row = commentsRow + offset
            sheet.text(row, 0, label(key), styles.label)
            sheet.merge(row, 1, row, last, value, fact)
            sheet.rowHeight(row, Self.height(value, charactersPerLine: 50))
        }

        // The evaluator's inputs.
        let overallRow = commentsRow + 3
        sheet.text(overallRow, 0, label("overall"), styles.label)
        sheet.blank(overallRow, 1, styles.score)
        sheet.validate(overallRow, 1, overallRow, 1, .list(scoreItems), title: "総合評価",
                           message: message("overall"), errorMessage: "総合評価は 1 から 5 までの整数で入力してください。")
        for (offset, key) in ["findings", "suggestions"].enumerated() {
            let row = overallRow + 1 + offset
            sheet.text(row, 0, label(key), styles.label)
            sheet.merge(row, 1, row, last, "", styles.input)
            sheet.rowHeight(row, 96)
            sheet.validate(row, 1, row, last, .any, title: String(label(key).prefix(32)), message: message(key),
                               errorMessage: "")
        }
        let signRow = overallRow + 3
        sheet.text(signRow, 0, label("evaluator"), styles.label)
        sheet.merge(signRow, 1, signRow, 2, evaluator, styles.input)
        sheet.validate(signRow, 1, signRow, 2, .any, title: "評価者", message: message("evaluator"), errorMessage: "")
        sheet.text(signRow, 3, label("evaluated_on"), styles.label)
        sheet.merge(signRow, 4, signRow, last, "", styles.input)
        sheet.validate(signRow, 4, signRow, last, .any, title: "記入日", message: message("evaluated_on"),
                           errorMessage: "")
        sheet.merge(signRow + 1, 0, signRow + 1, last,
                        "＊は必須項目です。黄色のセルだけに記入してください（事業の情報は変更できません）。", styles.note)
        sheet.protect(allowingRowHeights: true)
        sheet.printOnA4(landscape: false, onePage: true, lastRow: signRow + 1, lastColumn: last)
    }

    private func number(_ sheet: XLSXSheet, _ row: Int, _ column: Int, _ value: Int?) {
        if let value { sheet.number(row, column, Double(value), factNumber) } else { sheet.blank(row, column, factNumber) }
    }

    /// A row tall enough for `text` wrapped at about `charactersPerLine` full-width characters.
    static func height(_ text: String, charactersPerLine: Int) -> Double {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { max(1, ($0.count + charactersPerLine - 1) / charactersPerLine) }.reduce(0, +)
        return Double(max(1, lines)) * 15 + 6
    }
}
