import Aggregation
import Forms
import XLSXWriting

/// 事業別 (the reflections the figures use) or 中間ふりかえり: one row per project, scores coloured on a
/// red–yellow–green scale, frozen header, autofilter.
struct ProjectSheet {
    let input: SummaryWorkbookInput
    let sheet: ReportSheet
    let rows: [ProjectRow]

    static let header = ["事業ID", "団体名", "事業名", "区分(中間/最終)", "担当課", "募集区分", "募集の種類", "協働の形態"]
        + Viewpoint.allCases.map(\.label) + ["平均", "最も低い視点", "2以下の評価", "団体と市の差2以上", "市の評価の平均"]
    static let firstScoreColumn = 8
    static var meanColumn: Int { firstScoreColumn + Viewpoint.allCases.count }

    func write() {
        sheet.widths([13, 24, 28, 9, 16, 18, 12, 10] + Array(repeating: 8, count: 7) + [8, 22, 16, 16, 10],
                     wrap: [1, 2, 16, 17, 18])
        sheet.headerRow(0, Self.header)
        for (offset, row) in rows.enumerated() { write(row, at: offset + 1) }
        let last = rows.count
        sheet.cells.freeze(row: 1, column: 3)
        sheet.cells.autofilter(headerRow: 0, lastRow: last, firstColumn: 0, lastColumn: Self.header.count - 1)
        sheet.scoreColourScale(firstRow: 1, lastRow: last, firstColumn: Self.firstScoreColumn, lastColumn: Self.meanColumn)
        sheet.cells.repeatRows(0)
        sheet.cells.repeatColumns(through: 2)  // 事業ID, 団体名, 事業名 on every page of the wide table
    }

    func write(_ row: ProjectRow, at r: Int) {
        let s = row.submission
        let texts = [row.projectID, s.orgName, s.projectName, s.phase.csvText, row.department,
                     row.category, row.proposalType, row.collaborationForm]
        sheet.fitRow(r, [(1, s.orgName), (2, s.projectName),
                         (Self.meanColumn + 2, row.lowViewpoints.map(\.label).joined(separator: "・")),
                         (Self.meanColumn + 3, row.gapViewpoints.map(\.label).joined(separator: "・"))])
        // A cell's own format replaces its column's: the wrapped name columns say so cell by cell.
        for (column, text) in texts.enumerated() { sheet.text(r, column, text, column == 1 || column == 2 ? sheet.formats.wrap : nil) }
        for (offset, v) in Viewpoint.allCases.enumerated() { sheet.integer(r, Self.firstScoreColumn + offset, s.scores[v]) }
        sheet.number(r, Self.meanColumn, row.mean, sheet.formats.decimal)
        sheet.text(r, Self.meanColumn + 1, row.lowestViewpoints.map(\.label).joined(separator: "・"))
        sheet.text(r, Self.meanColumn + 2, row.lowViewpoints.map(\.label).joined(separator: "・"), sheet.formats.flag)
        sheet.text(r, Self.meanColumn + 3, row.gapViewpoints.map(\.label).joined(separator: "・"), sheet.formats.flag)
        sheet.number(r, Self.meanColumn + 4, row.cityMean, sheet.formats.decimal)
    }
}

/// 担当課別, 協働形態別, 部門別: one block per dimension with each group's count and means.
struct BreakdownSheet {
    let input: SummaryWorkbookInput
    let sheet: ReportSheet
    let dimensions: [BreakdownDimension]

    func write() {
        sheet.widths([24, 8] + Array(repeating: 9, count: 8))
        var row = 0
        for dimension in dimensions {
            guard let breakdown = input.summary.breakdown(dimension) else { continue }
            row = write(breakdown, at: row) + 2
        }
    }

    /// Writes one block; returns its last row.
    func write(_ breakdown: Breakdown, at top: Int) -> Int {
        sheet.text(top, 0, "\(breakdown.dimension.title)別の平均", sheet.formats.title)
        sheet.headerRow(top + 1, [breakdown.dimension.title, "件数"] + Viewpoint.allCases.map(\.label) + ["平均"])
        for (offset, group) in breakdown.groups.enumerated() {
            let r = top + 2 + offset
            sheet.text(r, 0, group.label)
            sheet.integer(r, 1, group.count)
            for (i, v) in Viewpoint.allCases.enumerated() { sheet.number(r, 2 + i, group.means[v], sheet.formats.decimal) }
            sheet.number(r, 9, group.overallMean, sheet.formats.decimal)
        }
        let last = top + 1 + breakdown.groups.count
        sheet.scoreColourScale(firstRow: top + 2, lastRow: last, firstColumn: 2, lastColumn: 9)
        return last
    }
}
