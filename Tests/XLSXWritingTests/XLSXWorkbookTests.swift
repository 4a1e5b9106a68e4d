import Core
import Foundation
import Testing
import TestSupport
import XLSX
import XLSXWriting

/// Workbooks written through the one libxlsxwriter wrapper, read back with openpyxl (a reader we did
/// not write): cells, merges, validations, protection, printing, formats, properties and charts.
@Suite struct XLSXWorkbookTests {
    let directory: URL

    init() throws { directory = try makeTemporaryDirectory("xlsx-writing") }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    @Test func cellsMergesAndValidationsReadBack() throws {
        let file = path("cells.xlsx")
        let workbook = try XLSXWorkbook(path: file)
        let input = workbook.addFormat(CellFormat(thinBorder: true, solidFill: true, background: 0xFFF2CC, unlocked: true))
        let sheet = workbook.addSheet("表")
        sheet.columnWidth(0, 1, 20)
        sheet.rowHeight(2, 40)
        sheet.text(0, 0, "=SUM(1,2)", nil)
        sheet.text(0, 1, "+81-3", nil)
        sheet.number(1, 0, 2.5, nil)
        sheet.blank(1, 1, input)
        sheet.merge(2, 0, 2, 2, "まとめた欄", input)
        sheet.merge(3, 3, 3, 3, "一つの欄", nil)
        sheet.validate(1, 1, 1, 1, .list(["1", "2", "3"]), title: "評価", message: "一覧から選んでください。",
                       errorTitle: "入力内容を確認してください", errorMessage: "1 から 3 です。")
        sheet.validate(4, 0, 4, 0, .wholeNumber(min: 1, max: 3), title: "年数", message: "1〜3",
                       errorTitle: "確認", errorMessage: "整数で。")
        sheet.protect(allowingRowHeights: true)
        sheet.paperA4()
        sheet.landscape()
        sheet.fitToPages(width: 1, height: 0)
        sheet.printArea(lastRow: 4, lastColumn: 3)
        let hidden = workbook.addSheet("隠し")
        hidden.text(0, 0, "x", nil)
        hidden.hide()
        try workbook.close()

        let grids = try OpenpyxlOracle.grids(of: file)
        let grid = try #require(grids.first)
        #expect(grid.name == "表")
        // A text that looks like a formula stays that text: openpyxl reads a string, not a formula.
        #expect(grid.cells[CellReference(a1: "A1")!] == .text("=SUM(1,2)"))
        #expect(grid.cells[CellReference(a1: "B1")!] == .text("+81-3"))
        #expect(grid.cells[CellReference(a1: "A2")!] == .number(2.5))
        #expect(grid.cells[CellReference(a1: "A3")!] == .text("まとめた欄"))
        #expect(grid.cells[CellReference(a1: "D4")!] == .text("一つの欄"))
        #expect(grid.merged.map(\.description) == ["A3:C3"])

        let sheets = try #require(OpenpyxlOracle.json("template_properties.py", [file])["sheets"] as? [[String: Any]])
        let shown = sheets[0]
        #expect(shown["protected"] as? Bool == true)
        #expect(shown["rows_resizable"] as? Bool == true)
        #expect(shown["paper"] as? Int == 9)
        #expect(shown["orientation"] as? String == "landscape")
        #expect(shown["fit_to_page"] as? Bool == true)
        #expect((shown["fit_width"] as? Int ?? 1) == 1)  // 1 is the default, which the file may leave out
        #expect(shown["print_area"] as? String == "'表'!$A$1:$D$5")
        // Excel's stored width adds the cell padding to the characters asked for.
        #expect((shown["widths"] as? [String: Double])?["B"] == 20.7109375)
        #expect((shown["widths"] as? [String: Double])?["C"] == nil)
        #expect((shown["heights"] as? [String: Double])?["3"] == 40)
        let cells = try #require(shown["cells"] as? [String: [String: Any]])
        #expect(cells["B2"]?["locked"] as? Bool == false)
        #expect(cells["B2"]?["fill"] as? String == "FFFFF2CC")
        #expect(cells["A1"]?["locked"] as? Bool == true)
        let validations = try #require(shown["validations"] as? [[String: Any]])
        let list = try #require(validations.first { $0["sqref"] as? String == "B2" })
        #expect(list["type"] as? String == "list")
        #expect(list["formula1"] as? String == "\"1,2,3\"")
        #expect(list["prompt_title"] as? String == "評価")
        #expect(list["error"] as? String == "1 から 3 です。")
        let whole = try #require(validations.first { $0["sqref"] as? String == "A5" })
        #expect(whole["type"] as? String == "whole")
        #expect((whole["operator"] as? String ?? "between") == "between")  // the default, maybe left out
        #expect(whole["formula1"] as? String == "1")
        #expect(whole["formula2"] as? String == "3")
        #expect(sheets[1]["state"] as? String == "hidden")
    }

