import Forms
import Settings
import XLSXWriting

/// The 企画提案書 template: labels in column A, input cells merged over B:D, one field a row.
///
/// Layout: title A1:D1, a note in A2, then from row 4 one row per field in `order` (label in A,
/// value in B:D). Long texts get tall rows.
struct ProposalTemplate {
    let settings: Settings
    let workbook: XLSXWorkbook
    let styles: TemplateStyles

    static let firstRow = 3
    static let lastColumn = 3
    /// Field order on the printed form.
    static let order = [
        "fiscal_year", "category", "proposal_type", "theme", "org_name", "representative", "address", "phone",
        "email", "project_name", "collaboration_form", "department", "year_number", "local_issue", "purpose",
        "description", "expected_effect", "org_role", "city_role", "total_cost", "requested_amount",
    ]
    static let tallFields: Set<String> = [
        "local_issue", "purpose", "description", "expected_effect", "org_role", "city_role",
    ]

    /// The zero-based row of a field in the template.
    static func row(of key: String) -> Int? { order.firstIndex(of: key).map { firstRow + $0 } }

    func build() {
        let definition = FormDefinition.proposal(settings: settings)
        let sheet = workbook.addSheet(TemplateWriter.sheetName(.proposal))
        var lists = ChoiceLists(workbook: workbook)
        sheet.columnWidth(0, 0, 24)
        sheet.columnWidth(1, 2, 22)
        sheet.columnWidth(3, 3, 30)
        sheet.merge(0, 0, 0, Self.lastColumn, definition.title, styles.title)
        sheet.rowHeight(0, 28)
        sheet.merge(1, 0, 1, Self.lastColumn,
                        "＊は必須項目です。黄色のセルに入力してください。代表者氏名・所在地・電話番号・メールアドレスは審査の外には出しません。",
                        styles.note)
        sheet.rowHeight(1, 30)
        for (offset, key) in Self.order.enumerated() {
            guard let field = definition.field(key) else { continue }
            let row = Self.firstRow + offset
            let label = field.required && !field.label.hasPrefix("*") ? "*" + field.label : field.label
            sheet.text(row, 0, label, styles.label)
            sheet.merge(row, 1, row, Self.lastColumn, "", field.type == .money ? styles.money : styles.input)
            sheet.rowHeight(row, Self.tallFields.contains(key) ? 72 : 22)
            let title = String(field.label.prefix(32))
            switch (field.type, key) {
            case (.choice, _):
                sheet.validate(row, 1, row, Self.lastColumn, lists.rule(for: field.choices), title: title,
                                   message: field.inputMessage, errorMessage: "\(field.label)は一覧から選んでください。")
            case (.integer, "year_number"):
                sheet.validate(row, 1, row, Self.lastColumn, .wholeNumber(min: 1, max: 3), title: title,
                                   message: field.inputMessage, errorMessage: "継続年数は 1 から 3 までの整数で入力してください。")
            case (.money, _):
                sheet.validate(row, 1, row, Self.lastColumn, .wholeNumber(min: 0, max: 999_999_999), title: title,
                                   message: field.inputMessage, errorMessage: "金額は円単位の整数（0 以上）で入力してください。")
            default:
                sheet.validate(row, 1, row, Self.lastColumn, .any, title: title, message: field.inputMessage,
                                   errorMessage: "")
            }
        }
        sheet.protect(allowingRowHeights: true)
        sheet.printOnA4(landscape: false, lastRow: Self.firstRow + Self.order.count - 1, lastColumn: Self.lastColumn)
        sheet.activate()
    }
}
