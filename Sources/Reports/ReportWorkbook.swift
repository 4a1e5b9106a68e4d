import Foundation
import XLSXWriting

/// A workbook as Reports writes them (the summary, the カルテ, the exported lists): rows streamed
/// (constant memory), a fixed creation time with title, author and keywords so that equal input
/// gives equal bytes, the shared cell formats, and its sheets as `ReportSheet`.
struct ReportWorkbook {
    let workbook: XLSXWorkbook
    let formats: Formats

    /// Opens a new workbook at `path`. Every sheet writer writes its rows in ascending order.
    init(path: String, title: String, created: Date, keywords: String? = nil) throws(XLSXWriteError) {
        let properties = XLSXWorkbook.DocumentProperties(title: title, author: "furikaeri", keywords: keywords, created: created)
        workbook = try XLSXWorkbook(path: path, options: .init(constantMemory: true, properties: properties))
        formats = Formats(workbook)
    }

    func addSheet(_ name: String) -> ReportSheet { ReportSheet(cells: workbook.addSheet(name), formats: formats) }

    func addChart(_ kind: XLSXChart.Kind) -> XLSXChart { workbook.addChart(kind) }

    /// Writes the file; throws the first error met while building it.
    func close() throws(XLSXWriteError) { try workbook.close() }
}

/// The cell formats every sheet shares (all aligned to the top of the cell).
struct Formats {
    let title, header, text, wrap, integer, decimal, percent, flag: XLSXFormat

    init(_ workbook: XLSXWorkbook) {
        func make(_ change: (inout CellFormat) -> Void = { _ in }) -> XLSXFormat {
            var format = CellFormat(vertical: .top)
            change(&format)
            return workbook.addFormat(format)
        }
        title = make { $0.bold = true; $0.fontSize = 14 }
        header = make { $0.bold = true; $0.wrap = true; $0.background = 0xDDEBF7; $0.thinBorder = true }
        text = make()
        wrap = make { $0.wrap = true }
        integer = make { $0.numberFormat = "0" }
        decimal = make { $0.numberFormat = "0.00" }
        percent = make { $0.numberFormat = "0.0%" }
        flag = make { $0.fontColour = 0xC00000; $0.bold = true }
    }
}

extension XLSXChart {
    /// The reports' chart style: a title, the legend below, the value axis named and its range set.
    func style(title: String, valueAxisName: String, min: Double? = nil, max: Double? = nil) {
        self.title(title)
        legendAtBottom()
        guard let axis = valueAxis else { return }
        axis.name(valueAxisName)
        if let min { axis.minimum(min) }
        if let max { axis.maximum(max) }
    }
}
