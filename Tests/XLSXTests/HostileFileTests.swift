import Foundation
import Testing
import TestSupport
@testable import XLSX

/// Opening `url` and reading every sheet fails with an error `expected` accepts, within a second,
/// and the same way when the file is read into memory first.
func expectError(_ expected: (XLSXError) -> Bool, opening url: URL, limits: ReaderLimits = .default,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    let start = Date()
    let error = xlsxError {
        let book = try Workbook.open(path: url.path, limits: limits)
        for sheet in book.sheets { _ = try book.grid(sheetAt: sheet.index) }
    }
    let seconds = Date().timeIntervalSince(start)
    #expect(error.map(expected) == true, "got \(String(describing: error))", sourceLocation: sourceLocation)
    #expect(seconds < 1, "took \(seconds) s", sourceLocation: sourceLocation)
    // The same file read into memory first must fail the same way, with the same words.
    guard let file = try? FileBytes.read(path: url.path, maxBytes: 64 << 20) else { return }
    let inMemory = xlsxError {
        let book = try Workbook.open(contents: file, limits: limits)
        for sheet in book.sheets { _ = try book.grid(sheetAt: sheet.index) }
    }
    #expect(inMemory == error, "in memory: \(String(describing: inMemory))", sourceLocation: sourceLocation)
}

private func write(_ bytes: [UInt8], _ name: String) throws -> URL {
    let url = try temporaryFile(name)
    try Data(bytes).write(to: url)
    return url
}

private func zip(_ entries: [ZipWriter.Entry], _ name: String = "book.xlsx") throws -> URL {
    let url = try temporaryFile(name)
    try ZipWriter.write(entries, to: url)
    return url
}

@Test func billionLaughsIsRefusedAsUnsafeXML() throws {
    expectError({ $0 == .unsafeXML(part: "xl/sharedStrings.xml") }, opening: try zip(HostileFiles.billionLaughsBook()))
}

@Test func externalEntityIsRefusedAsUnsafeXML() throws {
    expectError({ $0 == .unsafeXML(part: "xl/worksheets/sheet1.xml") }, opening: try zip(HostileFiles.externalEntityBook()))
}

@Test func doctypeIsRefusedInEveryPackagePart() throws {
    for part in ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"] {
        var entries = WorkbookBuilder(sheets: [.init("S", "<sheetData/>")], styles: "<cellXfs/>").entries
        guard let index = entries.firstIndex(where: { $0.name == part }) else { Issue.record("no \(part)"); continue }
        let text = String(decoding: entries[index].data, as: UTF8.self)
        let withDoctype = text.replacingOccurrences(of: "?>", with: "?><!DOCTYPE x [<!ELEMENT x ANY>]>")
        entries[index] = .init(part, withDoctype.hasPrefix("<?xml") ? withDoctype : "<!DOCTYPE x>" + text)
        // The content types are read only when the package relationships do not name the workbook.
        if part == "[Content_Types].xml" { entries.removeAll { $0.name == "_rels/.rels" } }
        expectError({ $0 == .unsafeXML(part: part) }, opening: try zip(entries))
    }
}

@Test func zipBombIsStoppedByTheRatioLimitWhileInflating() throws {
    expectError({ if case .limitExceeded(.compressionRatio, _) = $0 { return true }; return false },
                opening: try zip(HostileFiles.zipBombBook(megabytes: 48)))
}

@Test func totalInflatedLimitIsCountedNotTakenFromHeaders() throws {
    let limits = ReaderLimits(maxTotalInflatedBytes: 4 << 20, maxCompressionRatio: 1 << 20)
    expectError({ if case .limitExceeded(.totalInflatedBytes, _) = $0 { return true }; return false },
                opening: try zip(HostileFiles.zipBombBook(megabytes: 8)), limits: limits)
}

@Test func tooManyEntriesIsALimit() throws {
    var entries = WorkbookBuilder(sheets: [.init("S", "<sheetData/>")]).entries
    for i in 0..<20 { entries.append(.init("junk/\(i).bin", "x")) }
    expectError({ if case .limitExceeded(.entryCount, _) = $0 { return true }; return false },
                opening: try zip(entries), limits: ReaderLimits(maxEntries: 10))
}

@Test func truncatedZipIsCorrupt() throws {
    let whole = try HostileFiles.truncatedBook(keep: Int.max)
    for keep in [whole.count / 2, whole.count - 10, 30] {
        expectError({ if case .corruptArchive = $0 { return true }; return false },
                    opening: try write(Array(whole.prefix(keep)), "cut-\(keep).xlsx"))
    }
}

@Test func randomBytesAreNotAZip() throws {
    var generator = SystemRandomNumberGenerator()
    let bytes = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
    // A random file that happens to start with a zip or CFB signature would test something else.
    let safe = bytes[0] == 0x50 || bytes[0] == 0xD0 ? [0x00] + bytes : bytes
    expectError({ $0 == .notAZip }, opening: try write(safe, "random.xlsx"))
}

@Test func emptyFileIsNotAZip() throws {
    expectError({ $0 == .notAZip }, opening: try write([], "empty.xlsx"))
}

@Test func renamedCSVIsNotAZip() throws {
    expectError({ $0 == .notAZip }, opening: try write(HostileFiles.csv, "renamed.xlsx"))
}

