import Foundation
import Testing
import XLSX
@testable import Forms

/// CPU seconds this thread has used: unlike wall time, not inflated by other work on a shared machine.
private func threadCPUSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// Extraction indexes each sheet once; it must stay a small part of reading a file.
@Suite struct ExtractionSpeedTests {
    @Test func twoThousandSheetsExtractQuickly() throws {
        let extractor = FormExtractor()
        // Fifteen distinct sheets, each extracted many times: little memory held, as in a real batch.
        let pool = (0..<15).map { i in
            i % 2 == 0 ? shifted(seedTableGrid(), rows: i % 5, columns: i % 3)
                : shifted(seedTableGrid(scores: ["4", 3, "５", 4, 3, 4, 5]), rows: i % 5, columns: i % 3)
        }
        let grids = (0..<2_000).lazy.map { pool[$0 % pool.count] }
        let start = threadCPUSeconds()
        var found = 0
        for grid in grids where extractor.extract(grid) != nil { found += 1 }
        let seconds = threadCPUSeconds() - start
        #expect(found == 2_000)
        // CPU time of a debug build (about 4 s here); a release build is several times faster.
        #expect(seconds < 12, "2,000 sheets took \(seconds) s of CPU")
    }

    @Test func aLargeNonFormSheetIsSkippedQuickly() {
        var grid = SheetGrid(name: "データ")
        for row in 0..<5_000 {
            for column in 0..<10 { grid.cells[CellReference(row: row, column: column)] = .number(Double(row * column)) }
            grid.cells[CellReference(row: row, column: 10)] = .text("備考\(row)")
        }
        grid.merged = [CellRange(a1: "A1:Z1000")!]
        let start = threadCPUSeconds()
        #expect(FormExtractor().extract(grid) == nil)
        #expect(threadCPUSeconds() - start < 5)
    }
}
