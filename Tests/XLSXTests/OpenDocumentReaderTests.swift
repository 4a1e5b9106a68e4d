import Foundation
import Testing
import TestSupport
@testable import XLSX

/// An `.ods` package whose `content.xml` holds `body` inside `<office:spreadsheet>`, after
/// `automaticStyles`; `content` replaces the whole part when given.
private func odsEntries(_ body: String = "", automaticStyles: String = "", content: String? = nil,
                        manifest: String = "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"/>")
    -> [ZipWriter.Entry] {
    let part = content ?? """
        <?xml version="1.0" encoding="UTF-8"?><office:document-content \
        xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
        xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
        xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
        xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" \
        xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" \
        xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.3">\
        <office:automatic-styles>\(automaticStyles)</office:automatic-styles>\
        <office:body><office:spreadsheet>\(body)</office:spreadsheet></office:body></office:document-content>
        """
    return [.init("mimetype", "application/vnd.oasis.opendocument.spreadsheet", stored: true),
            .init("content.xml", part),
            .init("META-INF/manifest.xml", manifest)]
}

private func odsFile(_ entries: [ZipWriter.Entry], _ name: String = "book.ods") throws -> URL {
    let url = try temporaryFile(name)
    try ZipWriter.write(entries, to: url)
    return url
}

private func openODS(_ body: String, automaticStyles: String = "", limits: ReaderLimits = .default) throws -> Workbook {
    try Workbook.open(path: try odsFile(odsEntries(body, automaticStyles: automaticStyles)).path, limits: limits)
}

private func string(_ text: String, _ attributes: String = "") -> String {
    "<table:table-cell office:value-type=\"string\" \(attributes)><text:p>\(text)</text:p></table:table-cell>"
}

// MARK: Reading

@Test func hugeRepeatsOfEmptyCellsAndRowsAreNeverExpanded() throws {
    let start = Date()
    let book = try openODS("""
        <table:table table:name="S"><table:table-row>\(string("first"))\
        <table:table-cell table:number-columns-repeated="2000000000"/>\(string("after"))</table:table-row>\
        <table:table-row table:number-rows-repeated="1000000000"><table:table-cell table:number-columns-repeated="1000000"/></table:table-row>\
        <table:table-row><table:covered-table-cell table:number-columns-repeated="1048576"/>\(string("last"))\
        <table:table-cell table:number-columns-repeated="1048576"/></table:table-row>\
        <table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>\
        </table:table>
        """)
    let cells = try book.grid(sheetAt: 0).cells
    #expect(cells == [CellReference(row: 0, column: 0): .text("first"),
                      CellReference(row: 0, column: 2_000_000_001): .text("after"),
                      CellReference(row: 1_000_000_001, column: 1_048_576): .text("last")])
    #expect(Date().timeIntervalSince(start) < 1)
}

