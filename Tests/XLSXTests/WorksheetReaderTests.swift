import Testing
import TestSupport
@testable import XLSX

@Test func everyCellKindIsRead() throws {
    let row = """
    <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="n"><v>3.25</v></c><c r="C1"><v>-12</v></c>\
    <c r="D1" t="b"><v>1</v></c><c r="E1" t="b"><v>0</v></c><c r="F1" t="e"><v>#DIV/0!</v></c>\
    <c r="G1" t="str"><f>A1&amp;"!"</f><v>文字列!</v></c><c r="H1" t="inlineStr"><is><t>インライン</t></is></c>\
    <c r="I1" t="d"><v>2024-04-01T09:30:00</v></c><c r="J1" s="0"/><c r="K1" t="inlineStr"><is><r><t>リッチ</t></r><r><t>テキスト</t></r></is></c>\
    <c r="L1" t="n"><v>1.5E3</v></c></row>
    """
    let book = try openBuilt(WorkbookBuilder(sheets: [sheet(row)], sharedStrings: ["<t>共有</t>"]))
    let cells = try cellsByA1(book)
    #expect(cells["A1"] == .text("共有"))
    #expect(cells["B1"] == .number(3.25))
    #expect(cells["C1"] == .number(-12))
    #expect(cells["D1"] == .bool(true))
    #expect(cells["E1"] == .bool(false))
    #expect(cells["F1"] == .error("#DIV/0!"))
    #expect(cells["G1"] == .text("文字列!"))
    #expect(cells["H1"] == .text("インライン"))
    #expect(cells["I1"] == .dateTime(ExcelDateTime(serial: 45383 + 9.5 / 24, isoText: "2024-04-01T09:30:00")))
    #expect(cells["J1"] == nil)
    #expect(cells["K1"] == .text("リッチテキスト"))
    #expect(cells["L1"] == .number(1500))
}

@Test func formulasGiveTheirCachedValue() throws {
    let row = "<row r=\"1\"><c r=\"A1\"><f>1+1</f><v>2</v></c><c r=\"B1\" t=\"b\"><f>TRUE()</f><v>1</v></c><c r=\"C1\"><f>NOW()</f></c></row>"
    let cells = try cellsByA1(try openBuilt(WorkbookBuilder(sheets: [sheet(row)])))
    #expect(cells == ["A1": .number(2), "B1": .bool(true)])
}

@Test func rowsAndCellsWithoutReferenceTakeTheNextPosition() throws {
    let rows = """
    <row><c><v>1</v></c><c><v>2</v></c></row>\
    <row r="4"><c><v>3</v></c><c r="D4"><v>4</v></c><c><v>5</v></c></row>\
    <row><c r="B5"><v>6</v></c></row>
    """
    let cells = try cellsByA1(try openBuilt(WorkbookBuilder(sheets: [sheet(rows)])))
    #expect(cells == ["A1": .number(1), "B1": .number(2), "A4": .number(3), "D4": .number(4), "E4": .number(5), "B5": .number(6)])
}

@Test func mergedRangesAreKept() throws {
    let after = "<mergeCells count=\"2\"><mergeCell ref=\"A2:A9\"/><mergeCell ref=\"B1:D1\"/></mergeCells>"
    let grid = try openBuilt(WorkbookBuilder(sheets: [sheet("<row r=\"2\"><c r=\"A2\"><v>1</v></c></row>", after: after)])).grid(sheetAt: 0)
    #expect(grid.merged.map(\.a1) == ["A2:A9", "B1:D1"])
    #expect(grid.mergedRange(containing: CellReference(row: 5, column: 0))?.a1 == "A2:A9")
}

@Test func pullReaderGivesCellsInDocumentOrderIncludingEmptyOnes() throws {
    let rows = "<row r=\"1\"><c r=\"B1\"><v>1</v></c><c r=\"C1\" s=\"1\"/></row><row r=\"3\"><c r=\"A3\" t=\"s\"><v>0</v></c></row>"
    let book = try openBuilt(WorkbookBuilder(sheets: [sheet(rows)], sharedStrings: ["<t>x</t>"]))
    var reader = try book.cellReader(sheetAt: 0)
    var seen: [Cell] = []
    while let cell = try reader.nextCell() { seen.append(cell) }
    #expect(seen.map(\.reference.a1) == ["B1", "C1", "A3"])
    #expect(seen.map(\.value) == [.number(1), .empty, .text("x")])
    #expect(try reader.nextCell() == nil)
}

/// Many chunks' worth of rows: the reader has to feed the parser again and again.
@Test func largeSheetStreamsAcrossManyChunks() throws {
    var rows = ""
    for r in 1...20_000 { rows += "<row r=\"\(r)\"><c r=\"A\(r)\"><v>\(r)</v></c><c r=\"B\(r)\" t=\"inlineStr\"><is><t>行\(r)</t></is></c></row>" }
    let book = try openBuilt(WorkbookBuilder(sheets: [sheet(rows)]))
    var reader = try book.cellReader(sheetAt: 0)
    var count = 0, sum = 0.0
    while let cell = try reader.nextCell() {
        count += 1
        if case .number(let n) = cell.value { sum += n }
    }
    #expect(count == 40_000)
    #expect(sum == Double(20_000 * 20_001 / 2))
}

