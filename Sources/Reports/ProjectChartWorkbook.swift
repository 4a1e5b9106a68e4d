import Aggregation
import CXLSXWriter
import Foundation
import Forms

/// 事業カルテ_<年度>.xlsx: one A4 page (one sheet, named by 事業ID) per project of the year, for
/// committee meetings: the project's facts, a radar chart of the 団体 / 市 / 第三者 scores, the scores
/// table, the comments and 所見, and the project's path over earlier years.
public enum ProjectChartWorkbook {
    static let title = "事業カルテ"
    /// The document properties' keywords: furikaeri's output, never an input.
    public static let keywords = "furikaeri-summary"

    /// Whether a workbook is a カルテ furikaeri wrote (never read as input): its file name and sheets.
    public static func isOwn(fileName: String, sheetNames: [String]) -> Bool {
        fileName.hasPrefix(title + "_") && !sheetNames.isEmpty && sheetNames.allSatisfy { name in
            name.hasPrefix("R") && name.contains("-")
        }
    }

    /// `事業カルテ_令和6年度.xlsx`.
    public static func fileName(_ year: Int) -> String { "事業カルテ_\(FiscalYearLabel.japanese(year)).xlsx" }

    /// Writes the year's カルテ to `path`; the creation time is fixed as for the summary workbook.
    static func write(summary: YearSummary, thirdParty: ThirdPartySummary, crossYear: CrossYearSummary,
                      to path: String) throws {
        let yearLabel = FiscalYearLabel.japanese(summary.fiscalYear)
        let workbook = try WorkbookWriter(path: path, title: "\(title) \(yearLabel)",
                                          created: SummaryWorkbook.creationDate(fiscalYear: summary.fiscalYear),
                                          keywords: keywords)
        let evaluations = Dictionary(thirdParty.projects.map { ($0.projectID, $0) }, uniquingKeysWith: { a, _ in a })
        let paths = Dictionary(crossYear.paths.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        var used = Set<String>()
        for row in summary.projects {
            var name = String(row.projectID.prefix(31))
            while !used.insert(name).inserted { name = String(name.prefix(28)) + "_\(used.count)" }
            let page = ProjectChartPage(row: row, evaluation: evaluations[row.projectID],
                                        path: paths[row.submission.projectKey], yearLabel: yearLabel,
                                        sheet: workbook.addSheet(name))
            page.write(workbook)
        }
        try workbook.close()
    }
}

/// One project's page of the カルテ.
struct ProjectChartPage {
    let row: ProjectRow
    let evaluation: ProjectEvaluation?
    let path: ProjectPath?
    let yearLabel: String
    let sheet: SheetWriter

    static let lastColumn = 6
    static let tableTop = 11

    func write(_ workbook: WorkbookWriter) {
        let s = row.submission
        sheet.widths(Self.widths)
        sheet.text(0, 0, "\(ProjectChartWorkbook.title)（\(yearLabel)）", sheet.formats.title)
        sheet.text(1, 0, s.projectName, sheet.formats.title)
        let facts: [(String, String)] = [
            ("事業ID", row.projectID), ("団体名", s.orgName), ("事業名", s.projectName), ("担当課", row.department),
            ("協働の形態", row.collaborationForm), ("募集区分", row.category),
            ("継続年数", row.yearNumber.map { "\($0)年目" } ?? ""),
        ]
        for (offset, fact) in facts.enumerated() {
            sheet.text(3 + offset, 0, fact.0, sheet.formats.header)
            sheet.text(3 + offset, 1, fact.1)
        }
        let top = Self.tableTop
        sheet.headerRow(top, ["視点", "団体", "市", "第三者(平均)", "第三者 n", "中央値", "印"])
        for (offset, viewpoint) in Viewpoint.allCases.enumerated() {
            let r = top + 1 + offset
            let item = evaluation?.viewpoints.first { $0.viewpoint == viewpoint }
            sheet.text(r, 0, viewpoint.label)
            sheet.integer(r, 1, s.scores[viewpoint])
            sheet.integer(r, 2, s.cityScores[viewpoint])
            sheet.number(r, 3, item?.evaluators.mean, sheet.formats.decimal)
            sheet.integer(r, 4, item?.evaluators.n)
            sheet.number(r, 5, item?.evaluators.median, sheet.formats.decimal)
            let flags = [item?.belowSelf == true ? "乖離" : nil, item?.wideDisagreement == true ? "分かれ" : nil].compactMap { $0 }
            sheet.text(r, 6, flags.joined(separator: "・"), sheet.formats.flag)
        }
        let overallRow = top + 8
        sheet.text(overallRow, 0, "総合評価（第三者）")
        sheet.number(overallRow, 3, evaluation?.overall.mean, sheet.formats.decimal)
        sheet.integer(overallRow, 4, evaluation?.overall.n)
        sheet.number(overallRow, 5, evaluation?.overall.median, sheet.formats.decimal)
        addRadar(workbook)

        // Below the chart: comments, 所見, the path over the years.
        var r = overallRow + 21  // the chart takes rows 21–37
        for (label, text) in [("団体のコメント", s.orgComment), ("市のコメント", s.cityComment), ("今後の展望", s.outlook)] {
            block(r, label, text)
            r += 1
        }
        r += 1
        sheet.headerRow(r, ["第三者の所見", "総合評価", "所見・改善への提案"])
        let findings = evaluation?.findings ?? []
        if findings.isEmpty {
            r += 1
            sheet.text(r, 0, "（第三者評価はまだありません）")
        }
        for finding in findings {
            r += 1
            let text = finding.suggestions.isEmpty ? finding.findings : finding.findings + "\n（提案）" + finding.suggestions
            fit(r, from: 2, text)
            sheet.text(r, 0, finding.evaluator)
            sheet.integer(r, 1, finding.overall)
            merged(r, from: 2, text)
        }
        r += 2
        sheet.headerRow(r, ["これまでの経過", "継続年数", "区分", "団体の平均"])
        let steps = path?.steps ?? []
        if steps.isEmpty {
            r += 1
            sheet.text(r, 0, "（ほかの年度の記録はありません）")
        }
        for step in steps {
            r += 1
            sheet.text(r, 0, FiscalYearLabel.japanese(step.fiscalYear))
            sheet.text(r, 1, step.yearNumber.map { "\($0)年目" } ?? "")
            sheet.text(r, 2, step.phase.csvText)
            sheet.number(r, 3, step.mean, sheet.formats.decimal)
        }
        printOnOnePage(lastRow: r)
    }