@Test func compoundFileWithEncryptedPackageIsPasswordProtected() throws {
    expectError({ $0 == .passwordProtected }, opening: try write(HostileFiles.compoundFile(streamName: "EncryptedPackage"), "locked.xlsx"))
}

@Test func compoundFileWithoutEncryptedPackageIsLegacyXLS() throws {
    expectError({ $0 == .legacyXLS }, opening: try write(HostileFiles.compoundFile(streamName: "Workbook"), "old.xlsx"))
}

@Test func openDocumentWithoutASpreadsheetBodyIsDamaged() throws {
    expectError({ $0 == .openDocumentSpreadsheet }, opening: try zip(HostileFiles.openDocument(), "sheet.ods"))
}

@Test func zipWithoutWorkbookHasNoWorkbookPart() throws {
    expectError({ $0 == .noWorkbookPart }, opening: try zip([.init("readme.txt", "hello"), .init("data/a.xml", "<a/>")]))
}

@Test func malformedSheetXMLIsReported() throws {
    var entries = WorkbookBuilder(sheets: [.init("S", "<sheetData/>")]).entries
    entries.removeAll { $0.name == "xl/worksheets/sheet1.xml" }
    entries.append(.init("xl/worksheets/sheet1.xml", "<worksheet><sheetData><row><c><v>1</v></row>"))
    expectError({ if case .malformedXML(part: "xl/worksheets/sheet1.xml", _) = $0 { return true }; return false },
                opening: try zip(entries))
}

@Test func missingFileCannotBeOpened() throws {
    expectError({ if case .cannotOpenFile = $0 { return true }; return false },
                opening: URL(fileURLWithPath: "/nonexistent/furikaeri/none.xlsx"))
}

@Test func overlongCellIsALimit() throws {
    let long = String(repeating: "あ", count: 2000)
    let book = WorkbookBuilder(sheets: [.init("S", "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>\(long)</t></is></c></row></sheetData>")])
    expectError({ if case .limitExceeded(.cellBytes, _) = $0 { return true }; return false },
                opening: try zip(book.entries), limits: ReaderLimits(maxCellBytes: 1000))
}

@Test func everyErrorHasJapaneseAndEnglishMessages() {
    let errors: [XLSXError] = [
        .cannotOpenFile(path: "a.xlsx", reason: "x"), .notAZip, .passwordProtected, .legacyXLS, .openDocumentSpreadsheet,
        .corruptArchive(detail: "d"), .noWorkbookPart, .limitExceeded(limit: .cellCount, detail: "d"),
        .unsafeXML(part: "p"), .malformedXML(part: "p", detail: "d"), .sheetIndexOutOfRange(index: 1, count: 1),
    ]
    for error in errors {
        #expect(error.japaneseMessage.contains("ください"), "\(error) tells staff what to do")
        #expect(!error.englishMessage.isEmpty)
        #expect(Set(errors.map(\.japaneseMessage)).count == errors.count)
    }
}

@Test func damagedEntryDataIsCorruptNotJustBadXML() throws {
    var entries = WorkbookBuilder(sheets: [.init("S", "<sheetData/>")]).entries
    entries.removeAll { $0.name == "xl/worksheets/sheet1.xml" }
    entries.append(.init("xl/worksheets/sheet1.xml", "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>MARKER</v></c></row></sheetData></worksheet>", stored: true))
    let url = try temporaryFile("damaged.xlsx")
    try ZipWriter.write(entries, to: url)
    var bytes = [UInt8](try Data(contentsOf: url))
    let marker = Array("MARKER".utf8)
    let at = try #require((0...(bytes.count - marker.count)).first { Array(bytes[$0..<$0 + marker.count]) == marker })
    bytes[at - 2] = UInt8(ascii: "#")  // breaks both the XML (`<v>` becomes `<#>`) and the CRC
    try Data(bytes).write(to: url)
    expectError({ if case .corruptArchive(let detail) = $0 { return detail.contains("CRC") }; return false }, opening: url)
}

/// Damaged copies of a real workbook (bytes overwritten at random places, deterministic seed):
/// each read either succeeds or throws an `XLSXError`; none crashes or hangs.
@Test func randomlyDamagedWorkbooksNeverCrash() throws {
    let rows = (1...30).map { r in "<row r=\"\(r)\"><c r=\"A\(r)\" t=\"s\"><v>\(r % 3)</v></c><c r=\"B\(r)\" s=\"1\"><v>\(45000 + r)</v></c><c r=\"C\(r)\" t=\"inlineStr\"><is><t>行\(r)</t></is></c></row>" }.joined()
    let url = try temporaryFile("base.xlsx")
    try WorkbookBuilder(sheets: [.init("S", "<sheetData>\(rows)</sheetData><mergeCells><mergeCell ref=\"A1:B2\"/></mergeCells>")],
                        sharedStrings: ["<t>a</t>", "<r><t>b</t></r>", "<t>c</t><rPh><t>シー</t></rPh>"],
                        styles: "<numFmts><numFmt numFmtId=\"164\" formatCode=\"yyyy/m/d\"/></numFmts><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/></cellXfs>")
        .write(to: url)
    let original = [UInt8](try Data(contentsOf: url))
    let damage = try readDamagedCopies(of: original, seed: 0x9E37_79B9_7F4A_7C15, fileExtension: "xlsx")
    #expect(damage.opened + damage.refused == 300)
    #expect(damage.refused > 0)
    #expect(damage.seconds < 30)
}
