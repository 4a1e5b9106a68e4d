import Foundation
import Testing
import TestSupport
@testable import XLSX

@Test func relationshipTargetsResolveRelativeAbsoluteAndBackslashed() {
    #expect(PartName.resolve("worksheets/sheet1.xml", from: "xl/workbook.xml") == "xl/worksheets/sheet1.xml")
    #expect(PartName.resolve("/xl/worksheets/sheet1.xml", from: "xl/workbook.xml") == "xl/worksheets/sheet1.xml")
    #expect(PartName.resolve("worksheets\\sheet2.xml", from: "xl/workbook.xml") == "xl/worksheets/sheet2.xml")
    #expect(PartName.resolve("../media/image1.png", from: "xl/drawings/drawing1.xml") == "xl/media/image1.png")
    #expect(PartName.resolve("./styles.xml", from: "xl/workbook.xml") == "xl/styles.xml")
    #expect(PartName.resolve("xl/workbook.xml", from: "") == "xl/workbook.xml")
    #expect(PartName.resolve("a/.../b.xml", from: "xl/workbook.xml") == "xl/a/.../b.xml")
    #expect(PartName.resolve("a//b.xml", from: "xl/workbook.xml") == "xl/a/b.xml")
    #expect(PartName.resolve("sheets/", from: "xl/workbook.xml") == "xl/sheets")
    #expect(PartName.resolve("../../x.xml", from: "xl/workbook.xml") == "x.xml")
    #expect(PartName.resolve("sheet.xml", from: "x\\y/workbook.xml") == "x\\y/sheet.xml")
    #expect(PartName.resolve("", from: "xl/workbook.xml") == "xl")
    #expect(PartName.isClean("xl/worksheets/sheet1.xml") && PartName.isClean(".rels/a.b"))
    #expect(!PartName.isClean("xl//a") && !PartName.isClean("/xl/a") && !PartName.isClean("xl/../a")
            && !PartName.isClean("xl/./a") && !PartName.isClean("xl/a/") && !PartName.isClean("") && !PartName.isClean("x\\y"))
    #expect(PartName.relationships(of: "xl/workbook.xml") == "xl/_rels/workbook.xml.rels")
    #expect(PartName.relationships(of: "workbook.xml") == "_rels/workbook.xml.rels")
}

@Test func partNamesMatchIgnoringASCIICaseAndSlashes() {
    #expect(ZipArchive.normalise("/XL/Worksheets\\Sheet1.XML") == "xl/worksheets/sheet1.xml")
    #expect(ZipArchive.normalise("xl/日本語.xml") == "xl/日本語.xml")
}

@Test func workbookListsSheetsInTabOrderWithHiddenState() throws {
    let book = try openBuilt(WorkbookBuilder(sheets: [
        .init("表紙", "<sheetData/>"),
        .init("R6 ふりかえり", "<sheetData/>", state: "hidden"),
        .init("A & B <\"C\">", "<sheetData/>", state: "veryHidden"),
    ]))
    #expect(book.sheets.map(\.name) == ["表紙", "R6 ふりかえり", "A & B <\"C\">"])
    #expect(book.sheets.map(\.hidden) == [false, true, true])
    #expect(book.sheets.map(\.index) == [0, 1, 2])
    #expect(book.is1904 == false)
}

@Test func date1904AcceptsOneAndTrue() throws {
    for (flag, expected) in [("1", true), ("true", true), ("0", false), ("false", false)] {
        let book = try openBuilt(WorkbookBuilder(sheets: [sheet("")], date1904: flag))
        #expect(book.is1904 == expected, "date1904=\(flag)")
    }
}