    /// A label in column A and its text over the other columns, wrapped, the row tall enough.
    func block(_ r: Int, _ label: String, _ text: String) {
        fit(r, from: 1, text)
        sheet.text(r, 0, label, sheet.formats.header)
        merged(r, from: 1, text)
    }

    static let widths: [Double] = [18, 11, 11, 12, 10, 10, 14]

    /// Makes row `r` tall enough for `text` wrapped over columns `from`…G (before the row is written:
    /// rows are streamed).
    func fit(_ r: Int, from column: Int, _ text: String) {
        guard let pointer = sheet.sheet else { return }
        let width = Self.widths[column...].reduce(0, +)
        let lines = SheetWriter.lineCount(text, width: width)
        if lines > 1 {
            sheet.owner.check(worksheet_set_row(pointer, lxw_row_t(r), min(409, Double(lines) * 15 + 3), nil), "worksheet_set_row")
        }
    }

    /// `text` wrapped over columns `from`…G of row `r`.
    func merged(_ r: Int, from column: Int, _ text: String) {
        guard let pointer = sheet.sheet else { return }
        sheet.owner.check(worksheet_merge_range(pointer, lxw_row_t(r), lxw_col_t(column), lxw_row_t(r),
                                                lxw_col_t(Self.lastColumn), text, sheet.formats.wrap),
                          "worksheet_merge_range")
    }

    /// The radar chart of the three sides, from the scores table.
    func addRadar(_ workbook: WorkbookWriter) {
        let chart = workbook.addChart(LXW_CHART_RADAR)
        let first = Self.tableTop + 1, last = Self.tableTop + Viewpoint.allCases.count
        for (column, name) in [(1, "団体"), (2, "市"), (3, "第三者")] {
            ChartSeries.add(to: chart, sheet: sheet.name, name: name, categoryColumn: 0, valueColumn: column,
                            firstRow: first, lastRow: last)
        }
        guard let chart else { return }
        chart_title_set_name(chart, "視点別の評価：団体・市・第三者")
        chart_legend_set_position(chart, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue))
        if let axis = chart.pointee.y_axis {
            chart_axis_set_min(axis, 0)
            chart_axis_set_max(axis, 5)
            chart_axis_set_major_unit(axis, 1)
        }
        sheet.insert(chart, row: Self.tableTop + 10, column: 0, xScale: 1.45, yScale: 1.15)
    }

    /// A4 portrait, the page's columns and rows fitted to one page, with the year and page number.
    func printOnOnePage(lastRow: Int) {
        guard let pointer = sheet.sheet else { return }
        worksheet_set_paper(pointer, 9)
        worksheet_set_portrait(pointer)
        worksheet_fit_to_pages(pointer, 1, 1)
        worksheet_set_margins(pointer, 0.5, 0.5, 0.6, 0.6)
        sheet.owner.check(worksheet_print_area(pointer, 0, 0, lxw_row_t(lastRow), lxw_col_t(Self.lastColumn)),
                          "worksheet_print_area")
        let safe = { (s: String) in s.replacingOccurrences(of: "&", with: "&&") }
        sheet.owner.check(worksheet_set_footer(pointer, "&L\(safe(yearLabel))&C\(ProjectChartWorkbook.title)&R&A"),
                          "worksheet_set_footer")
    }
}
