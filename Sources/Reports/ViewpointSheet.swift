import Aggregation
import Forms
import XLSXWriting

/// 視点別: n, mean, median, sample standard deviation and the distribution of each viewpoint,
/// for the group's and the city's scores, with a stacked bar chart of the distribution.
struct ViewpointSheet {
    let input: SummaryWorkbookInput
    let sheet: ReportSheet

    static let header = ["視点", "回答数(n)", "平均", "中央値", "標準偏差(標本, n−1)", "1点", "2点", "3点", "4点", "5点", "4以上の割合"]
    static let orgTableRow = 2

    var cityTableRow: Int { Self.orgTableRow + Viewpoint.allCases.count + 4 }

    func write(_ workbook: ReportWorkbook) {
        sheet.widths([22, 10, 9, 9, 14, 7, 7, 7, 7, 7, 12])
        sheet.text(0, 0, "視点別の分布（標準偏差は標本標準偏差：n−1 で割っています）", sheet.formats.title)
        sheet.text(Self.orgTableRow - 1, 0, "団体の評価")
        table(at: Self.orgTableRow, input.summary.viewpointStatistics)
        sheet.text(cityTableRow - 1, 0, "市の評価")
        table(at: cityTableRow, input.summary.cityStatistics)
        addChart(workbook)
    }

    func table(at top: Int, _ statistics: [Viewpoint: ScoreStatistics]) {
        sheet.headerRow(top, Self.header)
        for (offset, v) in Viewpoint.allCases.enumerated() {
            let row = top + 1 + offset
            let s = statistics[v] ?? ScoreStatistics(scores: [])
            sheet.text(row, 0, v.label)
            sheet.integer(row, 1, s.n)
            sheet.number(row, 2, s.mean, sheet.formats.decimal)
            sheet.number(row, 3, s.median, sheet.formats.decimal)
            sheet.number(row, 4, s.standardDeviation, sheet.formats.decimal)
            for score in 0..<5 { sheet.integer(row, 5 + score, s.counts[score]) }
            sheet.number(row, 10, s.shareFourOrAbove, sheet.formats.percent)
        }
    }

    func addChart(_ workbook: ReportWorkbook) {
        let chart = workbook.addChart(.stackedBar)
        let colours: [UInt32] = [0xC00000, 0xF4B183, 0xD9D9D9, 0x9DC3E6, 0x2E75B6]
        let first = Self.orgTableRow + 1, last = Self.orgTableRow + Viewpoint.allCases.count
        for score in 0..<5 {
            let series = chart.addSeries(sheet: sheet.cells.name, name: "\(score + 1)点", categoryColumn: 0,
                                         valueColumn: 5 + score, firstRow: first, lastRow: last)
            series?.fill(colours[score])
        }
        chart.style(title: "視点別の評価の分布（団体の評価、件数）", valueAxisName: "件数")
        chart.axis(.y)?.reverse()
        sheet.cells.insert(chart, row: cityTableRow + Viewpoint.allCases.count + 2, column: 0, xScale: 2, yScale: 1.4)
    }
}
