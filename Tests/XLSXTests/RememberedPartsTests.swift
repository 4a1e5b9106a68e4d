import Foundation
import Testing
import TestSupport
@testable import XLSX

/// Cell styles whose second shows numbers with built-in format `id` (14 is a date, 10 a percentage).
private func styles(numFmtId id: String) -> String {
    #"<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="\#(id)"/></cellXfs>"#
}

private func book(numFmtId id: String) -> WorkbookBuilder {
    WorkbookBuilder(sheets: [sheet(#"<row r="1"><c r="A1" s="1"><v>45717</v></c></row>"#)], styles: styles(numFmtId: id))
}

/// A workbook file whose `xl/styles.xml` is stored with a wrong CRC in both of its headers.
private func withWrongStylesCRC(_ builder: WorkbookBuilder) throws -> URL {
    var entries = builder.entries
    let index = try #require(entries.firstIndex { $0.name == "xl/styles.xml" })
    entries[index].stored = true
    let url = try temporaryFile("crc.xlsx")
    try ZipWriter.write(entries, to: url)
    var bytes = [UInt8](try Data(contentsOf: url))
    let name = Array("xl/styles.xml".utf8)
    var flipped = 0
    for p in 46..<(bytes.count - name.count) where Array(bytes[p..<(p + name.count)]) == name {
        if bytes[(p - 30)..<(p - 26)] == [0x50, 0x4B, 3, 4] { bytes[p - 30 + 14] ^= 0xFF; flipped += 1 }
        if bytes[(p - 46)..<(p - 42)] == [0x50, 0x4B, 1, 2] { bytes[p - 46 + 16] ^= 0xFF; flipped += 1 }
    }
    #expect(flipped == 2, "both headers found")
    try Data(bytes).write(to: url)
    return url
}

@Test func workbooksWithPartsOfTheSameLengthReadTheirOwnStyles() throws {
    _ = SAXSessionPool.take()
    let date = CellValue.dateTime(ExcelDateTime(serial: 45717))
    for _ in 0..<3 {
        #expect(try cellsByA1(openBuilt(book(numFmtId: "14"))) == ["A1": date])
        #expect(try cellsByA1(openBuilt(book(numFmtId: "10"))) == ["A1": .number(45717)])
        #expect(try cellsByA1(openBuilt(book(numFmtId: "14"))) == ["A1": date])
    }
}

@Test func aRememberedPartWithADamagedEntryStillFails() throws {
    let corrupt = try withWrongStylesCRC(book(numFmtId: "14"))
    _ = SAXSessionPool.take()  // nothing remembered: the reference error
    let reference = xlsxError { _ = try Workbook.open(path: corrupt.path) }
    #expect(reference.map { if case .corruptArchive = $0 { true } else { false } } == true, "\(String(describing: reference))")
    for _ in 0..<2 {
        #expect(try cellsByA1(openBuilt(book(numFmtId: "14"))).count == 1)  // the same styles bytes, remembered
        #expect(xlsxError { _ = try Workbook.open(path: corrupt.path) } == reference)
    }
}

@Test func aRememberedPartIsNotTakenForUnsafeOrBrokenXMLOfAnotherWorkbook() throws {
    _ = SAXSessionPool.take()
    _ = try openBuilt(book(numFmtId: "14"))
    var unsafe = book(numFmtId: "14").entries
    let index = try #require(unsafe.firstIndex { $0.name == "xl/styles.xml" })
    let text = String(decoding: unsafe[index].data, as: UTF8.self)
    unsafe[index] = .init("xl/styles.xml", text.replacingOccurrences(of: "?>", with: "?><!DOCTYPE x [<!ELEMENT x ANY>]>"))
    #expect(xlsxError { _ = try openEntries(unsafe) } == .unsafeXML(part: "xl/styles.xml"))
    var broken = book(numFmtId: "14")
    broken.styles = String(styles(numFmtId: "14").dropLast())
    #expect(xlsxError { _ = try openBuilt(broken) }.map { if case .malformedXML = $0 { true } else { false } } == true)
    #expect(try cellsByA1(openBuilt(book(numFmtId: "14"))).count == 1)
}

@Test func rememberedPartsCountAgainstTheLimitsAsReadingThemDoes() throws {
    let good = book(numFmtId: "14")
    let url = try temporaryFile("limits.xlsx")
    try good.write(to: url)
    var total = 0
    for limit in stride(from: 0, through: 4000, by: 7) {
        let limits = ReaderLimits(maxTotalInflatedBytes: limit)
        _ = SAXSessionPool.take()
        let fresh = xlsxError { _ = try Workbook.open(path: url.path, limits: limits).grid(sheetAt: 0) }
        _ = try Workbook.open(path: url.path)  // remembered again
        let remembered = xlsxError { _ = try Workbook.open(path: url.path, limits: limits).grid(sheetAt: 0) }
        #expect(remembered == fresh, "limit \(limit)")
        if fresh == nil, total == 0 { total = limit }
    }
    #expect(total > 0, "the workbook fits under the largest limit tried")
}

@Test func aPartStoredDifferentlyButInflatingToTheSameBytesReadsTheSame() throws {
    _ = SAXSessionPool.take()
    var stored = book(numFmtId: "14").entries
    let index = try #require(stored.firstIndex { $0.name == "xl/styles.xml" })
    stored[index].stored = true
    let date = CellValue.dateTime(ExcelDateTime(serial: 45717))
    for _ in 0..<2 {
        #expect(try cellsByA1(openBuilt(book(numFmtId: "14"))) == ["A1": date])
        #expect(try cellsByA1(openEntries(stored)) == ["A1": date])
    }
}
