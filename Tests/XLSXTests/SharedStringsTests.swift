import Testing
import TestSupport
@testable import XLSX

private func strings(_ items: [String]) throws -> [String: CellValue] {
    let rows = items.indices.map { "<c r=\"A\($0 + 1)\" t=\"s\"><v>\($0)</v></c>" }.joined()
    return try cellsByA1(try openBuilt(WorkbookBuilder(sheets: [sheet("<row r=\"1\">\(rows)</row>")], sharedStrings: items)))
}

@Test func richTextRunsAreConcatenated() throws {
    let cells = try strings(["<r><rPr><b/></rPr><t>団体</t></r><r><t xml:space=\"preserve\">名 </t></r><r><t>A</t></r>"])
    #expect(cells["A1"] == .text("団体名 A"))
}

@Test func phoneticRunsAreLeftOut() throws {
    let cells = try strings(["<t>協働事業</t><rPh sb=\"0\" eb=\"2\"><t>キョウドウ</t></rPh><rPh sb=\"2\" eb=\"4\"><t>ジギョウ</t></rPh><phoneticPr fontId=\"1\"/>"])
    #expect(cells["A1"] == .text("協働事業"))
}

@Test func escapedCharactersAreDecoded() throws {
    let cells = try strings(["<t>ABC_x000D_\nDEF</t>", "<t>_x005F_x000D_</t>", "<t>_xD83D__xDE00_</t>", "<t>_x00zz_ &amp; &lt;</t>"])
    #expect(cells["A1"] == .text("ABC\r\nDEF"))
    #expect(cells["A2"] == .text("_x000D_"))
    #expect(cells["A3"] == .text("😀"))
    #expect(cells["A4"] == .text("_x00zz_ & <"))
}

@Test func surroundingWhitespaceIsKeptOnlyWithPreserve() throws {
    let cells = try strings(["<t>  trimmed  </t>", "<t xml:space=\"preserve\">  kept  </t>"])
    #expect(cells["A1"] == .text("trimmed"))
    #expect(cells["A2"] == .text("  kept  "))
}

@Test func missingSharedStringsPartIsAllowed() throws {
    let book = try openBuilt(WorkbookBuilder(sheets: [sheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\"><v>3</v></c></row>")]))
    #expect(try cellsByA1(book) == ["B1": .number(3)])
}

@Test func sharedStringLimitIsEnforced() throws {
    let builder = WorkbookBuilder(sheets: [sheet("")], sharedStrings: Array(repeating: "<t>0123456789</t>", count: 20))
    let error = xlsxError { _ = try openBuilt(builder, limits: ReaderLimits(maxSharedStringBytes: 100)) }
    guard case .limitExceeded(.sharedStringBytes, _)? = error else { Issue.record("got \(String(describing: error))"); return }
}