@Test func repeatedValuesAreHandedOutOnePerCell() throws {
    let book = try openODS("""
        <table:table table:name="S"><table:table-row table:number-rows-repeated="3">\
        <table:table-cell table:number-columns-repeated="2"/>\
        <table:table-cell table:number-columns-repeated="4" office:value-type="float" office:value="5"><text:p>5</text:p></table:table-cell>\
        </table:table-row><table:table-row>\(string("end"))</table:table-row></table:table>
        """)
    let cells = try cellsByA1(book)
    #expect(cells.count == 13)
    for row in 1...3 { for column in ["C", "D", "E", "F"] { #expect(cells["\(column)\(row)"] == .number(5)) } }
    #expect(cells["A4"] == .text("end"))
}

@Test func hugeRepeatsOfAValueStopAtTheRepeatedCellLimit() throws {
    let url = try odsFile(odsEntries("""
        <table:table table:name="S"><table:table-row table:number-rows-repeated="1048576">\
        <table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"/>\
        </table:table-row></table:table>
        """))
    expectError({ if case .limitExceeded(.cellCount, let detail) = $0 { return detail.contains("repeated") }; return false },
                opening: url)
    // Copies count as cells too.
    expectError({ if case .limitExceeded(.cellCount, let detail) = $0 { return detail == "> 20000 cells" }; return false },
                opening: url, limits: ReaderLimits(maxCells: 20_000))
}

@Test func repeatsUpToTheLimitAreRead() throws {
    let book = try openODS("""
        <table:table table:name="S"><table:table-row table:number-rows-repeated="100">\
        <table:table-cell table:number-columns-repeated="101" office:value-type="float" office:value="1"/>\
        </table:table-row></table:table>
        """, limits: ReaderLimits(maxRepeatedCells: 10_099))
    #expect(try book.grid(sheetAt: 0).cells.count == 10_100)
    let tooMany = try openODS("""
        <table:table table:name="S"><table:table-row table:number-rows-repeated="100">\
        <table:table-cell table:number-columns-repeated="101" office:value-type="float" office:value="1"/>\
        </table:table-row></table:table>
        """, limits: ReaderLimits(maxRepeatedCells: 10_098))
    #expect(xlsxError { _ = try tooMany.grid(sheetAt: 0) } == .limitExceeded(limit: .cellCount, detail: "> 10098 repeated cells"))
}

@Test func hugeRepeatsOfAMergeStopAtTheRepeatedCellLimit() throws {
    let url = try odsFile(odsEntries("""
        <table:table table:name="S"><table:table-row table:number-rows-repeated="1000000000">\
        <table:table-cell table:number-columns-spanned="2"/><table:covered-table-cell/>\
        </table:table-row></table:table>
        """))
    expectError({ if case .limitExceeded(.cellCount, let detail) = $0 { return detail.contains("repeated") }; return false },
                opening: url)
}

@Test func spansBecomeMergedRangesAndCoveredValuesStayHidden() throws {
    let book = try openODS("""
        <table:table table:name="S"><table:table-row><table:table-cell table:number-columns-repeated="2"/>\
        \(string("block", "table:number-columns-spanned=\"3\" table:number-rows-spanned=\"2\""))\
        <table:covered-table-cell office:value-type="string"><text:p>hidden</text:p></table:covered-table-cell>\
        <table:covered-table-cell/>\(string("right"))</table:table-row>\
        <table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="2"/>\
        <table:covered-table-cell table:number-columns-repeated="3"/>\(string("x", "table:number-columns-spanned=\"2\""))\
        <table:covered-table-cell/></table:table-row></table:table>
        """)
    let grid = try book.grid(sheetAt: 0)
    #expect(Set(grid.merged.map(\.a1)) == ["C1:E2", "F2:G2", "F3:G3"])
    #expect(Dictionary(uniqueKeysWithValues: grid.cells.map { ($0.key.a1, $0.value) })
            == ["C1": .text("block"), "F1": .text("right"), "F2": .text("x"), "F3": .text("x")])
}

@Test func valueTypesAreReadFromTheirAttributes() throws {
    func cell(_ attributes: String, _ shown: String = "shown") -> String {
        "<table:table-cell \(attributes)><text:p>\(shown)</text:p></table:table-cell>"
    }
    let book = try openODS("""
        <table:table table:name="S"><table:table-row>\
        \(cell("office:value-type=\"float\" office:value=\"-1.5E3\""))\
        \(cell("office:value-type=\"percentage\" office:value=\"0.125\""))\
        \(cell("office:value-type=\"currency\" office:currency=\"JPY\" office:value=\"1500\""))\
        \(cell("office:value-type=\"date\" office:date-value=\"2024-04-01T09:30:00\""))\
        \(cell("office:value-type=\"time\" office:time-value=\"PT09H15M30S\""))\
        \(cell("office:value-type=\"time\" office:time-value=\"PT36H00M00S\""))\
        \(cell("office:value-type=\"boolean\" office:boolean-value=\"false\""))\
        \(cell("table:formula=\"of:=1/0\" office:value-type=\"string\" office:string-value=\"\" calcext:value-type=\"error\"", "#DIV/0!"))\
        \(cell("table:formula=\"of:=[.A1]*2\" office:value-type=\"float\" office:value=\"-3000\""))\
        \(cell("office:value-type=\"float\" office:value=\"not a number\""))\
        \(cell("office:value-type=\"date\" office:date-value=\"yesterday\""))\
        \(cell("table:formula=\"of:=[.A1]\""))\
        </table:table-row></table:table>
        """)
    let cells = try cellsByA1(book)
    #expect(cells["A1"] == .number(-1500))
    #expect(cells["B1"] == .number(0.125))
    #expect(cells["C1"] == .number(1500))
    #expect(cells["D1"] == .dateTime(try #require(ExcelDateTime(isoText: "2024-04-01T09:30:00"))))
    guard case .dateTime(let time) = cells["E1"], case .dateTime(let long) = cells["F1"] else {
        Issue.record("times: \(String(describing: cells["E1"])) \(String(describing: cells["F1"]))")
        return
    }
    #expect(time.isoString == "09:15:30")
    #expect(long.isoString == "PT129600.0S")
    #expect(cells["G1"] == .bool(false))
    #expect(cells["H1"] == .error("#DIV/0!"))
    #expect(cells["I1"] == .number(-3000))
    // Values that do not parse as their type are kept as written, never guessed.
    #expect(cells["J1"] == .text("not a number"))
    #expect(cells["K1"] == .text("yesterday"))
    // A formula without a cached value is no value (as an .xlsx formula without <v>).
    #expect(cells["L1"] == nil)
}

@Test func textIsTheParagraphsWithoutCommentsOrShapes() throws {
    let book = try openODS("""
        <table:table table:name="S"><table:table-row><table:table-cell office:value-type="string">\
        <office:annotation><text:p>comment</text:p></office:annotation>\
        <draw:frame><draw:text-box><text:p>shape</text:p></draw:text-box></draw:frame>\
        <text:p>one<text:s text:c="2"/>two<text:tab/>three</text:p><text:p><text:span>four</text:span><text:line-break/>five\
        <text:note><text:note-body><text:p>footnote</text:p></text:note-body></text:note></text:p>\
        </table:table-cell><table:table-cell office:value-type="string"><text:p>a &amp; b &lt;c&gt;</text:p></table:table-cell>\
        <table:table-cell office:value-type="string" office:string-value="R&amp;D"><text:p>shown</text:p></table:table-cell>\
        </table:table-row></table:table>
        """)
    let cells = try cellsByA1(book)
    #expect(cells["A1"] == .text("one  two\tthree\nfour\nfive"))
    #expect(cells["B1"] == .text("a & b <c>"))
    #expect(cells["C1"] == .text("R&D"))
}

@Test func sheetsAreTheTablesWithTheirHiddenStateFromAutomaticStyles() throws {
    let book = try openODS("""
        <table:table table:name="見える" table:style-name="ta1"><table:table-row>\(string("1"))</table:table-row></table:table>\
        <table:table table:name="隠す" table:style-name="ta2"><table:table-row>\(string("2"))</table:table-row></table:table>\
        <table:table table:name="R&amp;D"><table:table-row>\(string("3"))</table:table-row></table:table>
        """, automaticStyles: """
        <style:style style:name="ta1" style:family="table"><style:table-properties table:display="true"/></style:style>\
        <style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>\
        <style:style style:name="ta3" style:family="table-cell"><style:table-properties table:display="false"/></style:style>
        """)
    #expect(book.sheets.map(\.name) == ["見える", "隠す", "R&D"])
    #expect(book.sheets.map(\.hidden) == [false, true, false])
    #expect(try (0..<3).map { try book.grid(sheetAt: $0).cells[CellReference(row: 0, column: 0)] }
            == [.text("1"), .text("2"), .text("3")])
    #expect(xlsxError { _ = try book.cellReader(sheetAt: 3) } == .sheetIndexOutOfRange(index: 3, count: 3))
}

