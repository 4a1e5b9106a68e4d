import Aggregation
import Forms
import XLSXWriting

/// 概要: key figures and a bar chart of the viewpoint means.
struct OverviewSheet {
    let input: SummaryWorkbookInput
    let sheet: ReportSheet

    /// Where the viewpoint-means table starts, for the chart.
    static let meansHeaderRow = 17

    func write(_ workbook: ReportWorkbook) {
        sheet.widths([40, 14, 10])
        sheet.text(0, 0, "\(SummaryWorkbook.title) \(input.yearLabel)", sheet.formats.title)
        sheet.headerRow(2, ["項目", "値"])
        for (offset, figure) in keyFigures().enumerated() {
            sheet.text(3 + offset, 0, figure.0)
            if figure.2 { sheet.number(3 + offset, 1, figure.1, sheet.formats.decimal) } else { sheet.integer(3 + offset, 1, figure.1.map { Int($0) }) }
        }
        writeMeans()
        addChart(workbook)
    }

    /// (label, value, is a mean).
    func keyFigures() -> [(String, Double?, Bool)] {
        let s = input.summary
        let count = { (n: Int) -> Double? in Double(n) }
        let files = input.files
        return [
            ("ふりかえりシート（件）", count(s.projects.count), false),
            ("企画提案書（件）", count(s.proposals.count), false),
            ("提案書と照合できたふりかえり（件）", count(s.projects.count - s.unlinkedReflections.count), false),
            ("提案書と照合できないふりかえり（件）", count(s.unlinkedReflections.count), false),
            ("最終ふりかえり未提出の提案書（件）", count(s.missingReflections.count), false),
            ("全視点の平均（団体の評価）", s.allScores.mean, true),
            ("2以下の評価を含む事業（件）", count(s.projects.filter(\.hasLowScore).count), false),
            ("団体と市の評価の差が2以上の事業（件）", count(s.projects.filter(\.hasScoreGap).count), false),
            ("読み込んだファイル（件）", count(files.count), false),
            ("　うち受理（件）", count(files.filter { $0.status == .valid }.count), false),
            ("　うち要修正（件）", count(files.filter { $0.status == .invalid }.count), false),
            ("　うち読み取り不可（件）", count(files.filter { $0.status == .unreadable }.count), false),
            ("中間ふりかえり（件、集計には含めず）", count(s.interimReflections.count), false),
        ]
    }

    func writeMeans() {
        let top = Self.meansHeaderRow
        sheet.headerRow(top, ["視点", "平均", "回答数"])
        for (offset, v) in Viewpoint.allCases.enumerated() {
            let stats = input.summary.viewpointStatistics[v]
            sheet.text(top + 1 + offset, 0, v.label)
            sheet.number(top + 1 + offset, 1, stats?.mean, sheet.formats.decimal)
            sheet.integer(top + 1 + offset, 2, stats?.n)
        }
    }

    func addChart(_ workbook: ReportWorkbook) {
        let chart = workbook.addChart(.bar)
        let top = Self.meansHeaderRow
        chart.addSeries(sheet: sheet.cells.name, name: "平均", categoryColumn: 0, valueColumn: 1,
                        firstRow: top + 1, lastRow: top + Viewpoint.allCases.count)
        chart.style(title: "視点別の平均（5段階）", valueAxisName: "平均", min: 0, max: 5)
        chart.axis(.y)?.reverse()  // ① at the top
        // Below the means table, from column A: beside the tables it needed the page's whole width in
        // Excel, and more where the default font's digits are wider than Calibri's (LibreOffice
        // without Calibri printed it cut in two).
        sheet.cells.insert(chart, row: top + Viewpoint.allCases.count + 1, column: 0, xScale: 1.3, yScale: 1.0)
    }
}
