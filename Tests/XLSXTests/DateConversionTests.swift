import Testing
import TestSupport
@testable import XLSX

@Test func serialsFormatLikeTheReferenceReaders() {
    #expect(ExcelDateTime(serial: 44197).isoString == "2021-01-01")
    #expect(ExcelDateTime(serial: 44197.5).isoString == "2021-01-01T12:00:00")
    #expect(ExcelDateTime(serial: 0.423726851851852).isoString == "10:10:10")
    #expect(ExcelDateTime(serial: 918610.0 / 86400, isDuration: true).isoString == "PT918610.0S")
    #expect(ExcelDateTime(serial: 1).isoString == "1900-01-01")
    #expect(ExcelDateTime(serial: 59).isoString == "1900-02-28")
    #expect(ExcelDateTime(serial: 61).isoString == "1900-03-01")
    #expect(ExcelDateTime(serial: 45383).isoString == "2024-04-01")
    #expect(ExcelDateTime(serial: 0, is1904: true).isoString == "00:00:00")
    #expect(ExcelDateTime(serial: 42735, is1904: true).isoString == "2021-01-01")
    #expect(ExcelDateTime(serial: 44197.0000115741).isoString == "2021-01-01T00:00:01")
    #expect(ExcelDateTime(serial: 44197.25, isoText: "2021-01-01T06:00").isoString == "2021-01-01T06:00")
}

@Test func isoTextParsesToSerials() {
    #expect(ExcelDateTime(isoText: "2024-04-01")?.serial == 45383)
    #expect(ExcelDateTime(isoText: "1900-01-01")?.serial == 1)
    #expect(ExcelDateTime(isoText: "2024-04-01T12:00:00")?.serial == 45383.5)
    #expect(ExcelDateTime(isoText: "06:00:00")?.serial == 0.25)
    #expect(ExcelDateTime(isoText: "令和6年") == nil)
    #expect(ExcelDateTime(isoText: "2024-13-01") == nil)
}

@Test func date1904CellsReadAsThe1904System() throws {
    let book = try openBuilt(.init(sheets: [sheet("<row r=\"1\"><c r=\"A1\" s=\"1\"><v>42735</v></c></row>")],
                                   styles: "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs>", date1904: "true"))
    guard case .dateTime(let date)? = try cellsByA1(book)["A1"] else { Issue.record("not a date"); return }
    #expect(date.is1904)
    #expect(date.isoString == "2021-01-01")
}