@Test func manySheetsAreReadInOnePass() throws {
    let body = (0..<5000).map { "<table:table table:name=\"S\($0)\"><table:table-row>\(string("v\($0)"))</table:table-row></table:table>" }
    let start = Date()
    let book = try openODS(body.joined())
    for sheet in book.sheets { _ = try book.grid(sheetAt: sheet.index) }
    #expect(book.sheets.count == 5000)
    #expect(try book.grid(sheetAt: 4999).cells == [CellReference(row: 0, column: 0): .text("v4999")])
    #expect(Date().timeIntervalSince(start) < 1)
}

@Test func durationsAreReadAsISO8601Writes() {
    #expect(OpenDocument.durationSeconds("PT09H15M00S") == 33_300)
    #expect(OpenDocument.durationSeconds("-PT1H") == -3600)
    #expect(OpenDocument.durationSeconds("P1DT2H30M0.5S") == 95_400.5)
    #expect(OpenDocument.durationSeconds("P2W") == 1_209_600)
    for bad in ["", "P", "PT", "T1H", "P1Y", "P1M", "PT1D", "PT1H2", "PTxH", "PT1.2.3S", "PT1HT2M"] {
        #expect(OpenDocument.durationSeconds(bad) == nil, "\(bad)")
    }
}

// MARK: Hostile and damaged files

