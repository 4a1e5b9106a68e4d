import Aggregation
import Forms
import XLSXWriting

/// 経年比較: each viewpoint's mean by year with a line chart, and each multi-year project's path.
struct CrossYearSheet {
    let input: SummaryWorkbookInput
    let sheet: ReportSheet

    var cross: CrossYearSummary { input.crossYear }
    static let tableRow = 1

    func write(_ workbook: ReportWorkbook) {
        sheet.widths([22, 28, 10, 12, 13, 10] + Array(repeating: 8, count: 8))
        sheet.text(0, 0, "視点別の平均の推移", sheet.formats.title)
        writeMeans()
        addChart(workbook)
        writePaths(at: Self.tableRow + Viewpoint.allCases.count + 24)
    }

    func writeMeans() {
        let top = Self.tableRow
        sheet.headerRow(top, ["視点"] + cross.years.map(FiscalYearLabel.japanese))
        for (offset, v) in Viewpoint.allCases.enumerated() {
            sheet.text(top + 1 + offset, 0, v.label)
            for (i, year) in cross.years.enumerated() {
                sheet.number(top + 1 + offset, 1 + i, cross.viewpointMeans[v]?[year], sheet.formats.decimal)
            }
        }
        let countRow = top + 1 + Viewpoint.allCases.count
        sheet.text(countRow, 0, "ふりかえり件数")
        for (i, year) in cross.years.enumerated() { sheet.integer(countRow, 1 + i, cross.reflectionCounts[year] ?? 0) }
    }

    func addChart(_ workbook: ReportWorkbook) {
        let top = Self.tableRow
        // No ふりかえり in any year yet (only 企画提案書 so far): a chart with no line is refused by
        // libxlsxwriter and would fail the whole workbook, so the sheet says why there is none.
        guard !cross.years.isEmpty else {
            sheet.text(top + Viewpoint.allCases.count + 3, 0, "ふりかえりシートがまだないため、推移のグラフはありません。")
            return
        }
        let chart = workbook.addChart(.line)
        for (offset, v) in Viewpoint.allCases.enumerated() {
            let series = chart.addRowSeries(sheet: sheet.cells.name, name: v.label, categoryRow: top,
                                            valueRow: top + 1 + offset, firstColumn: 1, lastColumn: cross.years.count)
            series?.automaticMarkers()
        }
        chart.style(title: "視点別の平均の推移（団体の評価）", valueAxisName: "平均", min: 1, max: 5)
        sheet.cells.insert(chart, row: top + Viewpoint.allCases.count + 3, column: 0, xScale: 2, yScale: 1.4)
    }

    func writePaths(at top: Int) {
        sheet.text(top, 0, "複数年度の事業の推移（\(cross.paths.count)件）", sheet.formats.title)
        sheet.headerRow(top + 1, ["団体名", "事業名", "継続年数", "年度", "事業ID", "区分(中間/最終)"]
                        + Viewpoint.allCases.map(\.label) + ["平均"])
        var r = top + 2
        for path in cross.paths {
            for step in path.steps {
                sheet.text(r, 0, path.orgName)
                sheet.text(r, 1, path.projectName)
                sheet.text(r, 2, step.yearNumber.map { "\($0)年目" } ?? "")
                sheet.text(r, 3, FiscalYearLabel.japanese(step.fiscalYear))
                sheet.text(r, 4, step.projectID)
                sheet.text(r, 5, step.phase.csvText)
                for (i, v) in Viewpoint.allCases.enumerated() { sheet.integer(r, 6 + i, step.scores[v]) }
                sheet.number(r, 13, step.mean, sheet.formats.decimal)
                r += 1
            }
        }
        sheet.scoreColourScale(firstRow: top + 2, lastRow: r - 1, firstColumn: 6, lastColumn: 13)
    }
}
