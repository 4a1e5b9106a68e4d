import Forms
import Settings
import XLSXWriting

/// The ふりかえりシート template: the seed's table with 実施年度, ふりかえりの時期 and 担当課 above it
/// and a 市の評価 column beside 評価.
///
/// Layout (A1 references): title A1:F1; 実施年度 A3→B3; ふりかえりの時期 C3→D3:E3; 担当課 A4→B4;
/// header rows 6–7 (団体名 A6:A7, 事業名 B6:B7, ふりかえりの視点 C6:E6, 評価 D7, 市の評価 E7,
/// 団体のコメント F6:F7); viewpoints rows 8–14 (団体名 A8:A14, 事業名 B8:B14, scores D, city scores E,
/// comments F); 団体のコメント A15:C15→D15:F15; 市のコメント A16:C16→D16:F16; 今後の展望 A17:C17→D17:F17.
struct ReflectionTemplate {
    let settings: Settings
    let workbook: XLSXWorkbook
    let styles: TemplateStyles

    static let firstViewpointRow = 7
    static let lastColumn = 5
    /// Points: five printed lines of text in a viewpoint's comment cell.
    static let viewpointRowHeight = 64.0
    /// Points: eight printed lines (about 250 characters) in 団体のコメント, 市のコメント and 今後の展望.
    static let freeTextRowHeight = 110.0

    func build() {
        let definition = FormDefinition.reflection(settings: settings)
        func field(_ key: String) -> FieldDefinition { definition.field(key)! }
        let sheet = workbook.addSheet(TemplateWriter.sheetName(.reflection))
        var lists = ChoiceLists(workbook: workbook)
        sheet.columnWidth(0, 1, 20)
        sheet.columnWidth(2, 2, 46)
        sheet.columnWidth(3, 4, 9)
        sheet.columnWidth(5, 5, 42)
        sheet.merge(0, 0, 0, Self.lastColumn, definition.title, styles.title)
        sheet.rowHeight(0, 28)

        // Header fields above the table.
        let year = field("fiscal_year"), phase = field("phase"), department = field("department")
        sheet.text(2, 0, year.label, styles.label)
        sheet.blank(2, 1, styles.input)
        sheet.validate(2, 1, 2, 1, .any, title: year.label,
                           message: year.inputMessage, errorMessage: "")
        sheet.text(2, 2, phase.label, styles.label)
        sheet.merge(2, 3, 2, 4, "", styles.input)
        sheet.validate(2, 3, 2, 4, lists.rule(for: phase.choices), title: "ふりかえりの時期",
                           message: phase.inputMessage, errorMessage: "中間 か 最終 を一覧から選んでください。")
        sheet.text(3, 0, department.label, styles.label)
        sheet.blank(3, 1, styles.input)
        sheet.validate(3, 1, 3, 1, lists.rule(for: department.choices), title: department.label,
                           message: department.inputMessage, errorMessage: "担当課を一覧から選んでください。")

        // The seed's table: two header rows, then one row per viewpoint.
        guard let table = definition.viewpointTable else { return }
        let top = Self.firstViewpointRow - 2, first = Self.firstViewpointRow, last = first + 6
        sheet.merge(top, 0, top + 1, 0, field("org_name").label, styles.label)
        sheet.merge(top, 1, top + 1, 1, field("project_name").label, styles.label)
        sheet.merge(top, 2, top, 4, table.viewpointHeader, styles.label)
        sheet.blank(top + 1, 2, styles.label)
        sheet.text(top + 1, 3, table.scoreHeaders[0], styles.label)
        sheet.text(top + 1, 4, table.cityScoreHeaders[0], styles.label)
        sheet.merge(top, 5, top + 1, 5, table.commentHeaders[0], styles.label)
        sheet.merge(first, 0, last, 0, "", styles.input)
        sheet.merge(first, 1, last, 1, "", styles.input)
        for (offset, viewpoint) in Viewpoint.allCases.enumerated() {
            let row = first + offset
            sheet.text(row, 2, viewpoint.label + "\n" + viewpoint.question, styles.question)
            sheet.blank(row, 3, styles.score)
            sheet.blank(row, 4, styles.score)
            sheet.blank(row, 5, styles.input)
            // Five lines of comment (about 100 characters) print in full; rows can be made taller
            // under the sheet's protection for more.
            sheet.rowHeight(row, Self.viewpointRowHeight)
        }
        sheet.validate(first, 0, last, 0, .any, title: "団体名", message: field("org_name").inputMessage,
                           errorMessage: "")
        sheet.validate(first, 1, last, 1, .any, title: "事業名", message: field("project_name").inputMessage,
                           errorMessage: "")
        sheet.validate(first, 3, last, 3, .score, title: "評価（団体）",
                           message: "一覧から 1（低い）〜5（高い）を選んでください。2以下のときはコメントも記入してください。",
                           errorMessage: "評価は一覧の 1 から 5 から選んでください。")
        sheet.validate(first, 4, last, 4, .score, title: "市の評価",
                           message: "担当課が一覧から 1（低い）〜5（高い）を選んでください。",
                           errorMessage: "市の評価は一覧の 1 から 5 から選んでください。")
        sheet.validate(first, 5, last, 5, .any, title: "団体のコメント",
                           message: "評価の理由を記入してください。評価が2以下のときは必ず記入してください。", errorMessage: "")

        // Free-text rows below the table.
        for (offset, key) in ["org_comment", "city_comment", "outlook"].enumerated() {
            let row = last + 1 + offset
            let definition = field(key)
            sheet.merge(row, 0, row, 2, definition.label, styles.label)
            sheet.merge(row, 3, row, Self.lastColumn, "", styles.input)
            sheet.rowHeight(row, Self.freeTextRowHeight)
            sheet.validate(row, 3, row, Self.lastColumn, .any, title: String(definition.label.prefix(32)),
                               message: definition.inputMessage, errorMessage: "")
        }
        sheet.text(last + 5, 0, "＊は必須項目です。黄色のセルに入力してください。", styles.note)
        sheet.protect(allowingRowHeights: true)
        sheet.printOnA4(landscape: true, lastRow: last + 5, lastColumn: Self.lastColumn)
        sheet.activate()
    }
}