@Test func chartSheetsAreSkipped() throws {
    let ns = WorkbookBuilder.relNS
    let entries: [ZipWriter.Entry] = [
        .init("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>"),
        .init("_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"r\" Type=\"\(ns)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"),
        .init("xl/workbook.xml", "<workbook xmlns=\"\(WorkbookBuilder.mainNS)\" xmlns:r=\"\(ns)\"><sheets><sheet name=\"Chart1\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"Data\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>"),
        .init("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(ns)/chartsheet\" Target=\"chartsheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"\(ns)/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"),
        .init("xl/chartsheets/sheet1.xml", "<chartsheet xmlns=\"\(WorkbookBuilder.mainNS)\"/>"),
        .init("xl/worksheets/sheet1.xml", "<worksheet xmlns=\"\(WorkbookBuilder.mainNS)\"><sheetData><row r=\"1\"><c r=\"A1\"><v>7</v></c></row></sheetData></worksheet>"),
    ]
    let book = try openEntries(entries)
    #expect(book.sheets.map(\.name) == ["Data"])
    #expect(try cellsByA1(book)["A1"] == .number(7))
}

/// A package as some generators write it: absolute and backslashed targets, part names in odd
/// case, no `standalone`, a strict-namespace workbook under an `x:` prefix.
@Test func oddlyWrittenStrictPackageIsFound() throws {
    let strictMain = "http://purl.oclc.org/ooxml/spreadsheetml/main"
    let strictRel = "http://purl.oclc.org/ooxml/officeDocument/relationships"
    let entries: [ZipWriter.Entry] = [
        .init("[content_types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/XL/Book.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>"),
        .init("_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"r\" Type=\"\(strictRel)/officeDocument\" Target=\"/XL/Book.xml\"/></Relationships>"),
        .init("xl/book.xml", "<x:workbook xmlns:x=\"\(strictMain)\" xmlns:rel=\"\(strictRel)\"><x:sheets><x:sheet name=\"S\" sheetId=\"1\" rel:id=\"a\"/></x:sheets></x:workbook>"),
        .init("XL/_rels/Book.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"a\" Type=\"\(strictRel)/worksheet\" Target=\"Sheets\\One.xml\"/><Relationship Id=\"b\" Type=\"\(strictRel)/sharedStrings\" Target=\"/xl/Strings.xml\"/></Relationships>"),
        .init("xl/sheets/one.xml", "<x:worksheet xmlns:x=\"\(strictMain)\"><x:sheetData><x:row><x:c t=\"s\"><x:v>0</x:v></x:c><x:c><x:v>2.5</x:v></x:c></x:row></x:sheetData><x:mergeCells><x:mergeCell ref=\"A1:B2\"/></x:mergeCells></x:worksheet>"),
        .init("xl/strings.xml", "<x:sst xmlns:x=\"\(strictMain)\"><x:si><x:t>厳格</x:t></x:si></x:sst>"),
    ]
    let book = try openEntries(entries)
    #expect(book.sheets.map(\.name) == ["S"])
    let grid = try book.grid(sheetAt: 0)
    #expect(grid.cells[CellReference(row: 0, column: 0)] == .text("厳格"))
    #expect(grid.cells[CellReference(row: 0, column: 1)] == .number(2.5))
    #expect(grid.merged.map(\.a1) == ["A1:B2"])
}

@Test func workbookWithoutPackageRelationshipsFallsBackToContentTypes() throws {
    var entries = WorkbookBuilder(sheets: [sheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>")]).entries
    entries.removeAll { $0.name == "_rels/.rels" }
    let book = try openEntries(entries)
    #expect(try cellsByA1(book) == ["A1": .number(1)])
}

@Test func sheetIndexOutOfRangeIsAnError() throws {
    let book = try openBuilt(WorkbookBuilder(sheets: [sheet("")]))
    #expect(xlsxError { _ = try book.grid(sheetAt: 3) } == .sheetIndexOutOfRange(index: 3, count: 1))
}

/// Parts are parsed one after another by one reused parser; each must still detect its own
/// encoding (a UTF-8 byte-order mark here, UTF-16 there).
@Test func partsWithByteOrderMarksAndUTF16AreReadInSequence() throws {
    let builder = WorkbookBuilder(sheets: [sheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>")],
                                  sharedStrings: ["<t>エンコード</t>"], styles: "<cellXfs><xf numFmtId=\"0\"/></cellXfs>")
    var entries = builder.entries.map { entry -> ZipWriter.Entry in
        ZipWriter.Entry(entry.name, bytes: [0xEF, 0xBB, 0xBF] + entry.data)
    }
    let index = try #require(entries.firstIndex { $0.name == "xl/sharedStrings.xml" })
    let text = String(decoding: builder.entries[index].data, as: UTF8.self)
        .replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"UTF-16\"")
    entries[index] = ZipWriter.Entry(entries[index].name, bytes: [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
    #expect(try cellsByA1(try openEntries(entries)) == ["A1": .text("エンコード")])
}

@Test func attributeCharacterReferencesAreDecoded() {
    #expect(decodeCharacterReferences("A &#38; B") == "A & B")
    #expect(decodeCharacterReferences("&lt;&#x3042;&gt;&quot;&apos;") == "<あ>\"'")
    #expect(decodeCharacterReferences("&unknown; & tail") == "&unknown; & tail")
}