@Test func doctypeOrEntitiesInContentAreRefused() throws {
    let declarations = ["<!DOCTYPE office:document-content>",
                        "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>",
                        "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"]
    for declaration in declarations {
        let content = """
            <?xml version="1.0"?>\(declaration)<office:document-content \
            xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
            xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
            xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>\
            <table:table table:name="S"><table:table-row><table:table-cell office:value-type="string">\
            <text:p>&b;</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>
            """
        expectError({ $0 == .unsafeXML(part: "content.xml") }, opening: try odsFile(odsEntries(content: content)))
    }
}

@Test func zipBombContentIsStoppedByTheRatioLimit() throws {
    let body = "<table:table table:name=\"S\">" + String(repeating: " ", count: 48 << 20) + "</table:table>"
    expectError({ if case .limitExceeded(.compressionRatio, _) = $0 { return true }; return false },
                opening: try odsFile(odsEntries(body)))
}

@Test func missingContentIsADamagedOpenDocument() throws {
    var entries = odsEntries(string("x"))
    entries.removeAll { $0.name == "content.xml" }
    expectError({ $0 == .openDocumentSpreadsheet }, opening: try odsFile(entries))
    #expect(XLSXError.openDocumentSpreadsheet.japaneseMessage.contains("content.xml"))
}

@Test func textDocumentNamedAsASpreadsheetIsADamagedOpenDocument() throws {
    let content = """
        <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"><office:body>\
        <office:text/></office:body></office:document-content>
        """
    expectError({ $0 == .openDocumentSpreadsheet }, opening: try odsFile(odsEntries(content: content)))
}

@Test func malformedContentIsReported() throws {
    expectError({ if case .malformedXML(part: "content.xml", _) = $0 { return true }; return false },
                opening: try odsFile(odsEntries("<table:table table:name=\"S\"><table:table-row></table:table>")))
}

@Test func passwordProtectedOpenDocumentIsRecognised() throws {
    let manifest = """
        <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">\
        <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">\
        <manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x"/></manifest:file-entry></manifest:manifest>
        """
    var entries = odsEntries(manifest: manifest)
    entries[1] = .init("content.xml", bytes: (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) })
    expectError({ $0 == .passwordProtected }, opening: try odsFile(entries))
}

@Test func overlongTextIsALimit() throws {
    let limits = ReaderLimits(maxCellBytes: 1000)
    for paragraph in [String(repeating: "あ", count: 2000), "a<text:s text:c=\"2000000000\"/>b"] {
        let url = try odsFile(odsEntries("<table:table table:name=\"S\"><table:table-row>\(string(paragraph))</table:table-row></table:table>"))
        expectError({ if case .limitExceeded(.cellBytes, _) = $0 { return true }; return false }, opening: url, limits: limits)
    }
}

@Test func truncatedOpenDocumentIsCorrupt() throws {
    let whole = [UInt8](try Data(contentsOf: OpenDocumentFixtureTests.directory.appendingPathComponent("libreoffice_types.ods")))
    for keep in [whole.count / 2, whole.count - 10, 30] {
        let url = try temporaryFile("cut-\(keep).ods")
        try Data(whole.prefix(keep)).write(to: url)
        expectError({ if case .corruptArchive = $0 { return true }; return false }, opening: url)
    }
}

/// Damaged copies of a LibreOffice `.ods` (bytes overwritten at random places, deterministic seed):
/// each read either succeeds or throws an `XLSXError`; none crashes or hangs.
@Test func randomlyDamagedOpenDocumentsNeverCrash() throws {
    let original = [UInt8](try Data(contentsOf: OpenDocumentFixtureTests.directory.appendingPathComponent("odfpy_text.ods")))
    let damage = try readDamagedCopies(of: original, seed: 0x2545_F491_4F6C_DD1D, fileExtension: "ods")
    #expect(damage.opened + damage.refused == 300)
    #expect(damage.refused > 0)
    #expect(damage.seconds < 30)
}
