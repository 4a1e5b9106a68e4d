import Foundation
import FuzzSupport
import Testing
import TestSupport
@testable import XLSX

/// Every input a fuzz target ever crashed, leaked or timed out on (`make fuzz` copies them into
/// `Tests/Fixtures/fuzz-regressions/<target>/`) is replayed through the same harness: it must now
/// finish, within a second, with a read or a documented error. A crash here ends the test run.
enum FuzzRegressions {
    static let folder = TestPaths.fixtures.appendingPathComponent("fuzz-regressions")

    static func inputs(_ target: String) -> [URL] {
        let dir = folder.appendingPathComponent(target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { dir.appendingPathComponent($0) }
    }

    static let harnesses: [(target: String, run: @Sendable ([UInt8]) -> FuzzOutcome)] = [
        ("fuzz-workbook", { FuzzHarness.workbook($0) }),
        ("fuzz-shared-strings", { FuzzHarness.sharedStrings($0) }),
        ("fuzz-worksheet", { FuzzHarness.worksheet($0) }),
        ("fuzz-form-grid", { FuzzHarness.formGrid($0) }),
    ]
}

@Test func everyFuzzFindingIsReplayedWithoutCrashWithinASecond() throws {
    var replayed = 0
    for harness in FuzzRegressions.harnesses {
        for url in FuzzRegressions.inputs(harness.target) {
            let bytes = Array(try Data(contentsOf: url))
            let start = Date()
            let outcome = harness.run(bytes)
            let seconds = Date().timeIntervalSince(start)
            #expect(seconds < 1, "\(harness.target)/\(url.lastPathComponent) took \(seconds) s")
            if case .refused(.sheetIndexOutOfRange) = outcome { Issue.record("\(url.lastPathComponent): \(outcome)") }
            replayed += 1
        }
    }
    #expect(replayed > 0, "the regression folder holds the findings")
}

@Test func numberWithTwentyDigitsReadsWithoutOverflow() throws {
    // Found by fuzz-worksheet: the integer fast path overflowed before falling back to strtod.
    let cells = try cellsByA1(try openBuilt(WorkbookBuilder(sheets: [sheet(
        "<row r=\"1\"><c r=\"A1\"><v>666666666666666666666</v></c><c r=\"B1\"><v>-99999999999999999999</v></c><c r=\"C1\"><v>12345678901234567890=0</v></c></row>")])))
    #expect(cells["A1"] == .number(666666666666666622976))
    #expect(cells["B1"] == .number(-100000000000000000000))
    #expect(cells["C1"] == .text("12345678901234567890=0"))
}

@Test func dateStyledHugeSerialRendersWithoutOverflow() throws {
    // A date-formatted number far past year 9999 has no calendar date: it shows as the number.
    let styles = "<cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs>"
    let cells = try cellsByA1(try openBuilt(WorkbookBuilder(sheets: [sheet(
        "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>1E+300</v></c><c r=\"B1\" s=\"1\"><v>-9.5e15</v></c><c r=\"C1\" s=\"1\"><v>45383</v></c></row>")],
        styles: styles)))
    guard case .dateTime(let huge) = cells["A1"], case .dateTime(let negative) = cells["B1"], case .dateTime(let normal) = cells["C1"] else {
        Issue.record("date cells expected: \(cells)")
        return
    }
    #expect(huge.isoString == "1e+300")
    #expect(negative.isoString == "-9.5e+15")
    #expect(normal.isoString == "2024-04-01")
    _ = huge.components  // clamped, not trapping
}

@Test func sheetPartListedUnderSeveralNamesIsReadOnce() throws {
    // Found by the mutating generator: 200 sheet entries sharing one part with 24,000 cells made a
    // 40 KB file cost millions of cells and half a minute.
    var entries = WorkbookBuilder(sheets: [sheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>")]).entries
    let index = try #require(entries.firstIndex { $0.name == "xl/workbook.xml" })
    let list = (0..<200).map { "<sheet name=\"S\($0)\" sheetId=\"\($0 + 10)\" r:id=\"rId1\"/>" }.joined()
    entries[index] = .init("xl/workbook.xml", String(decoding: entries[index].data, as: UTF8.self)
        .replacingOccurrences(of: "<sheets>", with: "<sheets>\(list)"))
    let book = try openEntries(entries)
    #expect(book.sheets.map(\.name) == ["S0"])
    #expect(try cellsByA1(book) == ["A1": .number(1)])
}

@Test func workbookListingTenThousandSheetsOpensInLinearTime() throws {
    // Each sheet's relationship used to be found by a linear search: quadratic in the sheet count.
    let count = 10_000
    var entries = WorkbookBuilder(sheets: [sheet("")]).entries
    let sheetList = (0..<count).map { "<sheet name=\"S\($0)\" sheetId=\"\($0 + 1)\" r:id=\"r\($0)\"/>" }.joined()
    let rels = (0..<count).map { "<Relationship Id=\"r\($0)\" Type=\"\(WorkbookBuilder.relNS)/worksheet\" Target=\"worksheets/s\($0).xml\"/>" }.joined()
    for (i, entry) in entries.enumerated() {
        let text = String(decoding: entry.data, as: UTF8.self)
        if entry.name == "xl/workbook.xml" {
            entries[i] = .init(entry.name, text.replacingOccurrences(of: "<sheets>", with: "<sheets>\(sheetList)"))
        } else if entry.name == "xl/_rels/workbook.xml.rels" {
            entries[i] = .init(entry.name, text.replacingOccurrences(of: "</Relationships>", with: "\(rels)</Relationships>"))
        }
    }
    let url = try temporaryFile("many-sheets.xlsx")
    try ZipWriter.write(entries, to: url)
    let start = Date()
    let book = try Workbook.open(path: url.path)
    let seconds = Date().timeIntervalSince(start)
    #expect(book.sheets.count == count + 1)
    #expect(seconds < 1, "took \(seconds) s")
    #expect(xlsxError { _ = try book.grid(sheetAt: 5) } == .corruptArchive(detail: "xl/worksheets/s5.xml is missing"))
}
