import Core
import Foundation
import Testing
import TestSupport
import XLSX
@testable import Reports
import XLSXWriting

/// The exported lists as one workbook (TableWorkbook, through ReportWorkbook), read back with openpyxl:
/// the fixed properties, text kept as text, numbers as numbers, the header format.
@Test func tableWorkbookReadsBackWithItsFixedProperties() throws {
    let path = try makeTemporaryDirectory("report-workbook").appendingPathComponent("一覧.xlsx").path
    let table = CSVTable(fileName: "ファイル", header: ["名前", "件数"],
                         rows: [[.text("=HYPERLINK(\"x\")"), .integer(3)], [.text("二行目"), .number("2.50")]])
    let created = Date(timeIntervalSince1970: 1_711_929_600)  // 2024-04-01 00:00 UTC
    try TableWorkbook.write([table], to: path, title: "台帳の一覧", created: created)

    let grid = try #require(try OpenpyxlOracle.grids(of: path).first)
    #expect(grid.name == "ファイル")
    #expect(grid.cells[CellReference(a1: "A2")!] == .text("=HYPERLINK(\"x\")"))
    #expect(grid.cells[CellReference(a1: "B2")!] == .number(3))
    #expect(grid.cells[CellReference(a1: "B3")!] == .number(2.5))
    let read = try OpenpyxlOracle.json("workbook_properties.py", [path, "ファイル"])
    #expect(read["title"] as? String == "台帳の一覧")
    #expect(read["creator"] as? String == "furikaeri")
    #expect(read["created"] as? String == "2024-04-01T00:00:00")
    let formats = try #require(read["formats"] as? [String: [String: Any]])
    #expect(formats["A1"]?["bold"] as? Bool == true)
    #expect(formats["A1"]?["vertical"] as? String == "top")
    #expect(formats["A2"]?["bold"] as? Bool == false)
}

/// A workbook that cannot be written is the user's WriteFailure under the name they asked for, never
/// the temporary file's name.
@Test func workbookFailuresAreToldUnderTheShownName() throws {
    let missing = try makeTemporaryDirectory("report-workbook").appendingPathComponent("ない/一覧.xlsx").path
    #expect(throws: XLSXWriteError.self) {
        try TableWorkbook.write([], to: missing, title: "一覧", created: Date(timeIntervalSince1970: 0))
    }
    let closing = XLSXWriteError(path: "/out/.furikaeri-tmp-1", stage: .closing, step: "workbook_close", code: 3, errno: ENOSPC)
    #expect(ReportError.shown(closing, as: "/out/集計.xlsx") as? ReportError
            == .writeFailed(WriteFailure(path: "/out/集計.xlsx", errno: ENOSPC)))
}
