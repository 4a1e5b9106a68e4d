import Aggregation
import Forms
import Foundation
import XLSXWriting

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
        let workbook = try ReportWorkbook(path: path, title: "\(title) \(yearLabel)",
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
    let sheet: ReportSheet

    static let lastColumn = 6
    static let tableTop = 11

    func write(_ workbook: ReportWorkbook) {
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
        let lines = ReportSheet.lineCount(text, width: Self.widths[column...].reduce(0, +))
        if lines > 1 { sheet.cells.rowHeight(r, ReportSheet.rowHeight(lines: lines)) }
    }

    /// `text` wrapped over columns `from`…G of row `r`.
    func merged(_ r: Int, from column: Int, _ text: String) {
        sheet.cells.merge(r, column, r, Self.lastColumn, text, sheet.formats.wrap)
    }

    /// The radar chart of the three sides, from the scores table.
    func addRadar(_ workbook: ReportWorkbook) {
        let chart = workbook.addChart(.radar)
        let first = Self.tableTop + 1, last = Self.tableTop + Viewpoint.allCases.count
        for (column, name) in [(1, "団体"), (2, "市"), (3, "第三者")] {
            chart.addSeries(sheet: sheet.cells.name, name: name, categoryColumn: 0, valueColumn: column,
                            firstRow: first, lastRow: last)
        }
        chart.title("視点別の評価：団体・市・第三者")
        chart.legendAtBottom()
        if let axis = chart.axis(.y) {
            axis.minimum(0)
            axis.maximum(5)
            axis.majorUnit(1)
        }
        sheet.cells.insert(chart, row: Self.tableTop + 10, column: 0, xScale: 1.45, yScale: 1.15)
    }

    /// A4 portrait, the page's columns and rows fitted to one page, with the year and page number.
    func printOnOnePage(lastRow: Int) {
        let cells = sheet.cells
        cells.paperA4()
        cells.portrait()
        cells.fitToPages(width: 1, height: 1)
        cells.margins(left: 0.5, right: 0.5, top: 0.6, bottom: 0.6)
        cells.printArea(lastRow: lastRow, lastColumn: Self.lastColumn)
        cells.footer("&L\(XLSXSheet.escapingCodes(yearLabel))&C\(ProjectChartWorkbook.title)&R&A")
    }
}
