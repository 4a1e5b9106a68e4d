import Aggregation
import Forms
import XLSXWriting

/// コメント一覧: every comment, wrapped, with the project it belongs to.
struct CommentSheet {
    let input: SummaryWorkbookInput
    let sheet: ReportSheet

    func write() {
        sheet.widths([13, 22, 24, 9, 14, 18, 66], wrap: [1, 2, 6])
        sheet.headerRow(0, ["事業ID", "団体名", "事業名", "区分(中間/最終)", "種類", "視点", "コメント"])
        var r = 1
        for row in input.summary.reflections {
            let s = row.submission
            for item in CommentItem.items(of: s) {
                let values = [row.projectID, s.orgName, s.projectName, s.phase.csvText, item.kind, item.viewpoint]
                sheet.fitRow(r, [(1, s.orgName), (2, s.projectName), (6, item.text)])
                for (column, value) in values.enumerated() { sheet.text(r, column, value) }
                sheet.text(r, 6, item.text, sheet.formats.wrap)
                r += 1
            }
        }
        sheet.cells.freeze(row: 1)
        sheet.cells.autofilter(headerRow: 0, lastRow: r - 1, firstColumn: 0, lastColumn: 6)
        sheet.cells.repeatRows(0)
    }
}

/// 未提出・未照合: proposals whose final reflection is missing, reflections without a proposal, and
/// forms left out for want of a fiscal year.
struct MissingSheet {
    let input: SummaryWorkbookInput
    let sheet: ReportSheet

    func write() {
        sheet.widths([13, 24, 28, 16, 20, 10, 12, 40], wrap: [1, 2, 7])
        var r = writeMissing(at: 0) + 2
        r = writeUnlinked(at: r) + 2
        r = writeDuplicates(at: r) + 2
        writeUndated(at: r)
    }

    func writeMissing(at top: Int) -> Int {
        let missing = input.summary.missingReflections
        sheet.text(top, 0, "最終ふりかえりが未提出の事業（\(missing.count)件：企画提案書か中間のふりかえりがあるもの）", sheet.formats.title)
        sheet.headerRow(top + 1, ["事業ID", "団体名", "事業名", "担当課", "募集区分", "継続年数", "中間の提出"])
        for (offset, m) in missing.enumerated() {
            let r = top + 2 + offset
            sheet.fitRow(r, [(1, m.orgName), (2, m.projectName)])
            for (column, value) in [m.projectID, m.orgName, m.projectName, m.department, m.proposal?.category ?? "(提案書なし)"].enumerated() {
                sheet.text(r, column, value)
            }
            sheet.integer(r, 5, m.proposal?.yearNumber)
            sheet.text(r, 6, m.hasInterim ? "あり" : "なし")
        }
        return top + 1 + missing.count
    }

    /// Second sheets for a project and phase already given: not counted, listed so that the office
    /// can withdraw the wrong one.
    func writeDuplicates(at top: Int) -> Int {
        let rows = input.summary.duplicateReflections
        return writeReflections(rows, title: "同じ事業・区分の2件目以降のふりかえり（\(rows.count)件、集計に含めず）", at: top)
    }

    func writeUnlinked(at top: Int) -> Int {
        let rows = input.summary.unlinkedReflections
        return writeReflections(rows, title: "企画提案書と照合できないふりかえり（\(rows.count)件）", at: top)
    }

    /// A titled list of reflections with their file; returns the row after the list.
    private func writeReflections(_ rows: [ProjectRow], title: String, at top: Int) -> Int {
        sheet.text(top, 0, title, sheet.formats.title)
        sheet.headerRow(top + 1, ["事業ID", "団体名", "事業名", "担当課", "区分(中間/最終)", "", "", "ファイル"])
        for (offset, row) in rows.enumerated() {
            let r = top + 2 + offset, s = row.submission
            sheet.fitRow(r, [(1, s.orgName), (2, s.projectName), (7, input.redactor.file(s.source.file))])
            for (column, value) in [row.projectID, s.orgName, s.projectName, row.department, s.phase.csvText].enumerated() {
                sheet.text(r, column, value)
            }
            sheet.text(r, 7, input.redactor.file(s.source.file))
        }
        return top + 1 + rows.count
    }

    func writeUndated(at top: Int) {
        sheet.text(top, 0, "実施年度が分からず集計に含めていない様式（\(input.undated.count)件）", sheet.formats.title)
        sheet.headerRow(top + 1, ["ファイル", "シート"])
        for (offset, source) in input.undated.sorted().enumerated() {
            sheet.text(top + 2 + offset, 0, input.redactor.file(source.file))
            sheet.text(top + 2 + offset, 1, input.redactor.sheet(source.sheet, in: source.file))
        }
    }
}

/// 検証結果: every issue of every file in the run, and a line for each file without issues.
struct ValidationSheet {
    let input: SummaryWorkbookInput
    let sheet: ReportSheet

    func write() {
        sheet.widths([26, 10, 7, 24, 24, 12, 6, 50], wrap: [0, 7])
        sheet.headerRow(0, Columns.issuesCSV)
        let rows = IssueRow.rows(input.files, scrubber: input.redactor)
        for (offset, issue) in rows.enumerated() {
            let values = [issue.file, issue.status, issue.severity, issue.code, issue.field, issue.sheet, issue.cell, issue.message]
            sheet.fitRow(offset + 1, [(0, issue.file), (7, issue.message)])
            for (column, value) in values.enumerated() {
                sheet.text(offset + 1, column, value, column == 7 || column == 0 ? sheet.formats.wrap : nil)
            }
        }
        sheet.cells.freeze(row: 1)
        sheet.cells.autofilter(headerRow: 0, lastRow: rows.count, firstColumn: 0, lastColumn: 7)
        sheet.cells.repeatRows(0)
        // Written last: rows are streamed, and the autofilter above must be set while its rows are current.
        if input.unknownYearFiles > 0 {
            sheet.text(rows.count + 2, 0, "このほか、年度の分からないファイルが \(input.unknownYearFiles) 件あります（\(OutputNames.issuesCSV(nil))）。")
        }
    }
}