@Test func cellLimitIsEnforcedWhileStreaming() throws {
    let rows = (1...50).map { "<row r=\"\($0)\"><c><v>1</v></c></row>" }.joined()
    let book = try openBuilt(WorkbookBuilder(sheets: [sheet(rows)]), limits: ReaderLimits(maxCells: 10))
    let error = xlsxError { _ = try book.grid(sheetAt: 0) }
    guard case .limitExceeded(.cellCount, _)? = error else { Issue.record("got \(String(describing: error))"); return }
}

@Test func nonNumericNumberCellIsKeptAsText() throws {
    let cells = try cellsByA1(try openBuilt(WorkbookBuilder(sheets: [sheet("<row r=\"1\"><c r=\"A1\"><v>abc</v></c><c r=\"B1\" t=\"s\"><v>9</v></c></row>")])))
    #expect(cells == ["A1": .text("abc")])
}

@Test func cellByteParsersAcceptOnlyWellFormedInput() {
    func ref(_ s: String) -> CellReference? { Array(s.utf8).withUnsafeBufferPointer(parseCellReference) }
    #expect(ref("B7") == CellReference(row: 6, column: 1))
    #expect(ref("$AA$10") == CellReference(row: 9, column: 26))
    #expect(ref("A0") == nil)
    #expect(ref("7B") == nil)
    var bytes = Array("12.5".utf8)
    #expect(parseDouble(&bytes) == 12.5)
    bytes = Array("1e400".utf8)
    #expect(parseDouble(&bytes) == nil)
    bytes = Array("-0042".utf8)
    #expect(parseDouble(&bytes) == -42)
}

@Test func hugeNumbersAndDateSerialsNeverOverflow() throws {
    var bytes = Array("123456789012345678901234567890".utf8)
    #expect(parseDouble(&bytes) == 123456789012345678901234567890.0)
    bytes = Array("99999999999999999999".utf8)
    #expect(parseDouble(&bytes) == 1e20)
    #expect(ExcelDateTime(serial: 1e300).isoString == "1e+300")
    #expect(ExcelDateTime(serial: -1e300).components.year == 1)
    let book = try openBuilt(WorkbookBuilder(sheets: [sheet("<row r=\"1\"><c r=\"A1\" s=\"1\"><v>1e300</v></c></row>")],
                                             styles: "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs>"))
    #expect(try cellsByA1(book)["A1"] == .dateTime(ExcelDateTime(serial: 1e300)))
}

@Test func formulasWithoutAStoredResultAreNamedButAnEmptyTextResultIsNot() throws {
    // C1: no <v> at all; D1: an empty <v/> on a number cell (openpyxl); E1: a text formula whose result is "".
    let row = """
    <row r="1"><c r="A1"><f>1+1</f><v>2</v></c><c r="C1"><f>NOW()</f></c><c r="D1"><f>B25</f><v/></c>\
    <c r="E1" t="str"><f>IF(A1=2,"","x")</f><v></v></c></row>
    """
    let grid = try openBuilt(WorkbookBuilder(sheets: [sheet(row)])).grid(sheetAt: 0)
    #expect(grid.uncalculatedFormulas == [CellReference(a1: "C1")!, CellReference(a1: "D1")!])
    #expect(grid.cells[CellReference(a1: "A1")!] == .number(2))
}

@Test func dropdownListsAreReadWithTheirItems() throws {
    let rows = """
    <row r="1"><c r="H1" t="inlineStr"><is><t>5：とても良い</t></is></c></row>\
    <row r="2"><c r="H2" t="inlineStr"><is><t>4：良い</t></is></c></row>
    """
    let validations = #"<dataValidations count="3">"#
        + #"<dataValidation type="list" allowBlank="1" sqref="C5 C6:C11"><formula1>"4：良い,3：普通,""引用"""</formula1></dataValidation>"#
        + #"<dataValidation type="list" sqref="D5:D11"><formula1>$H$1:$H$2</formula1></dataValidation>"#
        + #"<dataValidation type="whole" sqref="E5"><formula1>1</formula1><formula2>5</formula2></dataValidation>"#
        + "</dataValidations>"
    let grid = try openBuilt(WorkbookBuilder(sheets: [sheet(rows, after: validations)])).grid(sheetAt: 0)
    #expect(grid.listItems(at: CellReference(a1: "C7")!) == ["4：良い", "3：普通", "\"引用\""])
    #expect(grid.listItems(at: CellReference(a1: "D5")!).sorted() == ["4：良い", "5：とても良い"])
    #expect(grid.listItems(at: CellReference(a1: "E5")!).isEmpty)
    #expect(grid.listItems(at: CellReference(a1: "C4")!).isEmpty)
}
