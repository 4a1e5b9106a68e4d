import XLSXWriting

/// The cell formats both templates use: locked labels, shaded unlocked input cells.
struct TemplateStyles {
    let title: XLSXFormat
    let label: XLSXFormat
    let question: XLSXFormat
    let input: XLSXFormat
    let score: XLSXFormat
    let money: XLSXFormat
    let note: XLSXFormat
    /// A printed fact (第三者評価票): white, bordered, wrapped, locked; numbers centred.
    let fact: XLSXFormat
    let factNumber: XLSXFormat

    /// Light blue behind labels, light yellow behind what staff fill in.
    static let labelColour: UInt32 = 0xDDEBF7
    static let inputColour: UInt32 = 0xFFF2CC

    init(_ workbook: XLSXWorkbook) {
        let font = "游ゴシック"
        let base = CellFormat(fontName: font, fontSize: 10.5, wrap: true, vertical: .center, thinBorder: true)
        func shaded(_ colour: UInt32, _ change: (inout CellFormat) -> Void = { _ in }) -> CellFormat {
            var format = base
            format.solidFill = true
            format.background = colour
            change(&format)
            return format
        }
        // The order of adding is part of the bytes of every template: keep it.
        title = workbook.addFormat(CellFormat(fontName: font, fontSize: 14, bold: true, horizontal: .center, vertical: .center))
        label = workbook.addFormat(shaded(Self.labelColour) { $0.bold = true })
        question = workbook.addFormat(shaded(Self.labelColour))
        input = workbook.addFormat(shaded(Self.inputColour) { $0.unlocked = true; $0.vertical = .top })
        score = workbook.addFormat(shaded(Self.inputColour) { $0.unlocked = true; $0.horizontal = .center })
        money = workbook.addFormat(shaded(Self.inputColour) { $0.unlocked = true; $0.numberFormat = "#,##0" })
        fact = workbook.addFormat(base)
        factNumber = workbook.addFormat({ var f = base; f.horizontal = .center; return f }())
        note = workbook.addFormat(CellFormat(fontName: font, fontSize: 9, wrap: true))
    }
}

extension XLSXSheet.Rule {
    /// A score: a dropdown of 1 to 5; Excel stores the chosen item as a number.
    static let score = XLSXSheet.Rule.list(["1", "2", "3", "4", "5"])
}

extension XLSXSheet {
    /// A data validation with a Japanese input message and, for a refused value, the templates'
    /// stop message.
    func validate(_ firstRow: Int, _ firstColumn: Int, _ lastRow: Int, _ lastColumn: Int, _ rule: Rule,
                  title: String, message: String, errorMessage: String) {
        validate(firstRow, firstColumn, lastRow, lastColumn, rule, title: title, message: message,
                 errorTitle: "入力内容を確認してください", errorMessage: errorMessage)
    }

    /// A4, fitted to one page wide, centred, with modest margins; as many pages tall as the rows need
    /// (rows made taller for a long comment print in full, not shrunk), or one page with `onePage`.
    func printOnA4(landscape: Bool, onePage: Bool = false, lastRow: Int, lastColumn: Int) {
        paperA4()
        if landscape { self.landscape() } else { portrait() }
        fitToPages(width: 1, height: onePage ? 1 : 0)
        centerHorizontally()
        margins(left: 0.5, right: 0.5, top: 0.6, bottom: 0.6)
        printArea(lastRow: lastRow, lastColumn: lastColumn)
    }
}
