import Foundation
import TestSupport
@testable import XLSX

/// Writes `builder`'s package to a temporary file and opens it.
func openBuilt(_ builder: WorkbookBuilder, limits: ReaderLimits = .default) throws -> Workbook {
    try openEntries(builder.entries, limits: limits)
}

/// Writes `entries` as a zip to a temporary file and opens it as a workbook.
func openEntries(_ entries: [ZipWriter.Entry], limits: ReaderLimits = .default) throws -> Workbook {
    let url = try temporaryFile("book.xlsx")
    try ZipWriter.write(entries, to: url)
    return try Workbook.open(path: url.path, limits: limits)
}

/// A path in a fresh folder of its own inside this test process's folder, which is removed when
/// the process exits (workbooks are read from their files after opening, so each file must outlive
/// its test; hundreds of folders were left behind by every run).
func temporaryFile(_ name: String) throws -> URL {
    let folder = testFolder.appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.appendingPathComponent(name)
}

/// This test process's temporary folder.
private let testFolder: URL = {
    let folder = (try? makeTemporaryDirectory("xlsx-test"))
        ?? FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-test-\(getpid())")
    atexit { try? FileManager.default.removeItem(at: testFolder) }
    return folder
}()

/// One sheet holding `rows` (the inside of `<sheetData>`), and `after` following it.
func sheet(_ rows: String, after: String = "", name: String = "Sheet1") -> WorkbookBuilder.Sheet {
    WorkbookBuilder.Sheet(name, "<sheetData>\(rows)</sheetData>\(after)")
}

/// Every non-empty cell of the first sheet as `A1 → value`.
func cellsByA1(_ workbook: Workbook, sheet index: Int = 0) throws -> [String: CellValue] {
    let grid = try workbook.grid(sheetAt: index)
    return Dictionary(uniqueKeysWithValues: grid.cells.map { ($0.key.a1, $0.value) })
}

/// The error `body` throws, as an `XLSXError`; nil when it throws nothing or something else.
func xlsxError(_ body: () throws -> Void) -> XLSXError? {
    do { try body() } catch let error as XLSXError { return error } catch { return nil }
    return nil
}

/// Reads 300 copies of `original` with one to four bytes overwritten at places drawn from `seed`
/// (deterministic): how many opened (every sheet read) and how many were refused with an `XLSXError`;
/// anything else (a crash, another error) fails the caller.
func readDamagedCopies(of original: [UInt8], seed: UInt64, fileExtension: String) throws -> (opened: Int, refused: Int, seconds: Double) {
    var state = seed
    func next() -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int(truncatingIfNeeded: state >> 33)
    }
    var opened = 0, refused = 0
    let start = Date()
    for round in 0..<300 {
        var bytes = original
        for _ in 0..<(1 + round % 4) { bytes[next() % bytes.count] = UInt8(truncatingIfNeeded: next()) }
        let damaged = try temporaryFile("damaged\(round).\(fileExtension)")
        try Data(bytes).write(to: damaged)
        do {
            let book = try Workbook.open(path: damaged.path)
            for sheet in book.sheets { _ = try book.grid(sheetAt: sheet.index) }
            opened += 1
        } catch is XLSXError {
            refused += 1
        }
    }
    return (opened, refused, Date().timeIntervalSince(start))
}
