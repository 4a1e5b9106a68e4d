import Core
import Foundation
import Testing
import TestSupport
@testable import XLSX

/// Resource bounds, measured on the `fuzz-workbook` replay binary in a child process (its own
/// peak RSS from `wait4`, its own timing per file): hostile workbooks finish within 1 s and
/// 256 MiB each; a million-cell workbook is refused by the memory it would hold, or by a lowered
/// cell limit, still under 256 MiB.
enum ResourceBounds {
    static let memoryLimit = 256 << 20

    /// Workbooks built to hurt, by name.
    static func hostileBooks() -> [(name: String, entries: [ZipWriter.Entry])] {
        func withSheet(_ xml: String) -> [ZipWriter.Entry] { withSheet(Array(xml.utf8)) }
        func withSheet(_ xml: [UInt8]) -> [ZipWriter.Entry] {
            var entries = WorkbookBuilder(sheets: [.init("S", "<sheetData/>")], sharedStrings: ["<t>x</t>"]).entries
            entries.removeAll { $0.name == "xl/worksheets/sheet1.xml" }
            entries.append(.init("xl/worksheets/sheet1.xml", bytes: xml))
            return entries
        }
        let head = "<worksheet xmlns=\"\(WorkbookBuilder.mainNS)\">"
        var books: [(String, [ZipWriter.Entry])] = [
            ("billion laughs", HostileFiles.billionLaughsBook()),
            ("external entity", HostileFiles.externalEntityBook()),
            ("zip bomb 48 MiB", HostileFiles.zipBombBook(megabytes: 48)),
            ("nesting 100,000 deep", withSheet(head + "<sheetData><row>" + String(repeating: "<c>", count: 100_000) + "</sheetData></worksheet>")),
            ("20,000 overlapping merges", withSheet(head + "<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData><mergeCells>"
                + (0..<20_000).map { "<mergeCell ref=\"A\($0 + 1):T\($0 + 20)\"/>" }.joined() + "</mergeCells></worksheet>")),
            ("row of 40,000 cells without r", withSheet(head + "<sheetData><row>" + String(repeating: "<c><v>1</v></c>", count: 40_000) + "</row></sheetData></worksheet>")),
            ("18-digit row numbers", withSheet(head + "<sheetData>" + (0..<1000).map { "<row r=\"99999999999999\($0 + 1000)\"><c><v>1</v></c></row>" }.joined() + "</sheetData></worksheet>")),
            ("shared-string index 2^64-1", withSheet(head + "<sheetData><row><c t=\"s\"><v>18446744073709551615</v></c><c t=\"s\"><v>-1</v></c></row></sheetData></worksheet>")),
            ("4 MiB cell", withSheet(head + "<sheetData><row><c t=\"inlineStr\"><is><t>" + String(repeating: "あ", count: 1_500_000) + "</t></is></c></row></sheetData></worksheet>")),
        ]
        // 100,000 empty shared strings.
        var strings = WorkbookBuilder(sheets: [.init("S", "<sheetData/>")], sharedStrings: []).entries
        strings.removeAll { $0.name == "xl/sharedStrings.xml" }
        strings.append(.init("xl/sharedStrings.xml", "<sst xmlns=\"\(WorkbookBuilder.mainNS)\">" + String(repeating: "<si/>", count: 100_000) + "</sst>"))
        books.append(("100,000 shared strings", strings))
        // One sheet part listed 5,000 times.
        var repeated = WorkbookBuilder(sheets: [.init("S", "<sheetData>" + String(repeating: "<row><c><v>1</v></c></row>", count: 10_000) + "</sheetData>")]).entries
        let list = (0..<5_000).map { "<sheet name=\"S\($0)\" sheetId=\"\($0 + 9)\" r:id=\"rId1\"/>" }.joined()
        repeated[2] = .init("xl/workbook.xml", String(decoding: repeated[2].data, as: UTF8.self).replacingOccurrences(of: "<sheets>", with: "<sheets>\(list)"))
        books.append(("sheet part listed 5,000 times", repeated))
        return books
    }

    /// Writes `entries` to a fresh file and returns its path.
    static func write(_ entries: [ZipWriter.Entry], _ name: String) throws -> String {
        let url = try makeTemporaryDirectory("bounds").appendingPathComponent(name)
        try ZipWriter.write(entries, to: url)
        return url.path
    }

    /// One replay line: the outcome and the milliseconds the harness took.
    static func parse(_ run: MeasuredRun) -> (outcome: String, milliseconds: Double)? {
        let fields = run.stdout.split(separator: "\n").first?.split(separator: "\t") ?? []
        guard fields.count == 3, let ms = Double(fields[2]) else { return nil }
        return (String(fields[1]), ms)
    }
}

@Test(arguments: ResourceBounds.hostileBooks().map(\.name))
func hostileWorkbookFinishesWithinASecondAndUnder256MiB(_ name: String) throws {
    let book = try #require(ResourceBounds.hostileBooks().first { $0.name == name })
    let path = try ResourceBounds.write(book.entries, "hostile.xlsx")
    defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path) }
    let run = try runMeasured(ReplayBinary.path("fuzz-workbook"), [path])
    #expect(run.status == 0, "\(name): exit \(run.status)")
    let line = try #require(ResourceBounds.parse(run), "\(name): \(run.stdout)")
    #expect(line.milliseconds < 1000, "\(name): \(line.outcome) in \(line.milliseconds) ms")
    #expect(run.peakRSSBytes < ResourceBounds.memoryLimit, "\(name): peak RSS \(run.peakRSSBytes >> 20) MiB")
    #expect(!line.outcome.contains("sheetIndexOutOfRange"))
}

/// The million-cell workbook, written once for the tests below.
enum MillionCells {
    static let path: String? = try? ResourceBounds.write(
        WorkbookBuilder(sheets: [.init("S", "<sheetData/>")]).entries.filter { $0.name != "xl/worksheets/sheet1.xml" }
            + [.init("xl/worksheets/sheet1.xml", bytes: HostileFiles.numberGridSheet(rows: 1_000, columns: 1_000))],
        "million.xlsx")
}

@Test func millionCellWorkbookIsRefusedByTheMemoryLimitUnder256MiB() throws {
    let path = try #require(MillionCells.path)
    let run = try runMeasured(ReplayBinary.path("fuzz-workbook"), [path])
    let line = try #require(ResourceBounds.parse(run), "\(run.stdout)")
    #expect(run.status == 0)
    #expect(line.outcome == "refused limitExceeded.heldBytes")
    #expect(run.peakRSSBytes < ResourceBounds.memoryLimit, "peak RSS \(run.peakRSSBytes >> 20) MiB")
}

@Test func millionCellWorkbookIsRefusedByALowerCellLimitUnder256MiB() throws {
    let path = try #require(MillionCells.path)
    let run = try runMeasured(ReplayBinary.path("fuzz-workbook"), ["--max-cells", "250000", path])
    let line = try #require(ResourceBounds.parse(run), "\(run.stdout)")
    #expect(run.status == 0)
    #expect(line.outcome == "refused limitExceeded.cellCount")
    #expect(run.peakRSSBytes < ResourceBounds.memoryLimit, "peak RSS \(run.peakRSSBytes >> 20) MiB")
}
