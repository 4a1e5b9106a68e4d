import Core
import Testing
import TestSupport
@testable import XLSX

@Test func builtInDateFormatIdsAreDates() {
    for id in Array(14...22) + Array(27...36) + [45, 47] + Array(50...58) {
        #expect(NumberFormatClassifier.kind(ofBuiltIn: id) == .dateTime, "id \(id)")
    }
    #expect(NumberFormatClassifier.kind(ofBuiltIn: 46) == .duration)
    for id in [0, 1, 2, 9, 10, 11, 12, 13, 23, 26, 37, 44, 48, 49, 59, 164] {
        #expect(NumberFormatClassifier.kind(ofBuiltIn: id) == .number, "id \(id)")
    }
}

@Test func customFormatsWithDateOrTimeTokensAreDates() {
    for code in ["yyyy/mm/dd", "[$-411]ggge\"年\"m\"月\"d\"日\"", "h:mm AM/PM", "mm:ss.0", "[Red]yyyy-mm-dd",
                 "\"Date: \"dd/mm/yyyy", "DD.MM.YYYY", "yyyy\"年\"m\"月\"d\"日\"", "[$-F800]dddd, mmmm dd, yyyy"] {
        #expect(NumberFormatClassifier.kind(of: code) == .dateTime, "\(code)")
    }
}

@Test func quotedTextColoursAndEscapesDoNotMakeADate() {
    for code in ["General", "0.00", "#,##0;[Red]-#,##0", "\"days\" 0", "0\\d", "0_m", "0*y", "[Red]0.00", "#,##0\"円\"",
                 "0.00E+00", "@", "[$¥-411]#,##0", "0;\"yes\";\"no\""] {
        #expect(NumberFormatClassifier.kind(of: code) == .number, "\(code)")
    }
}

@Test func elapsedTimeFormatsAreDurations() {
    for code in ["[h]:mm:ss", "[hh]:mm", "[mm]:ss", "[ss].00", "[H]:MM"] {
        #expect(NumberFormatClassifier.kind(of: code) == .duration, "\(code)")
    }
}

@Test func cellStylesDecideDatesThroughCellXfsOnly() throws {
    let styles = """
    <numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="165" formatCode="0.0&quot;点&quot;"/></numFmts>
    <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
    <cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="46"/></cellXfs>
    """
    let row = (0..<6).map { "<c r=\"\(A1Reference.columnLetters($0))1\" s=\"\($0)\"><v>45383</v></c>" }.joined()
    let book = try openBuilt(WorkbookBuilder(sheets: [sheet("<row r=\"1\">\(row)</row>")], styles: styles))
    let cells = try cellsByA1(book)
    #expect(cells["A1"] == .number(45383))
    #expect(cells["B1"] == .dateTime(ExcelDateTime(serial: 45383)))
    #expect(cells["C1"] == .dateTime(ExcelDateTime(serial: 45383)))
    #expect(cells["D1"] == .number(45383))
    #expect(cells["E1"] == .dateTime(ExcelDateTime(serial: 45383, isDuration: true)))
    #expect(cells["F1"] == .number(45383), "a style index the file does not define")
}
