import Foundation
import Forms
import FuzzSupport
import Testing
import TestSupport
@testable import XLSX

/// Property: every generated workbook (valid, then damaged by `WorkbookMutation`s) either reads
/// (every sheet's grid, forms extracted) or fails with a documented `XLSXError` that a file can
/// cause, within 1 s each; and the whole set, read by the `fuzz-workbook` replay binary in a child
/// process, stays under 256 MiB. Fixed seed and count, so CI is fast and repeatable;
/// `FURIKAERI_GENERATOR_SEED` / `FURIKAERI_GENERATOR_COUNT` run a different or longer campaign.
enum GeneratedCampaign {
    static let seed = ProcessInfo.processInfo.environment["FURIKAERI_GENERATOR_SEED"].flatMap { UInt64($0) } ?? 0x00F0_12AE_2026
    static let count = ProcessInfo.processInfo.environment["FURIKAERI_GENERATOR_COUNT"].flatMap { Int($0) } ?? 240

    static let workbooks: [GeneratedWorkbook] = {
        var generator = MutatingWorkbookGenerator(seed: seed)
        let books = (0..<count).map { _ in generator.next() }
        // FURIKAERI_GENERATOR_DUMP=<folder> keeps the workbooks for a look with `fuzz-workbook`.
        if let dump = ProcessInfo.processInfo.environment["FURIKAERI_GENERATOR_DUMP"] {
            try? FileManager.default.createDirectory(atPath: dump, withIntermediateDirectories: true)
            for (n, book) in books.enumerated() {
                let name = String(format: "%04d-", n) + book.mutations.map(\.rawValue).joined(separator: "+") + ".xlsx"
                _ = FileManager.default.createFile(atPath: dump + "/" + name, contents: Data(book.bytes))
            }
        }
        return books
    }()
}

@Test func generatorIsDeterministicAndCoversEveryMutation() {
    var a = MutatingWorkbookGenerator(seed: 7), b = MutatingWorkbookGenerator(seed: 7)
    for _ in 0..<5 {
        let x = a.next(), y = b.next()
        #expect(x.bytes == y.bytes && x.mutations == y.mutations)
    }
    let used = Set(GeneratedCampaign.workbooks.flatMap(\.mutations))
    #expect(used == Set(WorkbookMutation.allCases), "unused: \(Set(WorkbookMutation.allCases).subtracting(used))")
}

@Test func unmutatedGeneratedWorkbooksReadAndReflectionSheetsAreFound() throws {
    var rng = SeededRandom(seed: 11)
    var forms = 0
    for _ in 0..<20 {
        let entries = MutatingWorkbookGenerator.validWorkbook(&rng).map { ZipWriter.Entry($0.name, bytes: $0.data) }
        let book = try openEntries(entries)
        for sheet in book.sheets {
            let grid = try book.grid(sheetAt: sheet.index)
            if let form = FormExtractor().extract(grid) {
                #expect(form.kind == .reflection)
                forms += 1
            }
        }
    }
    #expect(forms > 0, "the generator's reflection sheets are recognised, so mutations reach extraction")
}

@Test func mutatedWorkbooksReadOrFailWithADocumentedErrorWithinASecond() throws {
    let folder = try makeTemporaryDirectory("mutated")
    defer { try? FileManager.default.removeItem(at: folder) }
    let extractor = FormExtractor()
    var outcomes: [String: Int] = [:]
    for (n, book) in GeneratedCampaign.workbooks.enumerated() {
        let url = folder.appendingPathComponent(String(format: "%04d.xlsx", n))
        try Data(book.bytes).write(to: url)
        let start = Date()
        do {
            let workbook = try Workbook.open(path: url.path)
            for sheet in workbook.sheets {
                let grid = try workbook.grid(sheetAt: sheet.index)
                for value in grid.cells.values { if case .dateTime(let d) = value { _ = d.isoString } }
                _ = extractor.extract(grid)
            }
            outcomes["read", default: 0] += 1
        } catch let error as XLSXError {
            if case .sheetIndexOutOfRange = error { Issue.record("\(book.label): sheetIndexOutOfRange for a listed sheet") }
            #expect(!error.japaneseMessage.isEmpty && !error.englishMessage.isEmpty)
            outcomes[error.caseName, default: 0] += 1
        } catch {
            Issue.record("\(book.label): not an XLSXError: \(error)")
        }
        let seconds = Date().timeIntervalSince(start)
        #expect(seconds < 1, "\(book.label) took \(seconds) s")
    }
    // The mutations reach past the zip: some books still read, and several kinds of failure occur.
    #expect(outcomes["read", default: 0] > GeneratedCampaign.count / 10, "\(outcomes)")
    #expect(outcomes.count >= 5, "\(outcomes)")
}

@Test func mutatedWorkbooksStayUnder256MiBAndASecondEachInAChildProcess() throws {
    let folder = try makeTemporaryDirectory("mutated-child")
    defer { try? FileManager.default.removeItem(at: folder) }
    for (n, book) in GeneratedCampaign.workbooks.enumerated() {
        try Data(book.bytes).write(to: folder.appendingPathComponent(String(format: "%04d.xlsx", n)))
    }
    let run = try runMeasured(ReplayBinary.path("fuzz-workbook"), [folder.path])
    #expect(run.status == 0, "the replay ended with \(run.status)")
    #expect(run.peakRSSBytes < 256 << 20, "peak RSS \(run.peakRSSBytes >> 20) MiB")
    let lines = run.stdout.split(separator: "\n")
    #expect(lines.count == GeneratedCampaign.count)
    for line in lines {
        let fields = line.split(separator: "\t")
        guard fields.count == 3, let milliseconds = Double(fields[2]) else { Issue.record("odd line \(line)"); continue }
        let index = Int(URL(fileURLWithPath: String(fields[0])).deletingPathExtension().lastPathComponent) ?? -1
        let label = GeneratedCampaign.workbooks.indices.contains(index) ? GeneratedCampaign.workbooks[index].label : String(fields[0])
        #expect(milliseconds < 1000, "\(label): \(fields[1]) in \(milliseconds) ms")
        #expect(!fields[1].hasPrefix("refused sheetIndexOutOfRange"), "\(label)")
    }
}