    /// A text longer than Excel allows in a cell is cut at the limit, not refused.
    @Test func longTextIsCutAtTheCellLimit() throws {
        let file = path("long.xlsx")
        let workbook = try XLSXWorkbook(path: file)
        workbook.addSheet("長文").text(0, 0, String(repeating: "あ", count: XLSXSheet.maxCellLength + 100), nil)
        try workbook.close()
        let grid = try #require(try OpenpyxlOracle.grids(of: file).first)
        guard case .text(let text) = grid.cells[CellReference(a1: "A1")!] else {
            Issue.record("A1 is not a text")
            return
        }
        #expect(text.count == XLSXSheet.maxCellLength)
    }

    /// Fixed properties and constant memory: the same workbook twice is the same bytes, and openpyxl
    /// reads the title, author, keywords and creation time, the formats and the chart.
    @Test func fixedPropertiesGiveEqualBytes() throws {
        let created = Date(timeIntervalSince1970: 1_711_929_600)  // 2024-04-01 00:00 UTC
        func write(_ file: String) throws {
            let properties = XLSXWorkbook.DocumentProperties(title: "集計 令和6年度", author: "furikaeri",
                                                             keywords: "furikaeri-summary", created: created)
            let workbook = try XLSXWorkbook(path: file, options: .init(constantMemory: true, properties: properties))
            let bold = workbook.addFormat(CellFormat(bold: true, fontColour: 0xC00000, wrap: true, vertical: .top))
            let decimal = workbook.addFormat(CellFormat(numberFormat: "0.00"))
            let sheet = workbook.addSheet("概要")
            sheet.text(0, 0, "視点", bold)
            for row in 1...3 {
                sheet.text(row, 0, "視点\(row)", nil)
                sheet.number(row, 1, Double(row) + 0.25, decimal)
            }
            sheet.freeze(row: 1)
            sheet.autofilter(headerRow: 0, lastRow: 3, firstColumn: 0, lastColumn: 1)
            sheet.colourScale(firstRow: 1, lastRow: 3, firstColumn: 1, lastColumn: 1,
                              low: (1, 0xF8696B), middle: (3, 0xFFEB84), high: (5, 0x63BE7B))
            sheet.header("&L\(XLSXSheet.escapingCodes("A&B"))&C表")
            let chart = workbook.addChart(.bar)
            chart.addSeries(sheet: sheet.name, name: "平均", categoryColumn: 0, valueColumn: 1, firstRow: 1, lastRow: 3)?
                .fill(0x2E75B6)
            chart.title("視点別の平均")
            chart.legendAtBottom()
            chart.valueAxis?.name("平均")
            chart.axis(.y)?.reverse()
            sheet.insert(chart, row: 5, column: 0, xScale: 1.5, yScale: 1.2)
            try workbook.close()
        }
        let first = path("first.xlsx"), second = path("second.xlsx")
        try write(first)
        try write(second)
        #expect(try Data(contentsOf: URL(fileURLWithPath: first)) == Data(contentsOf: URL(fileURLWithPath: second)))

        let read = try OpenpyxlOracle.json("workbook_properties.py", [first, "概要"])
        #expect(read["title"] as? String == "集計 令和6年度")
        #expect(read["creator"] as? String == "furikaeri")
        #expect(read["keywords"] as? String == "furikaeri-summary")
        #expect(read["created"] as? String == "2024-04-01T00:00:00")
        let formats = try #require(read["formats"] as? [String: [String: Any]])
        #expect(formats["A1"]?["bold"] as? Bool == true)
        #expect(formats["A1"]?["wrap"] as? Bool == true)
        #expect(formats["A1"]?["vertical"] as? String == "top")
        #expect(formats["A1"]?["font_colour"] as? String == "FFC00000")
        #expect(formats["B2"]?["number_format"] as? String == "0.00")
        let charts = try #require(read["charts"] as? [[String: Any]])
        #expect(charts.count == 1)
        #expect(charts.first?["type"] as? String == "barChart")
        #expect((charts.first?["texts"] as? [String])?.contains("視点別の平均") == true)
        #expect((charts.first?["texts"] as? [String])?.contains("平均") == true)
        #expect(charts.first?["series"] as? [String] == ["'概要'!$A$2:$A$4", "'概要'!$B$2:$B$4"])
    }

    /// A folder that does not exist: the failure names the file asked for and says to check the folder.
    @Test func missingFolderIsTheUsersWriteFailure() throws {
        let file = path("no-such-folder/out.xlsx")
        do {
            _ = try XLSXWorkbook(path: file, shownPath: "集計.xlsx")
            Issue.record("a workbook in a missing folder was opened")
        } catch {
            #expect(error.stage == .opening)
            #expect(error.errno == ENOENT)
            let failure = try #require(error.writeFailure)
            #expect(failure == WriteFailure(path: "集計.xlsx", errno: ENOENT))
            #expect(failure.message(japanese: true).hasPrefix("「集計.xlsx」を書き出せませんでした"))
            #expect(failure.message(japanese: true).hasSuffix("フォルダがあるか確かめてください。"))
            #expect(failure.message(japanese: false).hasSuffix("Check that the folder exists."))
        }
    }

    /// A folder where the file should be: refused at once, with "give another name".
    @Test func folderInTheWayIsTheUsersWriteFailure() throws {
        let file = path("taken")
        try FileManager.default.createDirectory(atPath: file, withIntermediateDirectories: false)
        do {
            _ = try XLSXWorkbook(path: file)
            Issue.record("a folder was taken for a workbook")
        } catch {
            #expect(error.errno == EISDIR)
            #expect(error.writeFailure?.message(japanese: false).hasSuffix("Give another name.") == true)
        }
    }

    /// An existing file is replaced by the whole new workbook (refusing to overwrite is the caller's).
    @Test func existingFileIsReplaced() throws {
        let file = path("old.xlsx")
        try Data("not a workbook".utf8).write(to: URL(fileURLWithPath: file))
        let workbook = try XLSXWorkbook(path: file)
        workbook.addSheet("新").text(0, 0, "新しい", nil)
        try workbook.close()
        let grid = try #require(try OpenpyxlOracle.grids(of: file).first)
        #expect(grid.name == "新")
        #expect(grid.cells[CellReference(a1: "A1")!] == .text("新しい"))
    }

    /// A step libxlsxwriter refuses is kept and thrown by close(): the first one, with libxlsxwriter's
    /// code and words, and it is the program's failure (no WriteFailure for the user).
    @Test func firstBuildingFailureIsThrownByClose() throws {
        let workbook = try XLSXWorkbook(path: path("bad.xlsx"))
        let sheet = workbook.addSheet("表")
        sheet.text(2_000_000, 0, "outside the sheet", nil)
        sheet.number(0, 20_000, 1, nil)
        do {
            try workbook.close()
            Issue.record("a cell outside the sheet was accepted")
        } catch {
            #expect(error.stage == .building)
            #expect(error.step == "worksheet_write_string")
            #expect(error.code != 0)
            #expect(error.reason.lowercased().contains("range"))
            #expect(error.writeFailure == nil)
            #expect(error.description.contains("bad.xlsx"))
        }
    }

    /// Closing twice does nothing the second time.
    @Test func closingTwiceIsHarmless() throws {
        let workbook = try XLSXWorkbook(path: path("twice.xlsx"))
        workbook.addSheet("一").text(0, 0, "x", nil)
        try workbook.close()
        try workbook.close()
        #expect(try OpenpyxlOracle.grids(of: path("twice.xlsx")).count == 1)
    }

    /// Closing frees the sheets: writing to one afterwards stops the program instead of writing into
    /// freed memory.
    @Test func aSheetWrittenAfterCloseStopsTheProgram() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let directory = try makeTemporaryDirectory("xlsx-writing-closed")
            let workbook = try XLSXWorkbook(path: directory.appendingPathComponent("closed.xlsx").path)
            let sheet = workbook.addSheet("一")
            try workbook.close()
            sheet.text(0, 0, "too late", nil)
        }
        let said = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(said.contains("a part of an XLSXWorkbook was used after the workbook was closed"))
    }
}
